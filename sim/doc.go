// Package sim is the discrete-event engine of precinct. It takes a plain
// Config (never TOML: package scenarios builds one) and runs one
// replicate with Run. Time is a float64
// count of minutes since the start of the run; the first WarmupDays are
// simulated but left out of every metric. Cost grows with the number of
// events (calls, patrol legs, shift changes), not with cells x minutes.
//
// The files hold one submodel each:
//
//   - config.go: the input schema, Config and its parts.
//   - check.go: Config.check, what Run rejects.
//   - result.go: the output schema, Result and its parts.
//   - engine.go: the engine's state, its construction, the run loop and
//     the closing of the books.
//   - agenda.go: the event kinds, the event queue and the generic heap.
//   - streams.go: every random stream, the call keys and the keyed draws.
//   - world.go: the grid, distances and travel times.
//   - calls.go: the call table and the generator of calls for service.
//   - dispatch.go: receiving calls, the dispatch policy (nearest,
//     beat-first, beat and adjacent), zero line capacity, the waiting
//     queue, preemption, assignment and the stages of a call.
//   - processing.go: call processing and telephone reports.
//   - units.go: units per call, secondary units and backup requests.
//   - holding.go: holding P3 calls while few units are free.
//   - arrests.go: transport and booking after an arrest.
//   - selfinitiated.go: officer-initiated work and the time pedestrian
//     stops take; interrupting an activity for a P1 call.
//   - outofservice.go: meals, administration and court.
//   - calendar.go: day-of-week and monthly profiles.
//   - roster.go: the duty roster, one type for officers and for
//     co-responder teams: shifts, posts, mutual aid.
//   - patrol.go: free time, patrol legs and the presence they plan.
//   - engagement.go: community-engagement sessions.
//   - community.go: the crime, resident and trust state and its midnight
//     update.
//   - crime.go: offense generation, crime calls, clearance, social
//     services.
//   - nearrepeat.go: the near-repeat boost after an offense and the
//     near-repeat measure.
//   - deterrence.go: the deterrence of presence.
//   - areadeterrence.go: area deterrence, from the police presence a
//     beat has seen over recent days.
//   - incapacitation.go: offenders detained after arrests.
//   - hotspots.go: ranking and choosing hot spots.
//   - stops.go: proactive stops at the end of a dwell.
//   - force.go: encounters, use of force, injuries, complaints.
//   - coresponders.go: civilian co-responder teams: eligible calls,
//     triage, the team queue and its wait, team-only calls, backups.
//   - scheduled.go: scheduled events (surges, incidents, roster changes,
//     mutual aid) and the surge call generator.
//   - cost.go: what the budget's lines cost over a span.
//   - window.go: the measured window.
//   - recorder.go: the recorders that turn events into a Result.
//   - dist.go, histogram.go: duration distributions, response histograms.
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
