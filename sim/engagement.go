package sim

import "github.com/precinct-sim/precinct/agents"

// engage starts a community-engagement session: the officer goes to a
// random cell of its beat and spends the session there.
func (e *engine) engage(o *agents.Officer) {
	e.setState(o, agents.Engage)
	o.Token++
	dst := e.world.RandomPointInBeat(o.Beat, e.rngPatrol)
	o.Move(e.now, 0, dst, e.world.patrolTime(o.Pos(e.now), dst))
	end := o.Arrive + e.cfg.Community.Engagement.Session
	e.com.plan(o, dst, o.Arrive, end)
	e.schedule(end, evEngageEnd, o.ID, o.Token)
}

// engageEnd completes a session: the officer meets residents of its beat
// (positive contacts) and works on the beat's worst place (problem
// solving), then moves on to its next stretch of free time.
func (e *engine) engageEnd(o *agents.Officer) {
	m := e.com
	en := &e.cfg.Community.Engagement
	cells := e.world.beatCells[o.Beat]
	for range en.Contacts {
		if r := m.pop.InCells(cells, m.rngOut); r >= 0 {
			m.pop.ProgrammeContact(r, true, 1, &e.cfg.Community.Trust.Rules)
			if e.crec.in(e.now) {
				e.crec.contacts.Engagement++
			}
		}
	}
	if en.ProblemCut > 0 {
		if c := m.field.SolveProblem(cells, en.ProblemCut, en.ProblemFloor); c >= 0 {
			m.reweightCut(c, e.now)
		}
	}
	if e.crec.in(e.now) {
		e.crec.sessions++
	}
	e.patrol(o)
}
