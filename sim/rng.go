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
