package sim_test

import (
	"math"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestFeedbackLoop reproduces the runaway loop of hot-spot patrol on
// recorded crime (Ensign et al. 2018; Lum & Isaac 2016): two neighborhoods
// with the same true crime and a small initial gap in recorded crime.
// Under hot-spot patrol the loop settles on one neighborhood: its share of
// stops over its share of true crime (the disparity ratio) rises from the
// first two weeks to the last quarter and ends far above 1, and the gap in
// recorded crime grows. Under random patrol neither happens.
func TestFeedbackLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	const file = "../testdata/scenarios/good/feedback.toml"
	type window struct{ stops, trueN, rec [2]int }
	sum := func(r *sim.Result, from, to int) window {
		var w window
		for _, d := range r.Daily[from:to] {
			for h := range 2 {
				w.stops[h] += d.Community.HoodStops[h]
				w.trueN[h] += d.Community.HoodTrue[h]
				w.rec[h] += d.Community.HoodRecorded[h]
			}
		}
		return w
	}
	disparity := func(w window, h int) float64 {
		return (float64(w.stops[h]) / float64(w.stops[0]+w.stops[1])) / (float64(w.trueN[h]) / float64(w.trueN[0]+w.trueN[1]))
	}
	for _, strategy := range []string{"hotspot", "random"} {
		var sumD1, sumD4 float64
		for r, res := range runs(t, 4, file, "patrol.strategy="+strategy) {
			n := len(res.Daily)
			first, last, all := sum(res, 0, 14), sum(res, n-90, n), sum(res, 0, n)
			f := 0 // the neighborhood the loop settles on
			if all.stops[1] > all.stops[0] {
				f = 1
			}
			d1, d4 := disparity(first, f), disparity(last, f)
			recGap1, recGap := first.rec[f]-first.rec[1-f], all.rec[f]-all.rec[1-f]
			stopGap1, stopGap := first.stops[f]-first.stops[1-f], all.stops[f]-all.stops[1-f]
			t.Logf("%s rep %d: disparity of %s %.3f (first two weeks) -> %.3f (last quarter); gap in recorded crime %d after two weeks, %d after a year; in stops %d, %d",
				strategy, r, res.Community.Neighborhoods[f].Name, d1, d4, recGap1, recGap, stopGap1, stopGap)
			switch strategy {
			case "hotspot":
				// The rise is checked on the mean over replicates below: a
				// replicate's first two weeks, a few dozen offenses per
				// neighborhood, can already sit above 2 by chance.
				sumD1, sumD4 = sumD1+d1, sumD4+d4
				if !(d4 > 1.5) {
					t.Errorf("hot-spot rep %d: disparity %.3f -> %.3f, want it above 1.5", r, d1, d4)
				}
				if !(recGap > 3*recGap1 && stopGap > 3*stopGap1 && recGap1 > 0) {
					t.Errorf("hot-spot rep %d: gaps in recorded crime %d -> %d and stops %d -> %d, want them growing", r, recGap1, recGap, stopGap1, stopGap)
				}
			case "random":
				// Within 0.15 of 1: with the calibrated crime (issue 16) a
				// quarter's disparity of one replicate ranges 0.88-1.08.
				// The first two weeks get 0.25: their few hundred stops
				// come in clusters (the stops of one dwell), so they are
				// fewer independent draws than they look (replicate 0
				// measured 1.21).
				if math.Abs(d4-1) > 0.15 || math.Abs(d1-1) > 0.25 {
					t.Errorf("random rep %d: disparity %.3f -> %.3f, want it near 1 throughout", r, d1, d4)
				}
				if float64(abs(recGap)) > 0.05*float64(all.rec[0]+all.rec[1]) {
					t.Errorf("random rep %d: gap in recorded crime %d of %d, want it small", r, recGap, all.rec[0]+all.rec[1])
				}
			}
		}
		if strategy == "hotspot" && !(sumD4 > sumD1) {
			t.Errorf("hot-spot: mean disparity %.3f (first two weeks) -> %.3f (last quarter), want it rising", sumD1/4, sumD4/4)
		}
	}
}
