// Package agents holds the actors of the precinct model and their rules:
//
//   - officer.go: officers, their duty states and movement.
//   - team.go: co-responder teams.
//   - patrol.go: the patrol strategies that decide where a free officer
//     goes next.
//   - crime.go: land uses and the crime field (static attractiveness,
//     near-repeat boosts, problem solving).
//   - resident.go: the synthetic population, its ties and trust.
//
// It imports no other package of the project but the enum leaf. Where a
// rule needs something from the world (a random cell in a beat, say) it
// declares the small interface it needs, and the engine in package sim
// supplies it.
//
// Units: time is in minutes since the start of a run, positions are in
// cell units (cell (i, j) spans [i, i+1) x [j, j+1); its centre is
// (i+0.5, j+0.5)). Every function that needs randomness takes a
// *rand.Rand from math/rand/v2; the package holds no random state.
package agents
