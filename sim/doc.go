// Package sim is the discrete-event engine of precinct: the precinct grid,
// the clock and event queue, the call generator, dispatch, the duty roster
// and the metrics recorder.
//
// The engine takes a plain Config (never TOML: package scenarios builds
// one) and runs one replicate with Run, or many on a worker pool with
// Replicate, which delivers results in job order whatever the number of
// workers. Time is a float64 count of minutes
// since the start of the run; the first WarmupDays are simulated but left
// out of every metric. Cost grows with the number of events (calls, patrol
// legs, shift changes), not with cells x minutes.
//
// Randomness: each replicate draws from named streams (calls, patrol, ...)
// each a PCG generator seeded from (Config.Seed, replicate, stream); see
// NewStream. The same replicate under two configurations therefore sees the
// same calls at the same times and places as long as the call settings are
// the same, which is what paired comparisons need. The package holds no
// random state of its own.
//
// Events at the same minute run in a fixed order: shift ends, then shift
// starts, then everything else in the order it was scheduled. Agents live in
// slices indexed by id and no step ranges over a map, so a run is a pure
// function of its Config and replicate.
package sim
