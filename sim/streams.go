package sim

import (
	"math/bits"
	"math/rand/v2"
)

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

// keyedDraws returns the draws keyed(key, purpose) would make, by
// position, without touching the engine's generator.
func (e *engine) keyedDraws(key, purpose uint64) keyedDraws {
	return keyedDraws{hi: e.keyBase ^ splitmix64(purpose), lo: splitmix64(key)}
}

// keyedDraws are the draws of a keyed generator (engine.keyed) read by
// their position instead of in turn: the state of a PCG after k steps is
// an affine function of its seed, so the k-th draw is one step from the
// seed, computed alone. A draw whose outcome nothing reads is then never
// made, and the draws made do not wait on one another. math/rand/v2 has
// no such jump ahead, so the step (PCG-DXSM, its constants and output)
// is the package's own, written out here: TestKeyedDraws holds it to
// rand.PCG's draws.
type keyedDraws struct{ hi, lo uint64 } // the seed, as rand.PCG.Seed takes it

// keyedJumps is the furthest position keyedDraws reads.
const keyedJumps = 8

// pcgJump[k] takes a PCG's state k steps on: the state after k steps from
// s is mul*s + inc (mod 2^128), with pcgJump[1] rand.PCG's own step.
var pcgJump = func() (j [keyedJumps + 1]struct{ mulHi, mulLo, incHi, incLo uint64 }) {
	j[0].mulLo = 1
	for k := 1; k <= keyedJumps; k++ {
		// From k-1 steps to k: mul_k = mul_{k-1}*M, inc_k = inc_{k-1}*M + I.
		const mHi, mLo, iHi, iLo = 2549297995355413924, 4865540595714422341, 6364136223846793005, 1442695040888963407
		p := j[k-1]
		j[k].mulHi, j[k].mulLo = mul128(p.mulHi, p.mulLo, mHi, mLo)
		hi, lo := mul128(p.incHi, p.incLo, mHi, mLo)
		var c uint64
		j[k].incLo, c = bits.Add64(lo, iLo, 0)
		j[k].incHi, _ = bits.Add64(hi, iHi, c)
	}
	return j
}()

// mul128 returns a*b mod 2^128.
func mul128(aHi, aLo, bHi, bLo uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(aLo, bLo)
	return hi + aHi*bLo + aLo*bHi, lo
}

// state returns the generator's state after its first k draws.
func (d keyedDraws) state(k int) (hi, lo uint64) {
	j := &pcgJump[k]
	hi, lo = mul128(d.hi, d.lo, j.mulHi, j.mulLo)
	lo, c := bits.Add64(lo, j.incLo, 0)
	hi, _ = bits.Add64(hi, j.incHi, c)
	return hi, lo
}

// uniform returns the generator's k-th draw (from 1) of Float64, the
// number rand.New(rand.NewPCG(d.hi, d.lo)) draws k-th: rand.PCG.Uint64's
// DXSM output of the state after k steps, as rand.Rand.Float64 takes it.
func (d keyedDraws) uniform(k int) float64 {
	hi, lo := d.state(k)
	const cheapMul = 0xda942042e4dd58b5
	hi ^= hi >> 32
	hi *= cheapMul
	hi ^= hi >> 48
	hi *= lo | 1
	return float64(hi<<11>>11) / (1 << 53)
}

// after returns the engine's keyed generator as it stands after the
// first k draws of d: its next draw is d's (k+1)-th. Like keyed, its
// draws must be used before the next call to keyed.
func (e *engine) after(d keyedDraws, k int) *rand.Rand {
	e.keyPCG.Seed(d.state(k))
	return e.keyRand
}
