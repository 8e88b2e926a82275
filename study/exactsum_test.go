package study

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestExactSumOrderFree adds the same values in many orders, and in two
// halves merged, and wants the correctly rounded exact sum every time
// (math/big at a precision that holds any sum of these values exactly).
func TestExactSumOrderFree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		gen  func() float64
	}{
		{"hours", func() float64 { return float64(r.IntN(600)) / 60 }},
		{"trust", func() float64 { return r.Float64() }},
		{"wide", func() float64 { return (r.Float64() - 0.5) * math.Pow(2, float64(r.IntN(120)-60)) }},
		{"cancelling", func() float64 { return []float64{1e16, 1, -1e16, 1e-3, 3.3}[r.IntN(5)] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xs := make([]float64, 500)
			exact := new(big.Float).SetPrec(4096)
			for i := range xs {
				xs[i] = tc.gen()
				exact.Add(exact, big.NewFloat(xs[i]).SetPrec(4096))
			}
			want, _ := exact.Float64()
			for trial := range 20 {
				r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
				var a, b exactSum
				cut := r.IntN(len(xs))
				for _, x := range xs[:cut] {
					a.add(x)
				}
				for _, x := range xs[cut:] {
					b.add(x)
				}
				b.addSum(a)
				if got := b.value(); got != want {
					t.Fatalf("trial %d: %v, want %v", trial, got, want)
				}
			}
		})
	}
	if v := (exactSum(nil)).value(); v != 0 {
		t.Errorf("empty sum %v", v)
	}
}
