package sim

import (
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// becomeFree is called when o has nothing to do: it goes off duty if its
// shift has ended, else takes the most urgent waiting call that may be
// dispatched, else joins a call still waiting for a secondary unit, else
// takes an out-of-service episode that is due, else patrols.
func (e *engine) becomeFree(o *agents.Officer) {
	switch {
	case o.OffAfter:
		e.goOff(o)
	case e.takeQueued(o), e.takePending(o), e.takeOOS(o):
	default:
		e.patrol(o)
	}
}

// patrol starts a free officer's next stretch of free time: the time its
// pedestrian stops of the dwell just ended take, if any; else community
// engagement if it is short of its engagement share, else a patrol leg
// to its next patrol point. Free time runs the clock of
// officer-initiated work.
func (e *engine) patrol(o *agents.Officer) {
	if e.com != nil {
		e.setState(o, o.State) // book the stretch just ended before deciding
		if e.stopsTime(o, e.endDwell(o)) {
			return
		}
		e.armSelfInit(o)
		if o.ShouldEngage(e.cfg.Community.Engagement.Share) {
			e.engage(o)
			return
		}
	}
	e.setState(o, agents.OnPatrol)
	e.armSelfInit(o)
	o.Token++
	leg, ok := e.cfg.Patrol.Next(o, e.world, e.now, e.rngPatrol)
	if !ok {
		o.Stop(e.now)
		return
	}
	o.Move(e.now, 0, leg.To, e.world.patrolTime(o.Pos(e.now), leg.To))
	if leg.Visit {
		o.NextVisit = o.Arrive + e.cfg.Patrol.Interval
	}
	if e.com != nil {
		e.com.plan(o, leg.To, o.Arrive, o.Arrive+leg.Dwell)
	}
	if next := o.Arrive + leg.Dwell; next > e.now {
		e.schedule(next, evPatrolLeg, o.ID, o.Token)
	}
	// A leg of no duration (zero distance and zero dwell) would repeat
	// at the same minute forever: the officer stays until its next call.
}

// leaveFree ends an officer's free time: the clock of officer-initiated
// work stops, the officer stops dwelling, and an engagement session in
// progress is cut short.
func (e *engine) leaveFree(o *agents.Officer) {
	e.disarmSelfInit(o)
	if e.com == nil {
		return
	}
	e.endDwell(o)
	if o.State == agents.Engage && e.crec.in(e.now) {
		e.crec.interrupted++
	}
}

// plan books o's coming dwell in the cell of point p over [from, to].
func (m *presence) plan(o *agents.Officer, p agents.Point, from, to float64) {
	c := min(max(int(p.Y), 0), m.h-1)*m.w + min(max(int(p.X), 0), m.w-1)
	cp := m.record(c)
	if from > cp.dwellTo {
		cp.dwellFrom = from
	} else {
		cp.dwellFrom = min(cp.dwellFrom, from)
	}
	cp.dwellTo = max(cp.dwellTo, to)
	o.Present, o.DwellEnd = c, to
}

// leave ends o's dwell at minute t (early if it is pulled away), leaves
// the dwell's residual deterrence in its cell, and returns the minutes it
// actually dwelt.
func (m *presence) leave(o *agents.Officer, t float64) float64 {
	c := o.Present
	if c < 0 {
		return 0
	}
	o.Present = -1
	dwelt := max(0, min(t, o.DwellEnd)-o.Arrive)
	if dwelt > 0 {
		m.departed(c, dwelt, o.Arrive+dwelt)
	}
	cp := m.get(c)
	if cp == nil || t >= o.DwellEnd || cp.dwellTo != o.DwellEnd {
		return dwelt
	}
	switch {
	case t > cp.dwellFrom:
		cp.dwellTo = t // cut short: the cover ends now
	case cp.dwellFrom == o.Arrive:
		// Pulled away before arriving, and nobody else covers the cell:
		// the planned cover never happened.
		cp.dwellFrom, cp.dwellTo = math.Inf(-1), math.Inf(-1)
	}
	return dwelt
}
