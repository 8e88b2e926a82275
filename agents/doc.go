// Package agents holds the actors of the precinct model and their rules:
// officers with their duty states and movement, and the patrol strategies
// that decide where a free officer goes next.
//
// It is the leaf of the import graph: it imports no other package of the
// project. Where a rule needs something from the world (a random cell in a
// beat, say) it declares the small interface it needs, and the engine in
// package sim supplies it.
//
// Units: time is in minutes since the start of a run, positions are in
// cell units (cell (i, j) spans [i, i+1) x [j, j+1); its centre is
// (i+0.5, j+0.5)). Every function that needs randomness takes a
// *rand.Rand from math/rand/v2; the package holds no random state.
package agents
