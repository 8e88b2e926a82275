// Package scenarios reads, checks and resolves precinct scenarios: the
// TOML schema (Scenario and its parts), the built-in defaults (Default),
// strict loading with file:line:column errors (Load), command-line
// overrides (--set dotted.key=value), validation that reports every
// problem at once (Validate), the embedded library of prebuilt scenarios
// (Library), the points of parameter studies (LoadSweep for a file's
// [sweep] table, Vary for compare --vary), and the translation into the
// engine's plain sim.Config.
//
// A scenario may describe itself for people with keys the engine never
// reads: group (one of Groups), briefing, levers, watch and questions.
//
// A scenario is resolved in layers, each overriding the one before:
//
//  1. the built-in defaults (Default: the urban precinct "baseline"),
//  2. the scenarios it extends (extends = "name"), root first,
//  3. the scenario file itself,
//  4. the --set overrides, in the order given.
//
// Tables merge key by key; arrays (neighborhoods, profiles, shift lists)
// are replaced whole. Unknown keys are errors, never ignored, and keys are
// case-sensitive (keys.go); files are bounded in size, names in alphabet
// and length, and a scenario or study in estimated memory and work
// (limits.go, names.go). A parent's
// name, summary, briefing, levers, watch and questions describe the
// parent alone and are never inherited; its group is.
package scenarios
