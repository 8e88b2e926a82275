package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHourOfDay checks hourOfDay against math.Mod on minutes at and one
// or two last places either side of every hour and day boundary over 30
// years, and on random minutes.
func TestHourOfDay(t *testing.T) {
	want := func(x float64) int { return int(math.Mod(x, MinutesPerDay) / 60) }
	check := func(x float64) {
		if got := hourOfDay(x); got != want(x) {
			t.Fatalf("hourOfDay(%v) = %d, math.Mod gives %d", x, got, want(x))
		}
	}
	for _, x := range []float64{0, math.SmallestNonzeroFloat64, 1e-300, 59.999999999, 60, 1439.9999999999998, 1440} {
		check(x)
	}
	for m := 60.0; m <= 30*365*MinutesPerDay; m += 60 {
		x := m
		for range 3 {
			x = math.Nextafter(x, 0)
			check(x)
		}
		x = m
		for range 3 {
			check(x)
			x = math.Nextafter(x, math.Inf(1))
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		check(r.Float64() * math.Pow(10, float64(r.IntN(10))))
	}
}

// TestClockSpan checks clockSpan against hourOfDay and math.Floor(t/60)
// computed afresh, minute by minute, over runs of minutes that stay in
// one hour, cross hour and day boundaries float by float, jump about, and
// reach late in long runs; and that a span covers its hour.
func TestClockSpan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	around := func(x float64, k int) []float64 { // the k floats either side of x, and x
		out := []float64{x}
		lo, hi := x, x
		for range k {
			lo, hi = math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1))
			out = append(out, lo, hi)
		}
		slices.Sort(out)
		return out
	}
	var boundaries []float64
	for _, b := range []float64{0, 60, 1380, 1440, 1500, 86400, 525540, 525600, 1e7 * 60, 3.3e9 * 60} {
		boundaries = append(boundaries, around(b, 5)...)
	}
	var arrivals []float64
	for x := 0.0; x < 3*MinutesPerDay; x += r.ExpFloat64() * 3 {
		arrivals = append(arrivals, x)
	}
	random := make([]float64, 5000)
	for i := range random {
		random[i] = r.Float64() * math.Pow(10, float64(r.IntN(10)))
	}
	for _, tc := range []struct {
		name    string
		minutes []float64
	}{{"boundaries", boundaries}, {"arrivals", arrivals}, {"random", random}, {"zero", []float64{0, 0, 1e-300, 59.999999999999}}} {
		t.Run(tc.name, func(t *testing.T) {
			var s clockSpan
			for _, x := range tc.minutes {
				h, end := s.at(x)
				if wantH, wantEnd := hourOfDay(x), math.Floor(x/60)*60+60; h != wantH || end != wantEnd {
					t.Fatalf("minute %v (%x): hour %d, end %v; want %d, %v", x, math.Float64bits(x), h, end, wantH, wantEnd)
				}
				if !(s.lo <= x && x < s.hi) && x < 1<<40 {
					t.Fatalf("minute %v: span [%v, %v) does not hold it", x, s.lo, s.hi)
				}
			}
		})
	}
	var s clockSpan
	if s.at(90.5); s.lo != 60 || s.hi != 120 {
		t.Errorf("span of minute 90.5: [%v, %v), want [60, 120)", s.lo, s.hi)
	}
}
