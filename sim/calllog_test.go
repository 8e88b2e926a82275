package sim_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/sim"
)

// TestRunCalls checks that logging calls changes nothing (the result is
// Run's, byte for byte) and that the records hold what the recorder
// measured: per priority, the answered calls of the window and the
// medians of their processing, queue delay and travel, computed here
// from the records alone.
func TestRunCalls(t *testing.T) {
	cfg := load(t, "baseline", "days=3", "warmup_days=1")
	want, err := sim.Run(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	var recs []sim.CallRecord
	got, err := sim.RunCalls(context.Background(), cfg, 0, func(r sim.CallRecord) { recs = append(recs, r) })
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	if string(a) != string(b) {
		t.Fatal("RunCalls's result differs from Run's")
	}
	serials := map[uint64]bool{}
	var proc, queue, travel [3][]float64
	for _, r := range recs {
		if serials[r.Serial] {
			t.Fatalf("call %d logged twice", r.Serial)
		}
		serials[r.Serial] = true
		if r.Ready < r.Received || r.Dispatch >= 0 && r.Dispatch < r.Ready || r.Arrived >= 0 && r.Arrived < r.Dispatch || r.Cleared >= 0 && r.Cleared < r.Arrived {
			t.Fatalf("call %d out of order: %+v", r.Serial, r)
		}
		if !r.InWindow || r.Arrived < 0 {
			continue
		}
		p := r.Priority - 1
		proc[p] = append(proc[p], r.Ready-r.Received)
		queue[p] = append(queue[p], r.Dispatch-r.Ready)
		travel[p] = append(travel[p], r.Arrived-r.Dispatch)
	}
	med := func(x []float64) float64 {
		slices.Sort(x)
		return stat.Quantile(0.5, stat.Empirical, x, nil)
	}
	for p, ps := range want.ByPriority {
		if len(proc[p]) != ps.Answered || ps.Answered == 0 {
			t.Errorf("P%d: %d answered calls logged, the run answered %d", p+1, len(proc[p]), ps.Answered)
			continue
		}
		for _, c := range []struct {
			name string
			x    []float64
			want *float64
		}{{"processing", proc[p], ps.Processing.Median}, {"travel", travel[p], ps.Travel.Median}} {
			if g := med(c.x); g != *c.want {
				t.Errorf("P%d %s median %g from the records, the run measured %g", p+1, c.name, g, *c.want)
			}
		}
		if len(queue[p]) != ps.Answered {
			t.Errorf("P%d: %d queue delays", p+1, len(queue[p]))
		}
	}
}
