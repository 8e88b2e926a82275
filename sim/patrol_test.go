package sim

import (
	"context"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/agents"
)

// TestZeroLengthPatrol checks that patrol legs of no duration (zero
// distance and zero dwell) do not loop at one minute forever.
func TestZeroLengthPatrol(t *testing.T) {
	cfg := queueConfig(3, 0.05, 1.0/30, 5)
	cfg.Patrol = agents.Patrol{Kind: agents.PatrolBeat, Dwell: 0}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := RunContext(ctx, cfg, 0); err != nil {
		t.Fatalf("zero-length patrol legs: %v", err)
	}
}

// TestPulledAwayBeforeArrival checks that a dwell planned but never begun
// leaves no deterrence behind.
func TestPulledAwayBeforeArrival(t *testing.T) {
	cfg := testConfig(2, agents.PatrolBeat, false)
	withCommunity(&cfg, agents.PatrolBeat, 0)
	e := newEngine(&cfg, 0)
	o := &e.officers[0]
	o.State = agents.OnPatrol
	o.Move(100, 0, agents.Point{X: 3.5, Y: 3.5}, 10)
	e.com.plan(o, o.To, o.Arrive, o.Arrive+12)
	cell := 3*16 + 3
	if d := e.com.deterrence(cell, 115); d != cfg.Community.Crime.Deterrence {
		t.Fatalf("deterrence during the planned dwell %v, want %v", d, cfg.Community.Crime.Deterrence)
	}
	e.now = 105
	e.com.leave(o, e.now)
	for _, at := range []float64{110, 115, 130} {
		if d := e.com.deterrence(cell, at); d != 0 {
			t.Errorf("deterrence at minute %v = %v after a dwell that never began, want 0", at, d)
		}
	}
}
