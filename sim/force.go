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

// encounter settles a police response at the end of its scene: an arrest
// (known already for a crime call), perhaps force, injuries and a
// complaint.
func (e *engine) encounter(o *agents.Officer, c *call, arrested bool) {
	r := e.keyed(c.key, purposePolice)
	ct := &e.cfg.CallTypes[c.typ]
	if u := r.Float64(); c.offense < 0 {
		arrested = u < ct.Arrest
	}
	kind, p := encCall, ct.Force
	if arrested {
		kind, p = encArrest, e.cfg.Force.Arrest
		if e.prec.in(e.now) {
			e.prec.arrests++
		}
	}
	e.useOfForce(o, kind, int(c.typ), int(c.cell), -1, p, r)
}

// useOfForce draws whether officer o uses force (with probability p,
// less when trained in de-escalation) in an encounter of the given kind
// at cell, against resident subject (-1: someone at the cell), and what
// follows: injuries, a complaint and its outcome, and the trust the
// subject and its ties lose. It always makes the same draws from r.
func (e *engine) useOfForce(o *agents.Officer, kind, typ, cell, subject int, p float64, r *rand.Rand) {
	f := &e.cfg.Force
	if o.Deescal {
		p *= 1 - f.DeescalationEffect
	}
	force := r.Float64() < p
	civ := r.Float64() < f.CivilianInjury
	off := r.Float64() < f.OfficerInjury
	pc := f.ComplaintOther
	if force {
		pc = f.Complaint
	}
	complaint := r.Float64() < pc
	camera := 0.0
	if o.Camera {
		camera = 1
	}
	ps := f.Sustained * (1 + f.CameraSustained*camera)
	if f.Oversight {
		ps *= 1 + f.OversightSustained
	}
	sustained := r.Float64() < ps
	e.prec.encounter(e.now, kind, typ, force, force && civ, force && off, complaint, complaint && sustained)
	if !force || e.com == nil || f.SubjectTrust == 0 {
		return
	}
	m := e.com
	if subject < 0 {
		hood := e.cfg.Grid.Neighborhood[cell]
		if subject = m.pop.At(cell, hood, r); subject < 0 {
			if in := m.pop.InHood(hood); len(in) > 0 {
				subject = int(in[r.IntN(len(in))])
			}
		}
	}
	if subject >= 0 {
		m.pop.Contact(subject, false, f.SubjectTrust*f.Mitigation(camera), &e.cfg.Community.Trust.Rules)
	}
}
