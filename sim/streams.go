package sim

import "math/rand/v2"

// Stream names one of a replicate's independent random streams.
type Stream uint64

// The streams of a replicate. Each process draws from its own stream so
// that a change in one (say, more officers patrolling) does not shift the
// numbers another sees (the calls that arrive).
const (
	StreamCalls  Stream = 1 // call arrivals, types, places, service and report times
	StreamPatrol Stream = 2 // patrol destinations
)

// The community half's own random streams.
const (
	StreamCrime     Stream = 3 // offense candidates: counts, cells, times, types, thinning draws
	StreamResidents Stream = 4 // the synthetic population and the prior recorded crime
	StreamOutcomes  Stream = 5 // victims, reporting, discovery, stops, cooperation, clearance, contacts
)

// StreamForce is the stream of the use-of-force draws at proactive stops.
// Draws at calls come from the call's own keyed generator (engine.keyed).
const StreamForce Stream = 6

// StreamPlaces is the stream of the cells' place-level attractiveness,
// drawn from replicate 0's generator so that every replicate of a seed
// has the same places.
const StreamPlaces Stream = 7

// StreamKnox is the stream of the permutations behind the Knox ratios'
// expected counts (sim/knox.go): a stream of their own, so that computing
// them moves no other draw.
const StreamKnox Stream = 8

// streamSurge is the first of the surge generators' streams: event i's
// surge draws from stream streamSurge + i.
const streamSurge Stream = 16

// NewStream returns the generator of stream s of replicate rep of a
// scenario with the given seed: a PCG whose two state words are mixed from
// all three numbers with SplitMix64. The same triple always gives the same
// sequence.
func NewStream(seed uint64, rep int, s Stream) *rand.Rand {
	a := splitmix64(seed)
	b := splitmix64(splitmix64(uint64(rep)) ^ uint64(s)*0x9e3779b97f4a7c15)
	return rand.New(rand.NewPCG(a^b, splitmix64(b^seed)))
}

// splitmix64 is the finalizer of SplitMix64 (Steele, Lea and Flood 2014),
// a bijective mixer that spreads nearby inputs over the whole range.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Call key tags: the high bits of call.key say where the call came from,
// the low bits number it within its source. Keys are equal across
// scenarios that receive the same calls, so the same call gets the same
// on-scene draws (common random numbers).
const (
	keyShift     = 48
	tagCalls     = 1               // the call generator
	tagCrime     = 2               // victims' calls; numbered by offense
	tagSurge     = 16              // + event index: a surge's generator
	keyBackupBit = uint64(1) << 63 // a backup call keeps its parent's key with this bit set
)

// Purposes of a call's keyed draws: each gets its own sequence.
const (
	purposePolice     uint64 = 1 + iota // arrest, force, injuries, complaint at a police response
	purposeTeam                         // a team's time on scene and its call for backup
	purposeProcessing                   // call processing time
	purposeUnits                        // units sent and the primary's request for backup
	purposeTelephone                    // a telephone report instead of a unit
	purposeArrest                       // transport and booking, the second officer
	purposeSelfInit                     // keyed by officer and activity number: officer-initiated work
	purposeStops                        // keyed by officer and stop number: a pedestrian stop's time
	purposeOOS                          // keyed by officer-shift: meals, court, administration
	purposeEligible                     // whether a call is eligible for a co-responder team, and triaged out
)

// keyed returns a generator that depends only on the replicate, the call
// key and the purpose: the same call gets the same draws in any scenario
// that receives it, whoever answers it and whenever. It reseeds one PCG
// in place, so it allocates nothing; its draws must be used before the
// next call to keyed.
func (e *engine) keyed(key, purpose uint64) *rand.Rand {
	e.keyPCG.Seed(e.keyBase^splitmix64(purpose), splitmix64(key))
	return e.keyRand
}
