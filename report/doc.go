// Package report turns what the engine measured into things people and
// programs read: the console summary of a run, the machine-readable run
// file (JSON with the resolved scenario and provenance, so that every
// number can be reproduced), and atomic file writes.
//
// It reads sim's result types and scenarios' resolved scenarios; it holds
// no model logic.
package report
