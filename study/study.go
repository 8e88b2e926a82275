package study

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// Spec is one scenario of a study as the command line gave it.
type Spec struct {
	Name      string              // name in the outputs; "" takes the scenario's own name
	Ref       string              // a library name or a file
	Overrides []string            // --set overrides, in order
	Variant   []Setting           // values of the study's variant keys
	Scenario  *scenarios.Scenario // the resolved scenario
}

// Study is a set of scenarios run over the same replicates 0 .. Reps-1.
// Replicate r of every scenario draws from the streams of (seed, r), so
// the scenarios of a study share their seed and differences between them
// are paired (common random numbers).
type Study struct {
	Manifest  Manifest
	scenarios []*scenarios.Scenario
	configs   []sim.Config
	tomls     [][]byte
	shard     *Shard // the part of the job list this run owns; nil: all of it (shard.go)
}

// Options says how a study runs.
type Options struct {
	Workers int // worker goroutines; < 1 means runtime.GOMAXPROCS(0)
	// Progress, when not nil, is called after every replicate that reached
	// the disk with the replicates done and planned (those of an earlier,
	// interrupted part included).
	Progress func(done, total int)
	// CheckpointEvery is the least time between two checkpoints (0: one
	// second). A hard kill loses at most what finished since the last.
	CheckpointEvery time.Duration
}

// Interrupted is the error of a study stopped before it was complete: the
// replicates done are on disk and summarized, and Resume finishes it.
type Interrupted struct {
	Done, Total int
	Dir         string
	Err         error // the context's error
}

func (e *Interrupted) Error() string {
	return fmt.Sprintf("interrupted after %d of %d replicates; the finished ones are in %s (complete them with --resume %s)",
		e.Done, e.Total, e.Dir, e.Dir)
}

func (e *Interrupted) Unwrap() error { return e.Err }

// ErrExists is returned by Execute when the directory already holds a
// study.
var ErrExists = errors.New("already holds a study")

// NewStudy assembles a study of specs, each run reps times. variantKeys
// name the keys whose values the specs' Variant give (columns of
// runs.csv). Names are made unique and file-safe; every scenario takes
// the first one's seed so that the study is paired.
func NewStudy(command string, reps int, variantKeys []string, specs []Spec) (*Study, error) {
	if reps < 1 {
		return nil, fmt.Errorf("study: %d replicates, want at least 1", reps)
	}
	if len(specs) == 0 {
		return nil, errors.New("study: no scenarios")
	}
	st := &Study{Manifest: Manifest{Format: ManifestFormat, Command: command, Reps: reps, Order: "replicate-major",
		VariantKeys: nonNil(variantKeys)}}
	used := map[string]bool{}
	for _, sp := range specs {
		s := *sp.Scenario
		name := sp.Name
		if name == "" {
			name = s.Name
		}
		name = fileSafe(name)
		for k := 2; used[name]; k++ {
			name = fmt.Sprintf("%s-%d", strings.TrimSuffix(name, fmt.Sprintf("-%d", k-1)), k)
		}
		used[name] = true
		s.Name = name
		s.Seed = specs[0].Scenario.Seed
		toml := s.TOML()
		file := ScenarioDir + "/" + name + ".toml"
		st.Manifest.Scenarios = append(st.Manifest.Scenarios, ManifestScenario{Name: name, Ref: sp.Ref,
			Overrides: nonNil(sp.Overrides), Variant: nonNil(sp.Variant), Seed: s.Seed, File: file, SHA256: Hash(toml)})
		st.add(&s, toml)
	}
	return st, nil
}

func (st *Study) add(s *scenarios.Scenario, toml []byte) {
	st.scenarios = append(st.scenarios, s)
	st.configs = append(st.configs, s.Config())
	st.tomls = append(st.tomls, toml)
}

// Total returns the number of replicates the study runs: scenarios x
// reps, or its shard's share of them (SetShard).
func (st *Study) Total() int { return len(st.jobList()) }

