package sim

import (
	"math/rand/v2"

	"github.com/precinct-sim/precinct/agents"
)

// Kinds of police encounter.
const (
	encCall   = iota // a call answered without arrest
	encArrest        // a call answered with an arrest
	encStop          // a proactive stop
	numEnc
)

// encounter is one police encounter: its kind, the call type (-1 at a
// stop), the cell and the resident met (-1: someone at the cell).
type encounter struct {
	kind, typ, cell, subject int
}

// outcome is what came of an encounter.
type outcome struct {
	force     bool // force was used
	civInjury bool // the civilian was injured (only with force)
	offInjury bool // the officer was injured (only with force)
	complaint bool // a complaint was filed
	sustained bool // the complaint was sustained (only with a complaint)
}

// encounter settles a police response at the end of its scene: an arrest
// (known already for a crime call), perhaps force, injuries and a
// complaint. It reports whether the encounter ended in an arrest.
func (e *engine) encounter(o *agents.Officer, c *call, arrested bool) bool {
	// r is e.keyRand over e.keyPCG: the draws below come from that
	// source itself, as r.Float64 would make them, without a call through
	// r's interface for each.
	r := e.keyed(c.key, purposePolice)
	ct := &e.cfg.CallTypes[c.typ]
	if u := uniform(e.keyPCG); c.offense < 0 {
		arrested = u < ct.Arrest
	}
	kind, p := encCall, ct.Force
	if arrested {
		kind, p = encArrest, e.cfg.Force.Arrest
		if e.prec.in(e.now) {
			e.prec.arrests++
		}
	}
	var u forceDraws
	for i := range u {
		u[i] = uniform(e.keyPCG)
	}
	e.settleForce(o, encounter{kind: kind, typ: int(c.typ), cell: int(c.cell), subject: -1}, p, &u, r)
	return arrested
}

// uniform draws a number in [0, 1) from src, the number
// rand.New(src).Float64 would draw.
func uniform(src *rand.PCG) float64 { return float64(src.Uint64()<<11>>11) / (1 << 53) }

// forceDraws are the uniform draws in [0, 1) that settle an encounter:
// force, civilian injury, officer injury, complaint, sustained.
type forceDraws [5]float64

// useOfForce draws whether officer o uses force (with probability p,
// less when trained in de-escalation) in encounter en, and what follows:
// injuries, a complaint and its outcome, and the trust the subject and
// its ties lose. It always makes the same draws from r.
func (e *engine) useOfForce(o *agents.Officer, en encounter, p float64, r *rand.Rand) {
	var u forceDraws
	for i := range u {
		u[i] = r.Float64()
	}
	e.settleForce(o, en, p, &u, r)
}

// settleForce is useOfForce with its first draws made, u; r makes the
// draws that pick the subject.
func (e *engine) settleForce(o *agents.Officer, en encounter, p float64, u *forceDraws, r *rand.Rand) {
	f := &e.cfg.Force
	if o.Deescal {
		p *= 1 - f.DeescalationEffect
	}
	force := u[0] < p
	civ := u[1] < f.CivilianInjury
	off := u[2] < f.OfficerInjury
	pc := f.ComplaintOther
	if force {
		pc = f.Complaint
	}
	complaint := u[3] < pc
	camera := 0.0
	if o.Camera {
		camera = 1
	}
	ps := f.Sustained * (1 + f.CameraSustained*camera)
	if f.Oversight {
		ps *= 1 + f.OversightSustained
	}
	sustained := u[4] < ps
	e.prec.encounter(e.now, en, outcome{force: force, civInjury: force && civ, offInjury: force && off,
		complaint: complaint, sustained: complaint && sustained})
	if !force || e.com == nil || f.SubjectTrust == 0 {
		return
	}
	m := e.com
	subject := en.subject
	if subject < 0 {
		hood := e.cfg.Grid.Neighborhood[en.cell]
		if subject = m.pop.At(en.cell, hood, r); subject < 0 {
			if in := m.pop.InHood(hood); len(in) > 0 {
				subject = int(in[r.IntN(len(in))])
			}
		}
	}
	if subject >= 0 {
		m.pop.Contact(subject, false, f.SubjectTrust*f.Mitigation(camera), &e.cfg.Community.Trust.Rules)
	}
}
