// Package study runs and stores studies: a set of scenarios run over the
// same replicates, written to an output directory as the replicates
// finish, and read back from it.
//
// A Study (NewStudy, Execute, Resume) runs its replicates on a worker pool
// (Replicate, replicate.go) that delivers results in job order whatever
// the number of workers, so that the files are the same on any number of
// them. Replicate r of every scenario draws from the streams of (seed, r):
// the scenarios are paired (common random numbers).
//
// The output directory (docs/OUTPUTS.md; the Go types are in outputs.go)
// holds manifest.json, the resolved scenarios, runs.csv and daily.csv
// (rows.go, one row per replicate or day, written as each replicate
// arrives), cells.csv, hoods.csv and response.csv (aggregate.go, from
// running sums) and summary.json. Every file is written atomically
// (atomic.go). While a study runs, a checkpoint (checkpoint.go) records
// the replicates on disk and the running sums, so that Resume finishes an
// interrupted or killed study with the files an uninterrupted run would
// have written. ReadDir and the Read functions (read.go) read a directory
// back; DiffDirs compares two.
//
// A study can also run as shards (shard.go: SetShard, ExecuteShard), each
// every N-th job of its list in a directory of its own, and Merge
// (merge.go) turns the shards into the files one machine writes; the
// aggregates' float sums are exact (exactsum.go) so that they do not
// depend on how the replicates were split.
//
// Metrics (metrics.go) lists the per-replicate metrics and DailyMetrics
// the per-day ones: adding one is one line there. Describe and Compare
// (stats.go) give the statistics across replicates and the paired
// differences, with gonum. A single run's record is Run (run.go: run.json
// with the resolved scenario and Provenance).
//
// It reads sim's results and scenarios' resolved scenarios; it holds no
// model logic and presents nothing: package report turns an output
// directory into console tables, charts and report.html.
package study
