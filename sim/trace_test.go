package sim_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestRunTraced checks the frames of a traced day: one per step, in
// order; the counts under the map agree with the officers and calls
// listed; officers move; and a trace of a later window sees exactly the
// frames of a longer trace over the same minutes (tracing does not
// change the run).
func TestRunTraced(t *testing.T) {
	cfg := load(t, "baseline", "days=2", "warmup_days=1")
	from, to, step := float64(sim.MinutesPerDay), float64(2*sim.MinutesPerDay), 5.0
	var frames []*sim.Frame
	if err := sim.RunTraced(context.Background(), cfg, 0, from, to, step, func(f *sim.Frame) { frames = append(frames, f) }); err != nil {
		t.Fatal(err)
	}
	if len(frames) != 288 {
		t.Fatalf("%d frames, want 288 (a day every 5 minutes)", len(frames))
	}
	moved, offenses, waited := false, 0, 0
	for i, f := range frames {
		if want := from + float64(i)*step; f.Minute != want {
			t.Fatalf("frame %d at minute %g, want %g", i, f.Minute, want)
		}
		if f.OnDuty != len(f.Officers) || f.OnDuty == 0 {
			t.Errorf("minute %g: on duty %d, %d officers listed", f.Minute, f.OnDuty, len(f.Officers))
		}
		free, waiting := 0, 0
		for _, o := range f.Officers {
			if o.State == "patrol" || o.State == "engage" {
				free++
			}
		}
		for _, c := range f.Calls {
			if c.Status == "waiting" {
				waiting++
			}
			if c.Received > f.Minute {
				t.Errorf("minute %g: call %d received at %g, in the future", f.Minute, c.Serial, c.Received)
			}
		}
		if free != f.Free || waiting != f.Waiting {
			t.Errorf("minute %g: free %d (listed %d), waiting %d (listed %d)", f.Minute, f.Free, free, f.Waiting, waiting)
		}
		waited += f.Waiting
		offenses += len(f.Offenses)
		if i > 0 {
			for _, o := range f.Officers {
				for _, p := range frames[i-1].Officers {
					if p.ID == o.ID && (p.X != o.X || p.Y != o.Y) {
						moved = true
					}
				}
			}
		}
	}
	if !moved || offenses == 0 {
		t.Errorf("moved %v, %d offenses over the day: want officers moving and offenses", moved, offenses)
	}
	var later []*sim.Frame
	if err := sim.RunTraced(context.Background(), cfg, 0, from+600, from+700, step, func(f *sim.Frame) { later = append(later, f) }); err != nil {
		t.Fatal(err)
	}
	want := frames[120:140]
	later[0].Offenses, want[0].Offenses = nil, nil // the first frame of a window has the offenses of the minute before it too
	a, _ := json.Marshal(later)
	b, _ := json.Marshal(want)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("a trace of minutes %g to %g differs from the same minutes of a day's trace", from+600, from+700)
	}
}

// TestRunTracedRejects checks the window's bounds.
func TestRunTracedRejects(t *testing.T) {
	cfg := load(t, "baseline", "days=1")
	for _, w := range [][3]float64{{-1, 10, 1}, {10, 10, 1}, {0, 10, 0}} {
		if err := sim.RunTraced(context.Background(), cfg, 0, w[0], w[1], w[2], func(*sim.Frame) {}); err == nil {
			t.Errorf("window %v: no error", w)
		}
	}
}
