package agents

import (
	"math/rand/v2"

	"github.com/precinct-sim/precinct/internal/enum"
)

// Area is what a patrol strategy needs to know of the precinct: how to
// pick a random point in a beat or anywhere.
type Area interface {
	// RandomPointInBeat returns the centre of a cell of beat b, uniformly.
	RandomPointInBeat(b int, r *rand.Rand) Point
	// RandomPoint returns the centre of a cell of the precinct, uniformly.
	RandomPoint(r *rand.Rand) Point
	// HotspotPoint returns the centre of a hot spot, drawn in proportion to
	// its recorded crime, or false when there is none.
	HotspotPoint(r *rand.Rand) (Point, bool)
}

// PatrolKind names a patrol strategy for free officer time.
type PatrolKind uint8

// The patrol strategies. Stay keeps a free officer where it is, which is
// what queueing validations want; the others move it around.
const (
	PatrolBeat    PatrolKind = iota // random cells of the officer's own beat
	PatrolRandom                    // random cells of the whole precinct
	PatrolStay                      // no movement between calls
	PatrolHotspot                   // the precinct's hot spots by recorded crime; beat patrol while there are none
)

var patrolNames = enum.New[PatrolKind]("PatrolKind", "patrol strategy", "beat", "random", "stay", "hotspot")

// PatrolKinds lists the names accepted by ParsePatrolKind, in order.
func PatrolKinds() []string { return patrolNames.List() }

// String returns the strategy's name as written in scenarios.
func (k PatrolKind) String() string { return patrolNames.String(k) }

// ParsePatrolKind returns the strategy named s.
func ParsePatrolKind(s string) (PatrolKind, error) { return patrolNames.Parse(s) }

// Patrol decides where a free officer goes next.
type Patrol struct {
	Kind  PatrolKind
	Dwell float64 // minutes spent at each patrol point before moving on
}

// Next returns the next patrol point for o and whether the officer moves
// at all. The officer drives there and then dwells for p.Dwell minutes.
func (p Patrol) Next(o *Officer, a Area, r *rand.Rand) (Point, bool) {
	switch p.Kind {
	case PatrolBeat:
		return a.RandomPointInBeat(o.Beat, r), true
	case PatrolRandom:
		return a.RandomPoint(r), true
	case PatrolHotspot:
		if p, ok := a.HotspotPoint(r); ok {
			return p, true
		}
		return a.RandomPointInBeat(o.Beat, r), true
	default:
		return Point{}, false
	}
}