// fileSafe keeps letters, digits and . _ = + , - and turns anything else
// into _, so that a name is also a file name.
func fileSafe(name string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._=+,-", r):
			return r
		}
		return '_'
	}, name)
	if s == "" || s[0] == '.' {
		s = "_" + s
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Execute runs the study into dir, created if missing, writing every
// output file (docs/OUTPUTS.md). When ctx is done it stops after the
// replicates in flight, writes every file for what finished and returns
// the summary with an *Interrupted error.
func (st *Study) Execute(ctx context.Context, dir string, opt Options) (*Summary, error) {
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err == nil {
		return nil, fmt.Errorf("%s %w (finish it with --resume %s, or choose another directory)", dir, ErrExists, dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, ScenarioDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, stateDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	for i, ms := range st.Manifest.Scenarios {
		if err := WriteFileAtomic(filepath.Join(dir, ms.File), st.tomls[i]); err != nil {
			return nil, err
		}
	}
	if err := writeJSON(filepath.Join(dir, ManifestFile), st.Manifest); err != nil {
		return nil, err
	}
	if err := st.writeShard(dir); err != nil {
		return nil, err
	}
	cp, err := newCheckpoint(filepath.Join(dir, stateDir), len(st.configs), st.runsHeader(), dailyHeader())
	if err != nil {
		return nil, err
	}
	return st.run(ctx, dir, cp, opt)
}

// Resume finishes the study in dir, interrupted or killed: it reads the
// manifest and the resolved scenarios written there (never the original
// files), runs the replicates missing since the last checkpoint and ends
// with the files an uninterrupted run would have written.
func Resume(ctx context.Context, dir string, opt Options) (*Study, *Summary, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	st := &Study{Manifest: *m}
	for _, ms := range m.Scenarios {
		path := filepath.Join(dir, ms.File)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, fmt.Errorf("resuming %s: %w", dir, err)
		}
		if Hash(data) != ms.SHA256 {
			return nil, nil, fmt.Errorf("resuming %s: %s has changed since the study started (sha256 %s, manifest says %s)", dir, path, Hash(data), ms.SHA256)
		}
		s, err := scenarios.Parse(path, data, nil)
		if err != nil {
			return nil, nil, err
		}
		st.add(s, data)
	}
	if err := st.readShard(dir); err != nil {
		return nil, nil, err
	}
	cp, err := readCheckpoint(dir, len(st.configs), st.Total())
	if err != nil {
		return nil, nil, err
	}
	sum, err := st.run(ctx, dir, cp, opt)
	return st, sum, err
}

// run runs the replicates from cp.Done on, then writes the final files.
func (st *Study) run(ctx context.Context, dir string, cp *checkpoint, opt Options) (*Summary, error) {
	state := filepath.Join(dir, stateDir)
	runsW, err := appendPartial(filepath.Join(state, RunsFile+partialSuffix), cp.RunsBytes)
	if err != nil {
		return nil, err
	}
	defer runsW.close()
	dailyW, err := appendPartial(filepath.Join(state, DailyFile+partialSuffix), cp.DailyBytes)
	if err != nil {
		return nil, err
	}
	defer dailyW.close()

	save := func() error { return cp.save(state, runsW, dailyW) }
	every := opt.CheckpointEvery
	if every <= 0 {
		every = time.Second
	}
	last := time.Now()
	owned := st.jobList()
	total, start, n := len(owned), cp.Done, len(st.configs)
	jobs := make([]Job, 0, total-start)
	for _, k := range owned[start:] {
		jobs = append(jobs, Job{Config: &st.configs[k%n], Rep: k / n})
	}
	workers := opt.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	runErr := Replicate(ctx, jobs, workers, func(i int, res *sim.Result) error {
		s := owned[start+i] % n
		if err := st.writeRun(runsW, s, res); err != nil {
			return err
		}
		if err := writeDaily(dailyW, st.Manifest.Scenarios[s].Name, res); err != nil {
			return err
		}
		cp.Sums[s].add(res)
		cp.Done++
		if time.Since(last) >= every {
			if err := save(); err != nil {
				return err
			}
			last = time.Now()
		}
		if opt.Progress != nil {
			opt.Progress(cp.Done, total)
		}
		return nil
	})
	if err := save(); err != nil {
		return nil, errors.Join(runErr, err)
	}
	if runErr != nil && ctx.Err() == nil {
		return nil, runErr
	}
	sum, err := st.finish(dir, cp, workers)
	if err != nil {
		return nil, err
	}
	if cp.Done < total {
		return sum, &Interrupted{Done: cp.Done, Total: total, Dir: dir, Err: ctx.Err()}
	}
	return sum, os.RemoveAll(state)
}

// finish writes runs.csv, daily.csv, the aggregate files and summary.json
// for the replicates in cp.
func (st *Study) finish(dir string, cp *checkpoint, workers int) (*Summary, error) {
	state := filepath.Join(dir, stateDir)
	for _, f := range []string{RunsFile, DailyFile} {
		if err := copyAtomic(filepath.Join(state, f+partialSuffix), filepath.Join(dir, f)); err != nil {
			return nil, err
		}
	}
	if err := st.writeAggregates(dir, cp.Sums); err != nil {
		return nil, err
	}
	if err := st.writeSums(dir, cp.Sums); err != nil {
		return nil, err
	}
	runs, err := ReadRuns(dir)
	if err != nil {
		return nil, err
	}
	sum := st.summarize(runs)
	sum.Started, sum.Finished, sum.Workers = cp.Started, time.Now().UTC().Format(time.RFC3339), workers
	sum.Interrupted = cp.Done < st.Total()
	if err := writeJSON(filepath.Join(dir, SummaryFile), sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// summarize computes the statistics of every scenario and metric and the
// paired comparisons with the first scenario.
func (st *Study) summarize(runs *Runs) *Summary {
	m := &st.Manifest
	sum := &Summary{Format: SummaryFormat, Command: m.Command, Provenance: CurrentProvenance(), Reps: m.Reps,
		Confidence: Confidence, Metrics: MetricInfos(), Comparisons: []Comparison{}}
	index := map[string]int{}
	for i, ms := range m.Scenarios {
		index[ms.Name] = i
	}
	col := map[string]int{}
	for j, k := range runs.Metrics {
		col[k] = j
	}
	// values[s][metric][replicate], NaN where missing.
	values := make([][][]float64, len(m.Scenarios))
	done := make([]int, len(m.Scenarios))
	for s := range values {
		values[s] = make([][]float64, len(Metrics))
		for k := range values[s] {
			values[s][k] = nanSlice(m.Reps)
		}
	}
	for _, row := range runs.Rows {
		s, ok := index[row.Scenario]
		if !ok || row.Replicate < 0 || row.Replicate >= m.Reps {
			continue
		}
		done[s]++
		for k, mt := range Metrics {
			if j, ok := col[mt.Key]; ok {
				values[s][k][row.Replicate] = row.Values[j]
			}
		}
	}
	for s, ms := range m.Scenarios {
		ss := ScenarioSummary{Name: ms.Name, Variant: ms.Variant, Seed: ms.Seed, File: ms.File, SHA256: ms.SHA256,
			TOML: string(st.tomls[s]), Replicates: done[s]}
		for k, mt := range Metrics {
			ss.Metrics = append(ss.Metrics, Describe(mt.Key, values[s][k]))
		}
		sum.Scenarios = append(sum.Scenarios, ss)
		if s == 0 {
			continue
		}
		c := Comparison{Scenario: ms.Name, Baseline: m.Scenarios[0].Name}
		for k, mt := range Metrics {
			c.Metrics = append(c.Metrics, Compare(mt.Key, values[0][k], values[s][k]))
		}
		sum.Comparisons = append(sum.Comparisons, c)
	}
	return sum
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = nanValue
	}
	return s
}
