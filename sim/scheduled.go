package sim

import (
	"math/rand/v2"
	"slices"
)

// eventStart begins scheduled event i.
func (e *engine) eventStart(i int) {
	ev := &e.cfg.Events[i]
	switch ev.Kind {
	case EventSurge:
		if g := e.surges[i]; g != nil {
			if t := g.next(e.now); t < ev.End {
				e.schedule(t, evSurgeCall, int32(i), 0)
			}
		}
	case EventIncident:
		if e.prec.in(e.now) {
			e.prec.incidents++
		}
		if e.com == nil {
			return
		}
		f := &e.cfg.Force
		m := f.Mitigation(f.Cameras) * ev.Severity
		rules := &e.cfg.Community.Trust.Rules
		e.com.pop.Shock(-1, f.IncidentPrecinct*m, rules)
		if ev.Hood >= 0 {
			e.com.pop.Shock(ev.Hood, f.IncidentHood*m, rules)
		}
	case EventRoster:
		copy(e.roster.posts, ev.Officers)
		if ev.Teams != nil {
			copy(e.teamRoster.posts, ev.Teams)
		}
		e.resizeShifts()
	case EventAid:
		e.roster.aid += ev.Extra
		e.resizeShifts()
	}
}

// eventEnd ends scheduled event i (surges end by themselves).
func (e *engine) eventEnd(i int) {
	if ev := &e.cfg.Events[i]; ev.Kind == EventAid {
		e.roster.aid -= ev.Extra
		e.resizeShifts()
	}
}

// surgeCall takes in the next call of surge i and schedules the one after.
func (e *engine) surgeCall(i int) {
	g := e.surges[i]
	e.receive(func(c *call) { g.fill(c, e.now) })
	if t := g.next(e.now); t < e.cfg.Events[i].End {
		e.schedule(t, evSurgeCall, int32(i), 0)
	}
}

// newSurgeGen returns the generator of surge ev's calls: the scenario's
// call types in their usual mix and hourly profiles, scaled to the
// surge's extra calls a day, placed by its cell weights.
func newSurgeGen(cfg *Config, ev *Event, r *rand.Rand, tag uint64) *callGen {
	var total float64
	for _, t := range cfg.CallTypes {
		total += t.PerDay
	}
	types := slices.Clone(cfg.CallTypes)
	for i := range types {
		if total > 0 {
			types[i].PerDay *= ev.SurgePerDay / total
		}
	}
	return newCallGen(types, ev.SurgeWeight, r, tag)
}
