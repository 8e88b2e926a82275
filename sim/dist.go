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
