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
// complaint. It reports whether the encounter ended in an arrest. Its
// draws are the call's keyed ones (purposePolice): the first settles the
// arrest, the next five the force (forceDraws), and those after pick the
// subject.
func (e *engine) encounter(o *agents.Officer, c *call, arrested bool) bool {
	d := e.keyedDraws(c.key, purposePolice)
	ct := &e.cfg.CallTypes[c.typ]
	if c.offense < 0 {
		arrested = d.uniform(1) < ct.Arrest
	}
	kind, p := encCall, ct.Force
	if arrested {
		kind, p = encArrest, e.cfg.Force.Arrest
		if e.prec.in(e.now) {
			e.prec.arrests++
		}
	}
	e.settleForce(o, encounter{kind: kind, typ: int(c.typ), cell: int(c.cell), subject: -1}, p, &forceDraws{keyed: d, at: 2}, nil)
	return arrested
}

// forceDraws are the five uniform draws in [0, 1) that settle an
// encounter, by number: force, civilian injury, officer injury,
// complaint, sustained. At a stop they are made in turn from a stream
// (u); at a call they are positions at to at+4 of the call's keyed
// draws, read only where an outcome needs them (the injuries with force,
// sustained with a complaint), which gives the outcomes of the five
// drawn in turn.
type forceDraws struct {
	u     [5]float64
	keyed keyedDraws
	at    int // the keyed position of draw 0; 0: the draws are u
}

// draw returns draw i.
func (d *forceDraws) draw(i int) float64 {
	if d.at == 0 {
		return d.u[i]
	}
	return d.keyed.uniform(d.at + i)
}

// useOfForce draws whether officer o uses force (with probability p,
// less when trained in de-escalation) in encounter en, and what follows:
// injuries, a complaint and its outcome, and the trust the subject and
// its ties lose. It always makes the same draws from r.
func (e *engine) useOfForce(o *agents.Officer, en encounter, p float64, r *rand.Rand) {
	var d forceDraws
	for i := range d.u {
		d.u[i] = r.Float64()
	}
	e.settleForce(o, en, p, &d, r)
}

// settleForce is useOfForce with its draws d; r makes the draws that
// pick the subject, nil: those after d's keyed ones.
func (e *engine) settleForce(o *agents.Officer, en encounter, p float64, d *forceDraws, r *rand.Rand) {
	f := &e.cfg.Force
	if o.Deescal {
		p *= 1 - f.DeescalationEffect
	}
	force := d.draw(0) < p
	civ := force && d.draw(1) < f.CivilianInjury
	off := force && d.draw(2) < f.OfficerInjury
	pc := f.ComplaintOther
	if force {
		pc = f.Complaint
	}
	complaint := d.draw(3) < pc
	camera := 0.0
	if o.Camera {
		camera = 1
	}
	ps := f.Sustained * (1 + f.CameraSustained*camera)
	if f.Oversight {
		ps *= 1 + f.OversightSustained
	}
	sustained := complaint && d.draw(4) < ps
	e.prec.encounter(e.now, en, outcome{force: force, civInjury: civ, offInjury: off,
		complaint: complaint, sustained: sustained})
	if !force || e.com == nil || f.SubjectTrust == 0 {
		return
	}
	if r == nil {
		r = e.after(d.keyed, d.at+4)
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
