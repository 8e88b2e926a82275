package sim_test

import (
	"math"
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// runs runs replicates 0..n-1 of the scenario with the overrides and
// checks the books of every run.
func runs(t *testing.T, n int, ref string, sets ...string) []*sim.Result {
	t.Helper()
	cfg := load(t, ref, sets...)
	out := make([]*sim.Result, n)
	for r := range n {
		res, err := sim.Run(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		sim.CheckResult(t, &cfg, res)
		sim.CheckCommunityResult(t, &cfg, res.Community)
		out[r] = res
	}
	return out
}

func mean(rs []*sim.Result, f func(*sim.Result) float64) float64 {
	var s float64
	for _, r := range rs {
		s += f(r)
	}
	return s / float64(len(rs))
}

// TestCommunityPolicing checks the directions of community-policing
// intensity after a year: more engagement raises mean trust and the
// reporting rate, and costs P1 response time. Replicates are paired (same
// seeds) and each pair must agree.
func TestCommunityPolicing(t *testing.T) {
	off := runs(t, 3, "baseline", "engagement.intensity=0")
	on := runs(t, 3, "baseline", "engagement.intensity=0.3")
	for r := range off {
		a, b := off[r], on[r]
		t.Logf("rep %d: trust %.4f -> %.4f, reporting %.4f -> %.4f, P1 mean %.2f -> %.2f min, engaged share %.3f",
			r, a.Community.MeanTrust, b.Community.MeanTrust, *a.Community.ReportingRate, *b.Community.ReportingRate,
			*a.ByPriority[0].Response.Mean, *b.ByPriority[0].Response.Mean, b.Community.Engagement.FreeShare)
		if !(b.Community.MeanTrust > a.Community.MeanTrust+0.02) {
			t.Errorf("rep %d: mean trust %.4f with engagement, %.4f without: want a clear rise", r, b.Community.MeanTrust, a.Community.MeanTrust)
		}
		if !(*b.Community.ReportingRate > *a.Community.ReportingRate) {
			t.Errorf("rep %d: reporting rate %.4f with engagement, %.4f without: want a rise", r, *b.Community.ReportingRate, *a.Community.ReportingRate)
		}
		if !(*b.ByPriority[0].Response.Mean > *a.ByPriority[0].Response.Mean) {
			t.Errorf("rep %d: P1 mean response %.2f with engagement, %.2f without: want a cost", r, *b.ByPriority[0].Response.Mean, *a.ByPriority[0].Response.Mean)
		}
	}
	// Long-term commitment: trust keeps rising through the year rather
	// than jumping at once.
	d := on[0].Daily
	q1, q4 := d[60].Community.MeanTrust-on[0].Community.MeanTrustInit, d[len(d)-1].Community.MeanTrust-on[0].Community.MeanTrustInit
	if !(q4 > 1.5*q1 && q1 > 0) {
		t.Errorf("trust gain after 60 days %.4f, after a year %.4f: want a slow build-up", q1, q4)
	}
}

// TestPresenceDeters checks that more patrol presence in a cell lowers
// offenses there: the cells that hot-spot patrol occupies see fewer
// offenses than the same cells under random patrol with the same officers,
// and fewer than under hot-spot patrol with deterrence switched off.
func TestPresenceDeters(t *testing.T) {
	hot := runs(t, 2, "baseline", "patrol.strategy=hotspot")
	random := runs(t, 2, "baseline", "patrol.strategy=random")
	none := runs(t, 2, "baseline", "patrol.strategy=hotspot", "crime.deterrence=0")
	for r := range hot {
		h, l, n := hot[r].Community, random[r].Community, none[r].Community
		cells := make([]int, len(h.Cells.PresenceHours))
		for i := range cells {
			cells[i] = i
		}
		slices.SortStableFunc(cells, func(a, b int) int {
			return -cmpFloat(h.Cells.PresenceHours[a], h.Cells.PresenceHours[b])
		})
		var oh, ol, on int
		var ph, pl float64
		for _, c := range cells[:30] {
			oh, ol, on = oh+h.Cells.True[c], ol+l.Cells.True[c], on+n.Cells.True[c]
			ph, pl = ph+h.Cells.PresenceHours[c], pl+l.Cells.PresenceHours[c]
		}
		t.Logf("rep %d, the 30 cells hot-spot patrol occupies most: presence %.0f h (hot spot) vs %.0f h (random); offenses %d vs %d, %d without deterrence",
			r, ph, pl, oh, ol, on)
		if !(ph > 10*pl && float64(oh) < 0.95*float64(ol) && float64(oh) < 0.95*float64(on)) {
			t.Errorf("rep %d: presence %.0f h vs %.0f h, offenses %d vs %d (%d without deterrence): want at least 5 %% fewer offenses where officers dwell", r, ph, pl, oh, ol, on)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestNearRepeat checks that the dynamic part of attractiveness produces
// repeat victimization: the share of burglaries within 100 m and 7 days
// of an earlier one, and of all offenses likewise by type, exceeds what
// the static-only model gives.
func TestNearRepeat(t *testing.T) {
	dyn := runs(t, 3, "baseline")
	static := runs(t, 3, "baseline", "crime.near_repeat=0")
	burglary := func(r *sim.Result) float64 {
		for _, c := range r.Community.ByType {
			if c.Type == "burglary" {
				return *c.NearRepeatShare
			}
		}
		t.Fatal("no burglary")
		return 0
	}
	all := func(r *sim.Result) float64 { return *r.Community.NearRepeatShare }
	bd, bs := mean(dyn, burglary), mean(static, burglary)
	ad, as := mean(dyn, all), mean(static, all)
	t.Logf("near-repeat share: burglary %.4f dynamic vs %.4f static; all types %.4f vs %.4f", bd, bs, ad, as)
	if !(bd > 1.15*bs) {
		t.Errorf("burglary near-repeat share %.4f with dynamic attractiveness, %.4f static-only: want clearly more", bd, bs)
	}
	if !(ad > as) {
		t.Errorf("near-repeat share %.4f with dynamic attractiveness, %.4f static-only: want more", ad, as)
	}
}

// TestFeedbackLoop reproduces the runaway loop of hot-spot patrol on
// recorded crime (Ensign et al. 2018; Lum & Isaac 2016): two neighborhoods
// with the same true crime and a small initial gap in recorded crime.
// Under hot-spot patrol the loop settles on one neighborhood: its share of
// stops over its share of true crime (the disparity ratio) rises from the
// first two weeks to the last quarter and ends far above 1, and the gap in
// recorded crime grows. Under random patrol neither happens.
func TestFeedbackLoop(t *testing.T) {
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
				if !(d4 > d1 && d4 > 1.5) {
					t.Errorf("hot-spot rep %d: disparity %.3f -> %.3f, want it rising above 1.5", r, d1, d4)
				}
				if !(recGap > 3*recGap1 && stopGap > 3*stopGap1 && recGap1 > 0) {
					t.Errorf("hot-spot rep %d: gaps in recorded crime %d -> %d and stops %d -> %d, want them growing", r, recGap1, recGap, stopGap1, stopGap)
				}
			case "random":
				if math.Abs(d4-1) > 0.1 || math.Abs(d1-1) > 0.15 {
					t.Errorf("random rep %d: disparity %.3f -> %.3f, want it near 1 throughout", r, d1, d4)
				}
				if float64(abs(recGap)) > 0.05*float64(all.rec[0]+all.rec[1]) {
					t.Errorf("random rep %d: gap in recorded crime %d of %d, want it small", r, recGap, all.rec[0]+all.rec[1])
				}
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestBaselineReporting checks the calibration of reporting: with default
// parameters the baseline's violent-crime reporting rate lies within the
// 40-50 % that US victimization surveys report (BJS, Criminal
// Victimization 2020-2022: 40 %, 46 %, 42 %).
func TestBaselineReporting(t *testing.T) {
	for r, res := range runs(t, 2, "baseline") {
		v := *res.Community.ViolentReporting
		t.Logf("rep %d: violent reporting %.4f, property %.4f", r, v, *res.Community.PropertyReporting)
		if v < 0.40 || v > 0.50 {
			t.Errorf("rep %d: violent reporting rate %.4f, want between 0.40 and 0.50", r, v)
		}
	}
}
