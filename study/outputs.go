package study

// The on-disk formats of a replicated run's output directory (--out DIR),
// documented file by file and column by column in docs/OUTPUTS.md. A
// directory holds:
//
//	manifest.json        Manifest: what was run (scenarios, variants, reps, seeds)
//	scenarios/NAME.toml  each resolved scenario, runnable as is
//	runs.csv             one row per scenario x replicate, one column per metric
//	daily.csv            one row per scenario x replicate x measured day
//	cells.csv            per-cell means across replicates (community model)
//	hoods.csv            per-neighborhood means across replicates (community model)
//	response.csv         response-time distribution per scenario and priority
//	summary.json         Summary: statistics, paired comparisons, provenance
//
// ReadDir and the Read... functions read a directory back.

// The format names written in the "format" field of manifest.json and
// summary.json. A change that breaks a reader bumps the number.
const (
	ManifestFormat = "precinct-manifest/1"
	SummaryFormat  = "precinct-summary/1"
)

// The file names inside an output directory.
const (
	ManifestFile = "manifest.json"
	SummaryFile  = "summary.json"
	RunsFile     = "runs.csv"
	DailyFile    = "daily.csv"
	CellsFile    = "cells.csv"
	HoodsFile    = "hoods.csv"
	ResponseFile = "response.csv"
	ScenarioDir  = "scenarios"
)

// Manifest is manifest.json: everything needed to run a study again or to
// finish it with --resume. It holds no times and no worker count, so an
// interrupted and resumed run writes the same manifest as one that ran
// through.
type Manifest struct {
	Format  string `json:"format"`  // ManifestFormat
	Command string `json:"command"` // run, compare or sweep
	Reps    int    `json:"reps"`    // replicates per scenario: 0 .. Reps-1
	// Order is the order of replicates in runs.csv and daily.csv:
	// "replicate-major" (replicate 0 of every scenario, then replicate 1,
	// ...), so that an interrupted run holds whole pairs.
	Order string `json:"order"`
	// VariantKeys are the scenario keys varied across scenarios (--vary,
	// a sweep), in the order of their columns in runs.csv; empty for
	// scenarios that differ otherwise.
	VariantKeys []string           `json:"variant_keys"`
	Scenarios   []ManifestScenario `json:"scenarios"`
}

// ManifestScenario is one scenario of a study.
type ManifestScenario struct {
	Name      string    `json:"name"`      // unique within the study: the scenario column of every file
	Ref       string    `json:"ref"`       // what was given: a library name or a file
	Overrides []string  `json:"overrides"` // --set overrides given, in order
	Variant   []Setting `json:"variant"`   // values of Manifest.VariantKeys for this scenario, in order
	Seed      uint64    `json:"seed"`      // scenario seed; replicate r draws from streams of (Seed, r)
	File      string    `json:"file"`      // the resolved scenario, relative to the directory: scenarios/NAME.toml
	SHA256    string    `json:"sha256"`    // of File's content
}

// Setting is one scenario key and its value as given on the command line
// or in a sweep (the text of a --set value).
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Summary is summary.json: statistics across replicates per scenario and
// metric, paired comparisons and provenance.
type Summary struct {
	Format     string     `json:"format"` // SummaryFormat
	Command    string     `json:"command"`
	Provenance Provenance `json:"provenance"`
	Started    string     `json:"started"`  // RFC 3339: when the study first started
	Finished   string     `json:"finished"` // RFC 3339: when this summary was written
	Workers    int        `json:"workers"`  // worker goroutines of the last (part of the) run
	// Interrupted is true when the run stopped before every replicate was
	// done; the statistics then cover the replicates finished (Replicates
	// of each scenario). Resuming with --resume DIR completes it.
	Interrupted bool    `json:"interrupted"`
	Reps        int     `json:"reps"`       // replicates planned per scenario
	Confidence  float64 `json:"confidence"` // level of every interval: 0.95
	// Metrics lists the metrics in the order of their columns in runs.csv.
	Metrics     []MetricInfo      `json:"metrics"`
	Scenarios   []ScenarioSummary `json:"scenarios"`
	Comparisons []Comparison      `json:"comparisons"` // every scenario after the first against the first
}

// MetricInfo describes one metric (a column of runs.csv or daily.csv).
type MetricInfo struct {
	Key         string `json:"key"`
	Label       string `json:"label"`
	Unit        string `json:"unit"`
	Description string `json:"description"`
}

// ScenarioSummary is one scenario's statistics across its replicates.
type ScenarioSummary struct {
	Name       string    `json:"name"`
	Variant    []Setting `json:"variant"`
	Seed       uint64    `json:"seed"`
	File       string    `json:"file"`       // scenarios/NAME.toml
	SHA256     string    `json:"sha256"`     // of File
	TOML       string    `json:"toml"`       // the resolved scenario
	Replicates int       `json:"replicates"` // replicates finished
	Metrics    []Stats   `json:"metrics"`    // in the order of Summary.Metrics
}

