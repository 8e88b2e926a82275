package sim

import (
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// receive takes a call in at the current minute: fill sets its type,
// place and durations; receive records it and dispatches or queues it.
func (e *engine) receive(fill func(*call)) {
	id := e.allocCall()
	c := &e.calls[id]
	c.offense = -1
	fill(c)
	c.received = e.now
	c.inWindow = e.win.in(e.now)
	c.counted = c.inWindow && !c.backup
	c.dispatch = -1
	c.unit = -1
	e.serial++
	c.serial = e.serial
	e.rec.received(c)

	if e.toTeam(id) {
		return
	}
	if o := e.nearestFree(c); o != nil {
		e.assign(o, id)
		return
	}
	if c.priority == P1 && e.preemptOK {
		if o := e.nearestPreemptable(c); o != nil {
			e.preempt(o)
			e.assign(o, id)
			return
		}
	}
	e.enqueue(id)
}

func (e *engine) enqueue(id int32) {
	c := &e.calls[id]
	c.queuedAt = e.now
	c.inQueue = true
	e.waiting.push(id)
	e.rec.enterQueue(c, e.now)
}

// nearestFree returns the free officer (patrolling or engaging) with the
// shortest response time to c, the lowest id among equals, or nil.
func (e *engine) nearestFree(c *call) *agents.Officer {
	return e.nearest(c, func(o *agents.Officer) bool { return o.State.Free() })
}

// nearestPreemptable returns the officer closest to c among those en route
// to or on scene at a P3 call, or nil.
func (e *engine) nearestPreemptable(c *call) *agents.Officer {
	return e.nearest(c, func(o *agents.Officer) bool {
		return (o.State == agents.EnRoute || o.State == agents.OnScene) && !o.OffAfter &&
			e.calls[o.Call].priority == P3
	})
}

func (e *engine) nearest(c *call, ok func(*agents.Officer) bool) *agents.Officer {
	dst := e.cfg.Grid.Center(int(c.cell))
	var best *agents.Officer
	bestT := math.Inf(1)
	for i := range e.officers {
		o := &e.officers[i]
		if !ok(o) {
			continue
		}
		t := e.world.responseTime(o.Pos(e.now), dst)
		if o.State == agents.Engage {
			t += e.cfg.Community.Engagement.Delay
		}
		if t < bestT {
			best, bestT = o, t
		}
	}
	return best
}

// preempt takes o off its P3 call, which goes back to the queue keeping
// the service time it still needs.
func (e *engine) preempt(o *agents.Officer) {
	id := int32(o.Call)
	c := &e.calls[id]
	if o.State == agents.OnScene {
		c.service = max(0, c.service-(e.now-c.onScene))
	}
	c.unit = -1
	o.Stop(e.now)
	o.Call = -1
	if c.counted {
		e.rec.preemptions++
	}
	e.enqueue(id)
}

// assign dispatches o to call id at the current minute.
func (e *engine) assign(o *agents.Officer, id int32) {
	c := &e.calls[id]
	if c.inQueue {
		c.inQueue = false
		e.rec.leaveQueue(c, e.now)
	}
	if c.dispatch < 0 {
		c.dispatch = e.now
		e.rec.dispatched(c, e.now)
	}
	c.unit = int32(o.ID)
	o.Call = int(id)
	o.Token++
	wait := e.cfg.Travel.Turnout
	if o.State == agents.Engage {
		wait += e.cfg.Community.Engagement.Delay
	}
	e.leaveFree(o)
	e.setState(o, agents.EnRoute)
	dst := e.cfg.Grid.Center(int(c.cell))
	o.Move(e.now, wait, dst, e.world.responseDrive(o.Pos(e.now), dst))
	e.schedule(o.Arrive, evArrive, int32(o.ID), o.Token)
}

func (e *engine) arrive(o *agents.Officer) {
	c := &e.calls[o.Call]
	e.setState(o, agents.OnScene)
	c.onScene = e.now
	if !c.arrived {
		c.arrived = true
		c.firstAt = e.now
		e.rec.firstArrival(c, e.now)
	}
	e.schedule(e.now+c.service, evServiceEnd, int32(o.ID), o.Token)
}

func (e *engine) serviceEnd(o *agents.Officer) {
	c := &e.calls[o.Call]
	c.service = 0
	arrested := false
	if c.offense >= 0 {
		arrested = e.crimeCallServed(c)
	}
	e.encounter(o, c, arrested)
	e.setState(o, agents.Report)
	e.schedule(e.now+c.report, evReportEnd, int32(o.ID), o.Token)
}

func (e *engine) reportEnd(o *agents.Officer) {
	e.freeCalls = append(e.freeCalls, int32(o.Call))
	o.Call = -1
	e.becomeFree(o)
}
