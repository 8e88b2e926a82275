package sim

import (
	"math"
	"math/rand/v2"
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
