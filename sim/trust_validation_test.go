//go:build validation

package sim_test

import (
	"math"
	"testing"
)

// TestNoTrend is docs/VALIDATION.md row 21: on the baseline, where no
// policy changes, trust starts at its steady state (MODEL.md 5), so over
// ten replicates the mean change of trust from the start to the end of
// the year has a 95 % t-interval containing 0 and lies within ± 0.002,
// and the OLS slope of the daily mean trust over the year (one slope a
// replicate; the days of one replicate are autocorrelated, the
// replicates independent) has a 95 % t-interval containing 0.
func TestNoTrend(t *testing.T) {
	rn := runScenario(t, "baseline", validationReps)
	var change, slope []float64
	for _, r := range rn.results {
		c := r.Community
		change = append(change, c.MeanTrust-c.MeanTrustInit)
		var sx, sy, sxx, sxy float64
		for d, day := range r.Daily {
			x, y := float64(d), day.Community.MeanTrust
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		n := float64(len(r.Daily))
		slope = append(slope, 365*(n*sxy-sx*sy)/(n*sxx-sx*sx))
	}
	m, h := meanHalfWidth(change)
	t.Logf("trust at the end minus at the start: %.6f ± %.6f over %d replicates", m, h, len(change))
	if !(math.Abs(m) <= h) || !(math.Abs(m) < 0.002) {
		t.Errorf("trust change %.6f ± %.6f: want an interval containing 0 and |mean| < 0.002", m, h)
	}
	ms, hs := meanHalfWidth(slope)
	t.Logf("slope of daily mean trust: %.6f ± %.6f a year", ms, hs)
	if !(math.Abs(ms) <= hs) {
		t.Errorf("slope of daily mean trust %.6f ± %.6f a year: want an interval containing 0", ms, hs)
	}
}
