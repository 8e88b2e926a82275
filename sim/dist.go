package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/internal/enum"
)

// DistKind names the family of a duration distribution.
type DistKind uint8

// The distribution families for service and report-writing times.
const (
	Exponential DistKind = iota // memoryless; SD is ignored (it equals Mean)
	LogNormal                   // right-skewed, parameterised by Mean and SD
)

var distNames = enum.New[DistKind]("DistKind", "distribution", "exponential", "lognormal")

// DistKinds lists the names accepted by ParseDistKind.
func DistKinds() []string { return distNames.List() }

// String returns the family's name as written in scenarios.
func (k DistKind) String() string { return distNames.String(k) }

// ParseDistKind returns the family named s.
func ParseDistKind(s string) (DistKind, error) { return distNames.Parse(s) }

// Dist is a distribution of durations in minutes, given by its mean and
// standard deviation. A zero Mean always samples 0.
type Dist struct {
	Kind DistKind
	Mean float64 // minutes, >= 0
	SD   float64 // minutes, >= 0; used by LogNormal only
}

// Sample draws one duration in minutes from r.
func (d Dist) Sample(r *rand.Rand) float64 {
	if d.Mean <= 0 {
		return 0
	}
	switch d.Kind {
	case LogNormal:
		if d.SD <= 0 {
			return d.Mean
		}
		s2 := math.Log1p(d.SD * d.SD / (d.Mean * d.Mean))
		return distuv.LogNormal{Mu: math.Log(d.Mean) - s2/2, Sigma: math.Sqrt(s2), Src: r}.Rand()
	default:
		// distuv.Exponential{Rate: 1 / d.Mean, Src: r}.Rand() draws this
		// through a generator of its own wrapped around r: the same
		// number, at the cost of a second indirection per draw.
		return r.ExpFloat64() / (1 / d.Mean)
	}
}

// gammaDraws returns n draws of mean 1 and shape a > 0 (rate a) from r:
// the numbers distuv.Gamma{Alpha: a, Beta: a, Src: r}.Rand() draws one
// by one, by the same methods in the same arithmetic (Marsaglia and
// Tsang 2000, boosted below shape 1; Liu, Martin and Syring 2017 below
// shape 0.2). The distribution wraps r in a generator of its own and
// makes its method values afresh at every draw, which on a grid of many
// cells costs as much as the draws.
func gammaDraws(r *rand.Rand, a float64, n int) []float64 {
	out := make([]float64, n)
	b := a
	switch {
	case a == 1:
		for i := range out {
			out[i] = r.ExpFloat64() / b
		}
	case a < 0.2:
		lambda := 1/a - 1
		lr := -math.Log1p(1 / lambda / math.E)
		for i := range out {
			for {
				e := r.ExpFloat64()
				var z float64
				if e >= -lr {
					z = e + lr
				} else {
					z = -r.ExpFloat64() / lambda
				}
				eza := math.Exp(-z / a)
				lh := -z - eza
				var lEta float64
				if z >= 0 {
					lEta = -z
				} else {
					lEta = -1 + lambda*z
				}
				if lh-lEta > -r.ExpFloat64() {
					out[i] = eza / b
					break
				}
			}
		}
	default:
		d := a - 1.0/3
		if a < 1 {
			d += 1.0
		}
		c := 1 / (3 * math.Sqrt(d))
		for i := range out {
			m := 1.0
			if a < 1 {
				m = math.Pow(r.Float64(), 1/a)
			}
			for {
				x := r.NormFloat64()
				v := 1 + x*c
				if v <= 0.0 {
					continue
				}
				v = v * v * v
				u := r.Float64()
				if u < 1.0-0.0331*(x*x)*(x*x) {
					out[i] = m * d * v / b
					break
				}
				if math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
					out[i] = m * d * v / b
					break
				}
			}
		}
	}
	return out
}
