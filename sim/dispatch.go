package sim

import (
	"math"
	"math/bits"

	"github.com/precinct-sim/precinct/agents"
)

// receive takes a call in at the current minute: fill sets its type,
// place and durations; receive records it, and the call reaches the
// dispatcher when its processing is done (at once without processing).
func (e *engine) receive(fill func(*call)) {
	id := e.allocCall()
	c := &e.calls[id]
	c.offense = -1
	fill(c)
	c.beat = e.world.place.at(int(c.cell)).beat
	c.received = e.now
	c.inWindow = e.win.in(e.now)
	c.counted = c.inWindow && !c.backup
	c.dispatch = -1
	c.unit = -1
	e.serial++
	c.serial = e.serial
	e.rec.received(c)
	if d := e.processing(c); d > 0 {
		c.ready = e.now + d
		e.schedule(c.ready, evCallReady, id, 0)
		return
	}
	c.ready = e.now
	e.ready(id)
}

// ready hands call id to the dispatcher: a telephone report, a
// co-responder team, a free unit (unless the call is held), or the
// queue; a P1 call that finds no free unit may interrupt
// officer-initiated work or a meal, or preempt a P3 call; with zero line
// capacity a call that finds no free unit is lost.
func (e *engine) ready(id int32) {
	if e.telephone(id) || e.toTeam(id) {
		return
	}
	e.police(id)
}

