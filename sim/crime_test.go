package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestBaselineReporting checks the calibration of reporting: with default
// parameters the baseline's violent-crime reporting rate lies within the
// 40-50 % that US victimization surveys report (BJS, Criminal
// Victimization 2020-2022: 40 %, 46 %, 42 %).
func TestBaselineReporting(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration test: skipped under -short")
	}
	for r, res := range runs(t, 2, "baseline") {
		v := *res.Community.ViolentReporting
		t.Logf("rep %d: violent reporting %.4f, property %.4f", r, v, *res.Community.PropertyReporting)
		if v < 0.40 || v > 0.50 {
			t.Errorf("rep %d: violent reporting rate %.4f, want between 0.40 and 0.50", r, v)
		}
	}
}

// TestSocialServicesLag: investment lowers true crime only after its lag:
// before it the runs are identical, after it offending is clearly lower.
func TestSocialServicesLag(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	sets := []string{"days=240", "services.lag_days=90", "services.ramp_days=30", "services.max_effect=0.3"}
	none := runs(t, 2, "baseline", sets...)
	inv := runs(t, 2, "baseline", append(sets, "services.per_year=4000000")...)
	count := func(r *sim.Result, from, to int) int {
		n := 0
		for _, d := range r.Daily[from:to] {
			n += d.Community.True
		}
		return n
	}
	for r := range none {
		b0, b1 := count(none[r], 0, 90), count(inv[r], 0, 90)
		a0, a1 := count(none[r], 120, 240), count(inv[r], 120, 240)
		t.Logf("rep %d: true offenses before the lag %d vs %d; after the ramp %d vs %d (%.1f%%)", r, b0, b1, a0, a1, 100*(float64(a1)/float64(a0)-1))
		if b0 != b1 {
			t.Errorf("rep %d: offenses before the lag differ (%d vs %d): investment acted early", r, b0, b1)
		}
		if !(float64(a1) < 0.85*float64(a0)) {
			t.Errorf("rep %d: offenses after the ramp %d with investment, %d without: want a clear cut", r, a1, a0)
		}
	}
}

// TestVictimSatisfaction checks the satisfaction rule (docs/MODEL.md
// 7.15) on the baseline and on the staffing cut, paired: some baseline
// victims are dissatisfied, and when the cut makes P3 calls wait (its P3
// mean response is several times the baseline's), the share of P3
// victims dissatisfied rises more than the share of P1 victims. (At the
// baseline P1 victims are the more often dissatisfied: their responses
// are short but so is what they expect.)
func TestVictimSatisfaction(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	share := func(c sim.Contacts, p int) float64 {
		return float64(c.DissatisfiedByPriority[p]) / float64(c.DissatisfiedByPriority[p]+c.SatisfiedByPriority[p])
	}
	base, cut := runs(t, 2, "baseline"), runs(t, 2, "staffing-cut-10")
	for r, res := range base {
		c, k := res.Community.Contacts, cut[r].Community.Contacts
		all := float64(c.Dissatisfied) / float64(c.Dissatisfied+c.Satisfied)
		t.Logf("rep %d: baseline dissatisfied %.3f of %d victims (P1 %.3f, P2 %.3f, P3 %.3f); staffing cut P1 %.3f, P2 %.3f, P3 %.3f",
			r, all, c.Dissatisfied+c.Satisfied, share(c, 0), share(c, 1), share(c, 2), share(k, 0), share(k, 1), share(k, 2))
		if !(all > 0) {
			t.Errorf("rep %d: no victim dissatisfied", r)
		}
		if d1, d3 := share(k, 0)-share(c, 0), share(k, 2)-share(c, 2); !(d3 > d1) {
			t.Errorf("rep %d: the staffing cut raises P3 dissatisfaction by %.3f, P1 by %.3f: want P3 more", r, d3, d1)
		}
		for _, bt := range res.Community.ByType {
			if bt.BusinessVictims > 0 {
				t.Logf("rep %d: %s: %d of %d against businesses, %.3f of them reported", r, bt.Type, bt.BusinessVictims, bt.True,
					float64(bt.BusinessReported)/float64(bt.BusinessVictims))
			}
		}
	}
}
