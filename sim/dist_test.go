package sim_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/sim"
)

// TestDistSample holds Dist.Sample to gonum's distributions of the same
// parameters drawing from a generator seeded alike: the same numbers, to
// the bit, in the same order.
func TestDistSample(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    sim.Dist
		ref  func(r *rand.Rand) float64
	}{
		{"exponential", sim.Dist{Kind: sim.Exponential, Mean: 30},
			func(r *rand.Rand) float64 { return distuv.Exponential{Rate: 1.0 / 30, Src: r}.Rand() }},
		{"exponential, an odd mean", sim.Dist{Kind: sim.Exponential, Mean: 7.3},
			func(r *rand.Rand) float64 { return distuv.Exponential{Rate: 1 / 7.3, Src: r}.Rand() }},
		{"lognormal", sim.Dist{Kind: sim.LogNormal, Mean: 20, SD: 15},
			func(r *rand.Rand) float64 {
				s2 := math.Log1p(15.0 * 15 / (20 * 20))
				return distuv.LogNormal{Mu: math.Log(20) - s2/2, Sigma: math.Sqrt(s2), Src: r}.Rand()
			}},
		{"zero mean", sim.Dist{Kind: sim.Exponential}, func(*rand.Rand) float64 { return 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(1, 2))
			for i := range 10000 {
				if got, want := tc.d.Sample(a), tc.ref(b); got != want {
					t.Fatalf("draw %d = %v, gonum draws %v", i, got, want)
				}
			}
		})
	}
}
