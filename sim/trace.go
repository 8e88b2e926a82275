package sim

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// Frame is the state of a replicate at one minute of a trace (RunTraced):
// where every officer on duty and every co-responder team is and what it
// does, the calls open at that minute and the offenses since the frame
// before. Positions are in cell units (the centre of cell i is at
// Grid.Center(i)). A trace is for people watching a day: it measures
// nothing and changes nothing.
type Frame struct {
	Minute   float64         `json:"minute"` // minutes since the start of the warm-up
	Officers []FrameOfficer  `json:"officers"`
	Teams    []FrameTeam     `json:"teams"`
	Calls    []FrameCall     `json:"calls"`
	Offenses []FrameOffense  `json:"offenses"` // those since the previous frame (the first: since the trace's start)
	Free     int             `json:"free"`     // officers on duty and free (patrol or engagement)
	OnDuty   int             `json:"on_duty"`  // officers on duty
	Waiting  int             `json:"waiting"`  // calls waiting in the dispatcher's queue
	States   [NumStatesN]int `json:"states"`   // officers in each duty state (agents.State order)
}

// NumStatesN is the number of officer duty states a Frame counts.
const NumStatesN = int(agents.NumStates)

// FrameOfficer is one officer on duty in a Frame.
type FrameOfficer struct {
	ID    int     `json:"id"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	State string  `json:"state"` // agents.State names: patrol, en_route, on_scene, ...
	Call  uint64  `json:"call"`  // serial of the call it handles, 0 for none
}

// FrameTeam is one co-responder team on duty in a Frame.
type FrameTeam struct {
	ID   int     `json:"id"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Busy bool    `json:"busy"`
}

// FrameCall is one open call in a Frame.
type FrameCall struct {
	Serial   uint64  `json:"serial"` // order of arrival, from 1
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Priority int     `json:"priority"`
	Type     string  `json:"type"`
	// Status is processing (at the call-taker), waiting (in the
	// dispatcher's queue, or for a free co-responder team), dispatched (a unit on its way), on_scene (a
	// unit there) or team (a co-responder team holds it).
	Status   string  `json:"status"`
	Received float64 `json:"received"` // minute the call came in
}

// FrameOffense is one offense in a Frame.
type FrameOffense struct {
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Type string  `json:"type"`
}

// errTraceDone stops a traced run once its last frame is out.
var errTraceDone = errors.New("sim: trace complete")

// RunTraced simulates replicate rep of cfg as Run does and calls frame
// with the state at minutes from, from+step, ... up to but not including
// to (minutes since the start of the warm-up), stopping the run after the
// last frame. It reuses the engine's after-event hook, which untraced
// runs leave nil, so tracing costs nothing when it is off and a traced
// run takes exactly the steps of an untraced one.
func RunTraced(ctx context.Context, cfg Config, rep int, from, to, step float64, frame func(*Frame)) error {
	if err := cfg.check(); err != nil {
		return err
	}
	if !(step > 0) || !(from >= 0) || !(to > from) {
		return fmt.Errorf("sim: trace from %g to %g every %g minutes: want 0 <= from < to and step > 0", from, to, step)
	}
	e := newEngine(&cfg, rep)
	t := &tracer{from: from, next: from, to: to, step: step, frame: frame}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	t.stop = func() { cancel(errTraceDone) }
	e.afterEvent = t.after
	err := e.run(ctx)
	if errors.Is(context.Cause(ctx), errTraceDone) {
		err = nil
	}
	if err != nil {
		return err
	}
	// The horizon ended before to: the frames to the end of the run.
	for t.next < to && t.next <= e.win.to {
		t.emit(e, t.next)
		t.next += t.step
	}
	return nil
}

// tracer emits the frames of RunTraced.
type tracer struct {
	from, next, to, step float64
	offenses             int // offenses already reported or skipped (before from)
	frame                func(*Frame)
	stop                 func()
	done                 bool
}

// after runs after every event: the state it leaves holds until the next
// event, so every frame minute before that event sees it.
func (t *tracer) after(e *engine) {
	if t.done {
		return
	}
	until := math.Inf(1)
	if e.events.len() > 0 {
		until = e.events.top().t
	}
	for t.next < until && t.next < t.to {
		if t.next >= e.now {
			t.emit(e, t.next)
		}
		t.next += t.step
	}
	if t.next >= t.to {
		t.done = true
		t.stop()
	}
}

func (t *tracer) emit(e *engine, m float64) {
	f := &Frame{Minute: m}
	for i := range e.officers {
		o := &e.officers[i]
		if !o.State.OnDuty() {
			continue
		}
		f.OnDuty++
		f.States[o.State]++
		if o.State.Free() {
			f.Free++
		}
		p := o.Pos(m)
		fo := FrameOfficer{ID: int(o.ID), X: p.X, Y: p.Y, State: o.State.String()}
		if o.Call >= 0 && o.State.HeldByCall() {
			fo.Call = e.calls[o.Call].serial
		}
		f.Officers = append(f.Officers, fo)
	}
	for i := range e.teams {
		tm := &e.teams[i]
		if tm.OnDuty {
			f.Teams = append(f.Teams, FrameTeam{ID: tm.ID, X: tm.Pos.X, Y: tm.Pos.Y, Busy: tm.Busy})
		}
	}
	free := make(map[int32]bool, len(e.freeCalls))
	for _, id := range e.freeCalls {
		free[id] = true
	}
	for id := range e.calls {
		c := &e.calls[id]
		if free[int32(id)] || c.serial == 0 {
			continue
		}
		p := e.cfg.Grid.Center(int(c.cell))
		fc := FrameCall{Serial: c.serial, X: p.X, Y: p.Y, Priority: int(c.priority), Type: e.cfg.CallTypes[c.typ].Name, Received: c.received}
		switch {
		case c.inQueue:
			fc.Status = "waiting"
			f.Waiting++
		case c.teamWait:
			fc.Status = "waiting"
		case c.team:
			fc.Status = "team"
		case c.arrived:
			fc.Status = "on_scene"
		case c.dispatch >= 0 && c.unit >= 0:
			fc.Status = "dispatched"
		default:
			fc.Status = "processing"
		}
		f.Calls = append(f.Calls, fc)
	}
	if e.com != nil {
		offs := e.com.offenses
		for ; t.offenses < len(offs) && offs[t.offenses].t <= m; t.offenses++ {
			o := &offs[t.offenses]
			if o.t < t.from {
				continue
			}
			p := e.cfg.Grid.Center(int(o.cell))
			f.Offenses = append(f.Offenses, FrameOffense{X: p.X, Y: p.Y, Type: e.cfg.Community.Crime.Types[o.typ].Name})
		}
	}
	t.frame(f)
}
