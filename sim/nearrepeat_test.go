package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestNearRepeat checks that the dynamic part of attractiveness produces
// repeat victimization: the share of burglaries within 100 m and 7 days
// of an earlier one, and of all offenses likewise by type, exceeds what
// the static-only model gives.
func TestNearRepeat(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
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
