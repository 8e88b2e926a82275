// Package report turns what the engine measured into things people and
// programs read: the console summary of a run, the machine-readable run
// file (JSON with the resolved scenario and provenance, so that every
// number can be reproduced), and atomic file writes.
//
// Studies (Study, NewStudy, Execute, Resume) run a set of scenarios over
// the same replicates and write an output directory as the replicates
// finish: runs.csv, daily.csv, cells.csv, hoods.csv, response.csv and
// summary.json (docs/OUTPUTS.md; the Go types are in outputs.go and
// ReadDir reads a directory back). Statistics across replicates
// (Describe, Compare) use gonum. Metrics lists the per-replicate metrics:
// adding one is one line there.
//
// It reads sim's result types and scenarios' resolved scenarios; it holds
// no model logic.
package report
