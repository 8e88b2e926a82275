package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

func TestResponseHistogram(t *testing.T) {
	cfg := load(t, "baseline", "days=10", "staffing.headcount=35")
	res, err := sim.Run(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range res.ResponseHistogram {
		p := res.ByPriority[i]
		if h.Priority != p.Priority || len(h.Counts) != sim.HistogramBins+1 {
			t.Fatalf("histogram %d: priority %d with %d bins, want %d with %d", i, h.Priority, len(h.Counts), p.Priority, sim.HistogramBins+1)
		}
		total, below := 0, 0
		for b, n := range h.Counts {
			total += n
			if sim.UpperEdge(b) <= *p.Response.Median {
				below += n
			}
		}
		if total != p.Answered {
			t.Errorf("P%d: histogram counts %d calls, %d were answered", p.Priority, total, p.Answered)
		}
		if 2*below > p.Answered {
			t.Errorf("P%d: %d of %d calls in bins below the median %.2f", p.Priority, below, p.Answered, *p.Response.Median)
		}
	}
}
