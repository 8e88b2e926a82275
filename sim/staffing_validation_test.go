//go:build validation

package sim_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// trueByClass returns the true offenses of the violent types and of the
// other types with a victim (property: burglary, theft, vandalism), by
// the scenario's type flags.
func trueByClass(cfg *sim.Config, r *sim.Result) (violent, property float64) {
	kind := map[string]*sim.CrimeType{}
	for i := range cfg.Community.Crime.Types {
		kind[cfg.Community.Crime.Types[i].Name] = &cfg.Community.Crime.Types[i]
	}
	for _, bt := range r.Community.ByType {
		switch ct := kind[bt.Type]; {
		case ct.Victimless:
		case ct.Violent:
			violent += float64(bt.True)
		default:
			property += float64(bt.True)
		}
	}
	return violent, property
}

// elasticityPairs is the number of paired replicates of
// TestStaffingElasticity.
const elasticityPairs = 20

// TestStaffingElasticity is row 18 of docs/VALIDATION.md: the baseline
// against 20 % fewer officers (staffing.headcount x 0.8) on the same
// replicates. Per class, d = ln(true offenses cut / baseline) on each
// pair; the elasticity to officer numbers is mean d / ln 0.8. It fails
// unless the 95 % t-interval of mean d excludes 0 for violent and for
// property crime and each elasticity is inside the row's range (violent
// -0.6 .. -0.2, property -0.35 .. -0.1). It logs the elasticity of
// presence to officers (kappa) and the baseline's mean presence, the
// figure crime.presence_ref is set to.
func TestStaffingElasticity(t *testing.T) {
	base := runScenario(t, "baseline", elasticityPairs)
	cut := int(math.Round(0.8 * base.headcount))
	low := runScenario(t, "baseline", elasticityPairs, fmt.Sprintf("staffing.headcount=%d", cut))
	lnCut := math.Log(float64(cut) / base.headcount)
	var dv, dp, kappa, vBase []float64
	for r := range elasticityPairs {
		bv, bp := trueByClass(&base.cfg, base.results[r])
		cv, cp := trueByClass(&low.cfg, low.results[r])
		dv = append(dv, math.Log(cv/bv))
		dp = append(dp, math.Log(cp/bp))
		pb, pc := base.results[r].Community.Presence, low.results[r].Community.Presence
		vBase = append(vBase, pb)
		kappa = append(kappa, math.Log(pc/pb)/lnCut)
	}
	mv, _ := meanHalfWidth(vBase)
	mk, hk := meanHalfWidth(kappa)
	t.Logf("baseline mean presence %.4f officer-hours per km² per hour; kappa = dlnV/dlnN %.3f ± %.3f", mv, mk, hk)
	for _, c := range []struct {
		class  string
		d      []float64
		lo, hi float64
	}{
		{"violent", dv, -0.6, -0.2},
		{"property", dp, -0.35, -0.1},
	} {
		m, h := meanHalfWidth(c.d)
		e := m / lnCut
		t.Logf("%-8s mean d %+.4f ± %.4f, elasticity %.3f (%.3f .. %.3f)", c.class, m, h, e, (m+h)/lnCut, (m-h)/lnCut)
		if m-h <= 0 && m+h >= 0 {
			t.Errorf("%s: the 95 %% interval of mean d, %.4f ± %.4f, contains 0", c.class, m, h)
		}
		if !(e >= c.lo && e <= c.hi) {
			t.Errorf("%s: elasticity %.3f outside [%g, %g]", c.class, e, c.lo, c.hi)
		}
	}
}