// police dispatches call id to police: a free unit (unless the call is
// held), an interrupted or preempted one for a P1 call, or the queue.
func (e *engine) police(id int32) {
	c := &e.calls[id]
	e.drawUnits(c)
	if o := e.chooseFree(c); o != nil {
		if e.mayDispatch(c, 0) {
			e.assign(o, id)
			return
		}
		e.enqueue(id)
		e.hold(id)
		return
	}
	if e.cfg.Dispatch.Lost {
		e.rec.lostCall(c)
		e.freeCalls = append(e.freeCalls, id)
		return
	}
	if c.priority == P1 {
		// Only officers on officer-initiated work or out of service can
		// be interrupted: with none, there is no one to look for.
		if e.inState[agents.SelfInit]+e.inState[agents.OutOfService] > 0 {
			if o := e.choose(c, &e.everyone, e.interruptible); o != nil {
				e.interrupt(o)
				e.assign(o, id)
				return
			}
		}
		if e.preemptOK {
			if o := e.nearestPreemptable(c); o != nil {
				e.preempt(o)
				e.assign(o, id)
				return
			}
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

// nearestPreemptable returns the officer closest to c among the primary
// units en route to or on scene at a P3 call, or nil.
func (e *engine) nearestPreemptable(c *call) *agents.Officer {
	return e.nearest(c, &e.everyone, func(o *agents.Officer) bool {
		return (o.State == agents.EnRoute || o.State == agents.OnScene) && !o.OffAfter && !o.Secondary &&
			e.calls[o.Call].priority == P3
	}, -1)
}

// chooseFree returns the free unit the dispatch policy sends to c, or
// nil.
func (e *engine) chooseFree(c *call) *agents.Officer { return e.choose(c, &e.free, nil) }

// choose returns the unit the dispatch policy sends to c among the
// members of pool that ok accepts (all of them when ok is nil), or nil:
// the one with the shortest response time, ties to the lowest id, first
// among the call's beat (and then its adjacent beats) when the policy
// says so.
func (e *engine) choose(c *call, pool *unitSet, ok func(*agents.Officer) bool) *agents.Officer {
	beat := int(c.beat)
	switch e.cfg.Dispatch.Policy {
	case DispatchBeat:
		if o := e.nearest(c, pool, ok, beat); o != nil {
			return o
		}
	case DispatchBeatAdjacent:
		if o := e.nearest(c, pool, ok, beat); o != nil {
			return o
		}
		if o := e.nearestAdjacent(c, pool, ok, beat); o != nil {
			return o
		}
	}
	return e.nearest(c, pool, ok, -1)
}

// nearestAdjacent returns the member of pool that ok accepts (all when
// ok is nil), of a beat adjacent to beat, with the shortest response time
// to c, the lowest id among equals, or nil. Among the free units it looks
// at those of the adjacent beats only: the union of their free sets.
func (e *engine) nearestAdjacent(c *call, pool *unitSet, ok func(*agents.Officer) bool, beat int) *agents.Officer {
	adj := e.world.adjacent[beat]
	if pool != &e.free {
		return e.nearest(c, pool, func(o *agents.Officer) bool { return adj[o.Beat] && (ok == nil || ok(o)) }, -1)
	}
	u := &e.freeNear
	if u.words == nil {
		*u = newUnitSet(len(e.officers), false)
	}
	clear(u.words)
	u.n = 0
	for b, near := range adj {
		if !near || e.freeIn[b].n == 0 {
			continue
		}
		for i, w := range e.freeIn[b].words {
			u.words[i] |= w
		}
		u.n += e.freeIn[b].n
	}
	return e.nearest(c, u, ok, -1)
}

// nearest returns the member of pool that ok accepts (all when ok is
// nil), of beat beat (or any when beat is -1), with the shortest response
// time to c, the lowest id among equals, or nil. It visits the members
// in ascending id order, as a scan of every officer would; among the
// free units of one beat it visits that beat's free set only.
func (e *engine) nearest(c *call, pool *unitSet, ok func(*agents.Officer) bool, beat int) *agents.Officer {
	if pool == &e.free && beat >= 0 {
		pool, beat = &e.freeIn[beat], -1
	}
	if pool.n == 0 {
		return nil
	}
	clock := e.responseClock(e.cfg.Grid.Center(int(c.cell)), c.priority)
	var best *agents.Officer
	// bestD is the best unit's distance when it is not engaged, else
	// +Inf: a unit farther away than it cannot arrive sooner (the
	// response time grows with the distance, rounding included, and an
	// engagement only adds its delay), so its time is not worked out.
	bestT, bestD := math.Inf(1), math.Inf(1)
	for wi, w := range pool.words {
		for ; w != 0; w &= w - 1 {
			o := &e.officers[wi<<6|bits.TrailingZeros64(w)]
			if (beat >= 0 && o.Beat != beat) || (ok != nil && !ok(o)) {
				continue
			}
			d := clock.distance(o)
			if d > bestD {
				continue
			}
			if t := clock.time(o, d); t < bestT {
				best, bestT, bestD = o, t, d
				if o.State == agents.Engage {
					bestD = math.Inf(1)
				}
			}
		}
	}
	return best
}

// responseClock is the response time of a unit to one destination at one
// priority as the dispatcher reckons it, its constants taken once for a
// search over many units.
type responseClock struct {
	w                     *world
	dst                   agents.Point
	now                   float64
	turnout, speed, delay float64 // delay: an engaged unit's, to break off
}

// responseClock returns the clock of the response to dst at priority p,
// at the current minute.
func (e *engine) responseClock(dst agents.Point, p Priority) responseClock {
	tr := &e.world.travel
	return responseClock{w: e.world, dst: dst, now: e.now, turnout: tr.Turnout, speed: tr.speed(p), delay: e.cfg.Community.Engagement.Delay}
}

// distance returns the metres officer o drives to the destination from
// where it is.
func (r *responseClock) distance(o *agents.Officer) float64 {
	pos := o.Pos(r.now)
	if r.w.travel.Metric == Manhattan {
		return manhattan(pos, r.dst, r.w.g.CellM)
	}
	return r.w.distance(pos, r.dst)
}

// time returns officer o's response time when it is d metres away:
// turnout and the drive at the speed of the priority
// (world.responseTime), and the delay of breaking off an engagement.
func (r *responseClock) time(o *agents.Officer, d float64) float64 {
	t := r.turnout + d/r.speed
	if o.State == agents.Engage {
		t += r.delay
	}
	return t
}

// preempt takes o off its P3 call, which goes back to the queue keeping
// the service time it still needs; its secondary units stay.
func (e *engine) preempt(o *agents.Officer) {
	id := o.Call
	c := &e.calls[id]
	if o.State == agents.OnScene {
		c.service = max(0, c.service-(e.now-c.onScene))
	}
	c.unit = -1
	c.primaryOn = false
	o.Stop(e.now)
	e.release(o)
	if c.counted {
		e.rec.preemptions++
	}
	e.enqueue(id)
}

// assign dispatches o to call id as its primary unit at the current
// minute; the first time, the call's secondary units are sent with it.
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
	c.unit = o.ID
	e.send(o, id, false)
	if n := c.need; n > 0 {
		c.need = 0
		e.requestUnits(id, int(n))
	}
}

// send moves o to call id as its primary or a secondary unit.
func (e *engine) send(o *agents.Officer, id int32, secondary bool) {
	c := &e.calls[id]
	c.attached++
	e.rec.unitDispatched(c, o.Beat != int(c.beat))
	o.Call = id
	o.Secondary = secondary
	o.Token++
	wait := e.cfg.Travel.Turnout
	if o.State == agents.Engage {
		wait += e.cfg.Community.Engagement.Delay
	}
	e.leaveFree(o)
	e.setState(o, agents.EnRoute)
	dst := e.cfg.Grid.Center(int(c.cell))
	o.Move(e.now, wait, dst, e.world.responseDrive(o.Pos(e.now), dst, c.priority))
	e.schedule(o.Arrive, evArrive, o.ID, o.Token)
}

// release detaches o from its call; the call's slot is reused once its
// primary has cleared and no unit is attached.
func (e *engine) release(o *agents.Officer) {
	e.setState(o, o.State) // book the time at the call in its role
	id := o.Call
	c := &e.calls[id]
	o.Call = -1
	o.Secondary = false
	c.attached--
	if c.attached == 0 && c.cleared {
		e.freeCalls = append(e.freeCalls, id)
	}
}

func (e *engine) arrive(o *agents.Officer) {
	id := o.Call
	c := &e.calls[id]
	e.setState(o, agents.OnScene)
	if !c.arrived {
		c.arrived = true
		c.firstAt = e.now
		e.rec.firstArrival(c, e.now)
	}
	e.rec.unitArrived(c)
	if o.Secondary {
		rem := c.service
		if c.primaryOn {
			rem = c.onScene + c.service - e.now
		}
		share := e.cfg.CallTypes[c.typ].SecondaryShare
		e.schedule(e.now+share*max(rem, 0), evServiceEnd, o.ID, o.Token)
		return
	}
	c.onScene = e.now
	c.primaryOn = true
	if c.wantBackup {
		c.wantBackup = false
		e.requestUnits(id, 1)
	}
	e.schedule(e.now+c.service, evServiceEnd, o.ID, o.Token)
}

func (e *engine) serviceEnd(o *agents.Officer) {
	if o.Secondary {
		e.release(o)
		e.becomeFree(o)
		return
	}
	c := &e.calls[o.Call]
	c.service = 0
	c.primaryOn = false
	c.cleared = true
	arrested := false
	if c.offense >= 0 {
		arrested = e.crimeCallServed(c, true)
	}
	if arrested = e.encounter(o, c, arrested); arrested && e.transport(o, c) {
		return
	}
	e.setState(o, agents.Report)
	if c.report == 0 && !e.events.dueAt(e.now) {
		// No report to write, and the end of one scheduled now would be
		// the next event out: it is handled at once.
		e.reportEnd(o)
		return
	}
	e.schedule(e.now+c.report, evReportEnd, o.ID, o.Token)
}

func (e *engine) reportEnd(o *agents.Officer) {
	e.release(o)
	e.becomeFree(o)
}
