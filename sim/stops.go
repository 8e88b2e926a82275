package sim

import (
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/agents"
)

// endDwell ends o's current dwell, at its end or early; an officer on
// patrol made proactive stops during the time it dwelt. It returns the
// number of stops.
func (e *engine) endDwell(o *agents.Officer) int {
	m := e.com
	cell := o.Present
	dwelt := m.leave(o, e.now)
	if dwelt > 0 {
		if d := e.crec.clip(o.Arrive, o.Arrive+dwelt); d > 0 {
			m.record(cell).hours += d / 60
		}
		m.bookPresence(cell, dwelt)
	}
	st := &e.cfg.Community.Stops
	if o.State != agents.OnPatrol || st.PerHour <= 0 || dwelt <= 0 {
		return 0
	}
	n := int(distuv.Poisson{Lambda: st.PerHour * dwelt / 60, Src: m.rngOut}.Rand())
	hood := int(m.place.at(cell).hood)
	for k := range n {
		r := m.pop.At(cell, hood, m.rngOut)
		if r < 0 {
			return k
		}
		hit := false
		if m.rngOut.Float64() < st.HitRate {
			if id := m.unrecorded(hood, e.now); id >= 0 {
				hit = true
				e.record(int32(id), cell, viaStop)
				e.crec.arrested(&m.offenses[id])
				m.detain(&m.offenses[id])
			}
		}
		e.crec.stopped(e.now, cell, hood, int(m.pop.Group[r]), hit)
		e.useOfForce(o, encounter{kind: encStop, typ: -1, cell: cell, subject: r}, e.cfg.Force.Stop, e.rngForce)
		if o.Trained {
			// A procedurally just stop is a weak positive contact
			// (MODEL.md 7.18); PJContact 0: it moves no trust.
			if st.PJContact > 0 {
				m.pop.Contact(r, true, st.PJContact, &e.cfg.Community.Trust.Rules)
			}
			if e.crec.in(e.now) {
				e.crec.contacts.StopsPJ++
			}
			continue
		}
		m.pop.Contact(r, false, 1, &e.cfg.Community.Trust.Rules)
		if e.crec.in(e.now) {
			e.crec.contacts.Stops++
		}
	}
	return n
}
