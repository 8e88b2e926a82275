package study

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// TestComparePairedByHand checks the paired interval on a case worked by
// hand: differences 1, 2, 1, 2, 1 have mean 1.4, sample sd sqrt(0.3) =
// 0.5477226, and t(0.975, 4) = 2.7764451 from a t table, so the 95 %
// interval is 1.4 -+ 2.7764451 x 0.5477226 / sqrt(5) = 1.4 -+ 0.6800872.
func TestComparePairedByHand(t *testing.T) {
	base := []float64{10, 12, 11, 13, 9}
	alt := []float64{11, 14, 12, 15, 10}
	p := Compare("m", base, alt)
	if p.N != 5 || !near(*p.Diff, 1.4) || !near(*p.SD, 0.5477226) {
		t.Fatalf("n %d, diff %v, sd %v; want 5, 1.4, 0.5477226", p.N, *p.Diff, *p.SD)
	}
	if !near(p.CI.Lo, 1.4-0.6800872) || !near(p.CI.Hi, 1.4+0.6800872) {
		t.Errorf("ci [%.7f, %.7f], want [0.7199128, 2.0800872]", p.CI.Lo, p.CI.Hi)
	}
	if !p.Distinguishable {
		t.Error("an interval above 0 is not distinguishable from 0")
	}
	// Welch by hand: variances 2.5 and 4.3, se = sqrt(0.5 + 0.86) =
	// 1.1661904, df = 1.36^2 / (0.5^2/4 + 0.86^2/4) = 7.476, t(0.975,
	// 7.476) = 2.3335 (interpolated in a t table), half-width 2.7213.
	if w := p.UnpairedCI.Hi - p.UnpairedCI.Lo; math.Abs(w-2*2.7213) > 0.01 {
		t.Errorf("unpaired width %.4f, want %.4f", w, 2*2.7213)
	}
}

// TestPairedTighterThanUnpaired: replicate effects shared by both
// scenarios (what common random numbers give) cancel in the paired
// differences but not in the unpaired interval.
func TestPairedTighterThanUnpaired(t *testing.T) {
	shared := []float64{3.1, 5.4, 2.2, 6.8, 4.0, 5.9, 2.7, 4.4, 3.6, 6.1}
	jitter := []float64{0.05, -0.02, 0.03, 0.00, -0.04, 0.02, 0.01, -0.03, 0.04, -0.01}
	var base, alt []float64
	for i := range shared {
		base = append(base, shared[i])
		alt = append(alt, shared[i]+0.3+jitter[i])
	}
	p := Compare("m", base, alt)
	paired, unpaired := p.CI.Hi-p.CI.Lo, p.UnpairedCI.Hi-p.UnpairedCI.Lo
	if paired > unpaired/10 {
		t.Errorf("paired width %.3f, unpaired %.3f: want paired under a tenth", paired, unpaired)
	}
	if !p.Distinguishable || p.UnpairedCI.Lo > 0 {
		t.Errorf("paired %v distinguishable %v, unpaired %v: the shift of 0.3 should show only when paired", *p.CI, p.Distinguishable, *p.UnpairedCI)
	}
}

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		xs     []float64
		n      int
		mean   float64
		sd     float64
		ci     bool
		median float64
	}{
		{"none", nil, 0, 0, 0, false, 0},
		{"all undefined", []float64{nan, nan}, 0, 0, 0, false, 0},
		{"one", []float64{4, nan}, 1, 4, 0, false, 4},
		{"several", []float64{2, 4, nan, 4, 4, 5, 5, 7, 9}, 8, 5, math.Sqrt(32.0 / 7), true, 4},
	} {
		s := Describe("m", tc.xs)
		if s.N != tc.n {
			t.Errorf("%s: n %d, want %d", tc.name, s.N, tc.n)
		}
		if (s.Mean != nil) != (tc.n > 0) || (s.Quantiles != nil) != (tc.n > 0) || (s.CI != nil) != tc.ci || (s.SD != nil) != tc.ci {
			t.Errorf("%s: mean %v quantiles %v sd %v ci %v present, want n > 0: %v, ci: %v", tc.name, s.Mean != nil, s.Quantiles != nil, s.SD != nil, s.CI != nil, tc.n > 0, tc.ci)
			continue
		}
		if tc.n > 0 && (!near(*s.Mean, tc.mean) || !near(s.Quantiles.P50, tc.median)) {
			t.Errorf("%s: mean %v, median %v; want %v, %v", tc.name, *s.Mean, s.Quantiles.P50, tc.mean, tc.median)
		}
		if tc.ci {
			if !near(*s.SD, tc.sd) || !(s.CI.Lo < tc.mean && s.CI.Hi > tc.mean) {
				t.Errorf("%s: sd %v, ci %v; want sd %v around %v", tc.name, *s.SD, *s.CI, tc.sd, tc.mean)
			}
		}
	}
}
