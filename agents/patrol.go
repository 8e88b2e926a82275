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
	// HotspotPointInBeat is HotspotPoint among the hot spots of beat b.
	HotspotPointInBeat(b int, r *rand.Rand) (Point, bool)
}

// PatrolKind names a patrol strategy for free officer time.
type PatrolKind uint8

// The patrol strategies. Stay keeps a free officer where it is, which is
// what queueing validations want; the others move it around.
const (
	PatrolBeat    PatrolKind = iota // random cells of the officer's own beat
	PatrolRandom                    // random cells of the whole precinct
	PatrolStay                      // no movement between calls
	PatrolHotspot                   // beat patrol with directed visits to hot spots by recorded crime (see Patrol)
)

var patrolNames = enum.New[PatrolKind]("PatrolKind", "patrol strategy", "beat", "random", "stay", "hotspot")

// PatrolKinds lists the names accepted by ParsePatrolKind, in order.
func PatrolKinds() []string { return patrolNames.List() }

// String returns the strategy's name as written in scenarios.
func (k PatrolKind) String() string { return patrolNames.String(k) }

// ParsePatrolKind returns the strategy named s.
func ParsePatrolKind(s string) (PatrolKind, error) { return patrolNames.Parse(s) }

// HotspotScope says which hot spots an officer on hot-spot patrol visits.
type HotspotScope uint8

// The scopes of hot-spot visits.
const (
	ScopeBeat HotspotScope = iota // the hot spots of the officer's own beat
	ScopeAny                      // any hot spot of the precinct
)

var scopeNames = enum.New[HotspotScope]("HotspotScope", "hot-spot scope", "beat", "any")

// HotspotScopes lists the names accepted by ParseHotspotScope, in order.
func HotspotScopes() []string { return scopeNames.List() }

// String returns the scope's name as written in scenarios.
func (s HotspotScope) String() string { return scopeNames.String(s) }

// ParseHotspotScope returns the scope named s.
func ParseHotspotScope(s string) (HotspotScope, error) { return scopeNames.Parse(s) }

// Patrol decides where a free officer goes next.
//
// Hot-spot patrol with Interval > 0 is beat patrol plus directed visits
// (the Sacramento design of Telep et al. 2014): a free officer whose
// visit is due (o.NextVisit has passed) goes to a hot spot of its scope
// and dwells there Visit minutes; the engine sets its next visit due
// Interval after it arrives. With no hot spot in its scope, or before its
// visit is due, it patrols its beat. With Interval = 0 all free patrol is
// at hot spots of the whole precinct, with dwells of Dwell minutes.
type Patrol struct {
	Kind  PatrolKind
	Dwell float64 // minutes spent at each patrol point before moving on

	Visit    float64      // hot-spot patrol: minutes of each directed visit
	Interval float64      // hot-spot patrol: minutes from a visit's arrival to the next visit being due; 0: all patrol at hot spots
	Scope    HotspotScope // hot-spot patrol: which hot spots an officer visits
}

// Leg is a patrol leg: the point a free officer drives to and the minutes
// it dwells there.
type Leg struct {
	To    Point
	Dwell float64
	Visit bool // a directed hot-spot visit
}

// Next returns o's next patrol leg at minute now and whether the officer
// moves at all.
func (p Patrol) Next(o *Officer, a Area, now float64, r *rand.Rand) (Leg, bool) {
	switch p.Kind {
	case PatrolBeat:
		return Leg{To: a.RandomPointInBeat(o.Beat, r), Dwell: p.Dwell}, true
	case PatrolRandom:
		return Leg{To: a.RandomPoint(r), Dwell: p.Dwell}, true
	case PatrolHotspot:
		if p.Interval == 0 {
			if h, ok := a.HotspotPoint(r); ok {
				return Leg{To: h, Dwell: p.Dwell}, true
			}
		} else if now >= o.NextVisit {
			h, ok := a.HotspotPointInBeat(o.Beat, r)
			if p.Scope == ScopeAny {
				h, ok = a.HotspotPoint(r)
			}
			if ok {
				return Leg{To: h, Dwell: p.Visit, Visit: true}, true
			}
		}
		return Leg{To: a.RandomPointInBeat(o.Beat, r), Dwell: p.Dwell}, true
	default:
		return Leg{}, false
	}
}
