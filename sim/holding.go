package sim

import "github.com/precinct-sim/precinct/agents"

// mayDispatch reports whether call c may be given a unit now, extra
// being the units about to be free that the free set does not hold yet: a
// P3 call is held while Dispatch.HoldReserve free units or fewer are
// left, until it has been held Dispatch.HoldMax.
func (e *engine) mayDispatch(c *call, extra int) bool {
	r := e.cfg.Dispatch.HoldReserve
	return c.priority != P3 || r == 0 || c.holdOver || e.free.n+extra > r
}

// hold starts the clock of held call id: it is sent anyway once it has
// waited Dispatch.HoldMax.
func (e *engine) hold(id int32) {
	if m := e.cfg.Dispatch.HoldMax; m > 0 {
		e.schedule(e.now+m, evHoldExpire, id, uint32(e.calls[id].serial))
	}
}

// holdExpire ends the hold of call id (if it still waits): it takes the
// unit the policy chooses if one is free, else the next one to free.
func (e *engine) holdExpire(id int32, tok uint32) {
	c := &e.calls[id]
	if uint32(c.serial) != tok || !c.inQueue {
		return
	}
	e.waiting.overdueNow(id)
	if o := e.chooseFree(c); o != nil {
		e.waiting.remove(id)
		e.assign(o, id)
	}
}

// takeQueued gives o, about to be free, the most urgent waiting call
// that may be dispatched (held P3 calls are passed over), and reports
// whether it did.
func (e *engine) takeQueued(o *agents.Officer) bool {
	q := e.waiting
	if q.len() == 0 {
		return false
	}
	r := e.cfg.Dispatch.HoldReserve
	open := r == 0 || e.free.n+1 > r
	if open {
		e.assign(o, q.pop())
		return true
	}
	id, ok := q.takePassing()
	if ok {
		e.assign(o, id)
	}
	return ok
}
