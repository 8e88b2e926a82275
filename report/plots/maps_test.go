package plots

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestHeatColorsEveryValueInRange maps every value of [min, max], the
// extremes included, over many random ranges; the ranges of issue 13
// (min 0.15, hottest cell 35) rounded below min under palette.Reverse.
func TestHeatColorsEveryValueInRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	ranges := [][2]float64{{0.15, 35}, {0, 1}, {1e-9, 1e9}, {-3, -0.1}, {12, 12.000001}}
	for range 2000 {
		lo := (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(12)-4))
		ranges = append(ranges, [2]float64{lo, lo + rng.Float64()*math.Pow(10, float64(rng.IntN(12)-4))})
	}
	for _, r := range ranges {
		lo, hi := r[0], r[1]
		if !(hi > lo) {
			continue
		}
		cm := heatColors()
		cm.SetMin(lo)
		cm.SetMax(hi)
		vals := []float64{lo, hi, math.Nextafter(hi, lo), math.Nextafter(lo, hi)}
		for k := range 50 {
			vals = append(vals, lo+(hi-lo)*float64(k)/49)
		}
		for _, v := range vals {
			if v < lo || v > hi {
				continue
			}
			if _, err := cm.At(v); err != nil {
				t.Fatalf("range [%v, %v]: value %v: %v", lo, hi, v, err)
			}
		}
		for _, v := range []float64{math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1)), math.NaN()} {
			if _, err := cm.At(v); err == nil {
				t.Fatalf("range [%v, %v]: value %v outside maps without error", lo, hi, v)
			}
		}
	}
}

// TestHeatColorsDarkerIsMore checks the direction of the scale: the
// largest value is the darkest colour, the smallest the lightest.
func TestHeatColorsDarkerIsMore(t *testing.T) {
	cm := heatColors()
	cm.SetMin(0.15)
	cm.SetMax(35)
	lum := func(v float64) float64 {
		c, err := cm.At(v)
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, _ := c.RGBA()
		return 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
	}
	if a, b, c := lum(0.15), lum(17), lum(35); !(a > b && b > c) {
		t.Errorf("luminance at min, middle, max = %v, %v, %v; want falling", a, b, c)
	}
	p := cm.Palette(5).Colors()
	if len(p) != 5 {
		t.Fatalf("palette of 5 has %d colours", len(p))
	}
}