// Stats describes one metric over a scenario's replicates. Replicates in
// which the metric is undefined (an empty cell in runs.csv) are left out
// of N and of everything else. Mean, SD, CI and Quantiles are absent when
// N is too small for them (N = 0; SD and CI also N = 1).
type Stats struct {
	Metric    string     `json:"metric"`
	N         int        `json:"n"`
	Mean      *float64   `json:"mean,omitempty"`
	SD        *float64   `json:"sd,omitempty"` // sample standard deviation (n - 1)
	CI        *Interval  `json:"ci,omitempty"` // t interval of the mean at Summary.Confidence
	Quantiles *Quantiles `json:"quantiles,omitempty"`
}

// Interval is a confidence interval.
type Interval struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// Quantiles are empirical quantiles of the replicate values (the lowest
// value with at least that share of the sample at or below it).
type Quantiles struct {
	P5  float64 `json:"p5"`
	P25 float64 `json:"p25"`
	P50 float64 `json:"p50"`
	P75 float64 `json:"p75"`
	P95 float64 `json:"p95"`
}

// Comparison is one scenario against the baseline (the first scenario),
// metric by metric, paired by replicate: replicate r of both saw the same
// random streams.
type Comparison struct {
	Scenario string   `json:"scenario"`
	Baseline string   `json:"baseline"`
	Metrics  []Paired `json:"metrics"` // in the order of Summary.Metrics
}

// Paired describes the differences scenario - baseline of one metric over
// the replicates where both have it. Distinguishable is true when CI
// excludes 0. UnpairedCI is the Welch interval of the difference of the
// two means that ignores the pairing, for reference: common random numbers
// make CI the narrower.
type Paired struct {
	Metric          string    `json:"metric"`
	N               int       `json:"n"` // pairs
	Diff            *float64  `json:"diff,omitempty"`
	SD              *float64  `json:"sd,omitempty"`
	CI              *Interval `json:"ci,omitempty"`
	Distinguishable bool      `json:"distinguishable"`
	UnpairedCI      *Interval `json:"unpaired_ci,omitempty"`
}

// RunRow is one row of runs.csv: one replicate of one scenario. Values
// holds the metrics in the order of the file's header; NaN marks a metric
// undefined in that replicate (an empty cell).
type RunRow struct {
	Scenario  string
	Variant   []string // values of the variant keys, "" where a scenario has none
	Replicate int
	Seed      uint64
	Values    []float64
}

// Runs is runs.csv read back.
type Runs struct {
	VariantKeys []string
	Metrics     []string // metric keys, in column order
	Rows        []RunRow
}

// DailyRow is one row of daily.csv: one measured day of one replicate.
// NaN marks an undefined value (an empty cell).
type DailyRow struct {
	Scenario  string
	Replicate int
	Day       int // 0 is the first day after the warm-up
	Values    []float64
}

// Daily is daily.csv read back. ReadDaily holds every row in Rows.
// ReadDir holds only the header and leaves Rows nil: daily.csv has a row
// per scenario, replicate and measured day, far more than any other file,
// so its rows are streamed from the file by Scan, which reads Rows when
// they are held and the file otherwise.
type Daily struct {
	Metrics []string
	Rows    []DailyRow
	file    string // daily.csv, whose rows Scan streams when Rows is nil
}

// CellRow is one row of cells.csv: the mean over a scenario's replicates
// of what happened in one cell.
type CellRow struct {
	Scenario      string
	Cell          int // index: column Cell % width, row Cell / width
	X, Y          int // column and row; row 0 is the north edge
	Neighborhood  string
	Beat          int
	Replicates    int
	True          float64 // offenses that happened there
	Recorded      float64 // offenses recorded there
	Stops         float64 // proactive stops made there
	PresenceHours float64 // officer-hours dwelling there
}

// HoodRow is one row of hoods.csv: the mean over a scenario's replicates
// of one neighborhood's measures.
type HoodRow struct {
	Scenario     string
	Neighborhood string
	Residents    int
	Replicates   int
	TrustStart   float64 // mean trust at the end of the warm-up
	TrustEnd     float64 // mean trust at the end of the run
	True         float64
	Recorded     float64
	Stops        float64
}

// ResponseRow is one row of response.csv: one bin of the response-time
// distribution of one priority in one scenario.
type ResponseRow struct {
	Scenario  string
	Priority  int
	UpperMin  float64 // upper edge of the bin in minutes, +Inf for the overflow bin
	MeanCount float64 // calls per replicate in the bin
	Share     float64 // share of the priority's answered calls in the bin
}

// Output is a whole output directory read back.
type Output struct {
	Manifest *Manifest
	Summary  *Summary
	Runs     *Runs
	Daily    *Daily
	Cells    []CellRow
	Hoods    []HoodRow
	Response []ResponseRow
}
