package sim

import (
	"context"
	"fmt"
)

// CallRecord is one call for service of a replicate as a dispatch system
// would log it (RunCalls): when it came in, when call processing ended,
// when the first unit was sent and reached the scene, and when the
// primary unit's scene was over. Times are minutes since the start of the
// warm-up; a step that did not happen is -1.
type CallRecord struct {
	Serial   uint64 // order of arrival, from 1
	Type     string // the call type's name
	Priority int
	Cell     int
	Received float64
	Ready    float64 // end of call processing: the call reaches the dispatcher (set, ahead, when the call comes in)
	Dispatch float64 // first unit sent
	Arrived  float64 // first unit on scene
	Cleared  float64 // the primary unit's time on scene ended
	InWindow bool    // received after the warm-up, in the measured window
	Team     bool    // a co-responder team held it
}

// RunCalls simulates replicate rep of cfg as Run does and calls fn with
// the record of every call for service (not a team's request for police
// backup) as its slot is given back, received-order not guaranteed;
// calls still open when the run ends are passed last, with their missing
// steps -1. A call given back in the very event it came in (a telephone
// report or a lost call without processing time: no unit was sent) is
// not seen. Like RunTraced it reuses the engine's after-event hook, so
// the run takes exactly the steps of an untraced one: its Result is
// Run's.
func RunCalls(ctx context.Context, cfg Config, rep int, fn func(CallRecord)) (*Result, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	e := newEngine(&cfg, rep)
	l := &callLog{fn: fn}
	e.afterEvent = l.after
	if err := e.run(ctx); err != nil {
		return nil, fmt.Errorf("sim: logging calls: %w", err)
	}
	for id := range l.open {
		if l.open[id].Serial != 0 {
			fn(l.open[id])
		}
	}
	return e.finish(), nil
}

// callLog follows the engine's call slots from event to event: a slot
// whose serial changed holds a new call; a slot in the free list gives
// its call back.
type callLog struct {
	open []CallRecord // per slot, the call it holds (Serial 0: none)
	free []bool
	fn   func(CallRecord)
}

func (l *callLog) after(e *engine) {
	for len(l.open) < len(e.calls) {
		l.open = append(l.open, CallRecord{})
		l.free = append(l.free, false)
	}
	clear(l.free)
	for _, id := range e.freeCalls {
		l.free[id] = true
	}
	for id := range e.calls {
		c := &e.calls[id]
		r := &l.open[id]
		if r.Serial != 0 && (l.free[id] || r.Serial != c.serial) {
			if r.Cleared < 0 && r.Arrived >= 0 {
				r.Cleared = e.now
			}
			l.fn(*r)
			*r = CallRecord{}
		}
		if l.free[id] || c.serial == 0 || c.backup {
			continue
		}
		if r.Serial == 0 {
			*r = CallRecord{Serial: c.serial, Type: e.cfg.CallTypes[c.typ].Name, Priority: int(c.priority), Cell: int(c.cell),
				Received: c.received, Ready: c.ready, Dispatch: -1, Arrived: -1, Cleared: -1, InWindow: c.inWindow}
		}
		if r.Dispatch < 0 && c.dispatch >= 0 {
			r.Dispatch = c.dispatch
		}
		if r.Arrived < 0 && c.arrived {
			r.Arrived = c.firstAt
		}
		if r.Cleared < 0 && c.cleared {
			r.Cleared = e.now
		}
		r.Team = r.Team || c.team
	}
}
