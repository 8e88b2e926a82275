package study

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
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
//
// A study holds, per scenario or sweep point, its manifest entry, its
// resolved scenario and that scenario's TOML (scenarios/NAME.toml and
// summary.json write it), never its sim.Config: a job builds the
// configuration of its scenario when it starts (Scenario.Config, a small
// fraction of a replicate's time), so that the memory of a sweep grows
// with its points by the scenario and its running sums alone
// (docs/ARCHITECTURE.md, "Bounds").
type Study struct {
	Manifest  Manifest
	scenarios []*scenarios.Scenario
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
	// Force lets Execute write into a directory that holds files but no
	// study: the study's files replace those of the same names, and
	// nothing else there is touched.
	Force bool
	// Finish, when not nil, is called with the summary once every output
	// file is written (the study complete or interrupted), before the
	// state directory of a complete study is removed: the charts are drawn
	// there, so that a study killed while they are drawn is one that
	// Resume completes.
	Finish func(*Summary) error
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

// ErrNotStudy is returned by Execute when the directory holds files but
// no study, and Options.Force is not set.
var ErrNotStudy = errors.New("holds files that are not a precinct study")

// ErrComplete is returned by Resume when the study is complete.
var ErrComplete = errors.New("nothing to resume, the study is complete")

// ErrNoStudy is returned by Resume when the directory holds no study.
var ErrNoStudy = errors.New("holds no study to resume")

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
	if slices.Contains(variantKeys, "seed") {
		return nil, errors.New("study: the seed cannot be a variant key: every scenario runs on the first one's seed")
	}
	st := &Study{Manifest: Manifest{Format: ManifestFormat, Command: command, Reps: reps, Order: "replicate-major",
		VariantKeys: nonNil(variantKeys)}}
	if err := comparable(command, specs); err != nil {
		return nil, err
	}
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
		if ch := changes(sp); len(ch) > 0 && s.Summary != "" {
			// The summary describes the file; say that this run differs.
			s.Summary = fmt.Sprintf("%s (as written, before %s)", s.Summary, strings.Join(ch, ", "))
		}
		toml := s.TOML()
		file := ScenarioDir + "/" + name + ".toml"
		st.Manifest.Scenarios = append(st.Manifest.Scenarios, ManifestScenario{Name: name, Ref: sp.Ref,
			Overrides: nonNil(sp.Overrides), Variant: nonNil(sp.Variant), Seed: s.Seed, File: file, SHA256: Hash(toml)})
		st.add(&s, toml)
	}
	return st, nil
}

// comparable returns a *scenarios.Problem (bad input) for each scenario
// that cannot stand beside the first in one table: one measuring another
// number of days, whose totals (offenses, overtime, cost) would differ by
// the horizon alone, or one counting money in another currency; and, in a
// compare of named scenarios, for two that --set overrides made the same
// plan, whose every difference would be zero by construction.
func comparable(command string, specs []Spec) error {
	first := specs[0].Scenario
	var errs []error
	if command == "compare" {
		errs = append(errs, sameUnderOverrides(specs)...)
	}
	for _, sp := range specs[1:] {
		s := sp.Scenario
		if s.Days != first.Days {
			errs = append(errs, &scenarios.Problem{File: specLabel(sp), Key: "days", Msg: fmt.Sprintf(
				"measures %d days but %s measures %d: totals (offenses, overtime, cost) would differ by the horizon alone; give every scenario the same days (--days N)",
				s.Days, specLabel(specs[0]), first.Days)})
		}
		if s.Costs.Currency != first.Costs.Currency {
			errs = append(errs, &scenarios.Problem{File: specLabel(sp), Key: "costs.currency", Msg: fmt.Sprintf(
				"counts money in %s but %s in %s: set the same currency", s.Costs.Currency, specLabel(specs[0]), first.Costs.Currency)})
		}
	}
	return errors.Join(errs...)
}

// sameUnderOverrides returns a problem for each pair of specs given as
// different scenarios (not values of a varied key) that build the same
// engine configuration once their --set overrides are applied.
func sameUnderOverrides(specs []Spec) []error {
	var errs []error
	cfgs := make([]sim.Config, len(specs))
	for i, sp := range specs {
		s := *sp.Scenario
		s.Seed = specs[0].Scenario.Seed
		cfgs[i] = s.Config()
	}
	for j := range specs {
		for i := range j {
			a, b := specs[i], specs[j]
			if len(a.Overrides) == 0 || len(a.Variant) > 0 || len(b.Variant) > 0 || !reflect.DeepEqual(cfgs[i], cfgs[j]) {
				continue
			}
			errs = append(errs, &scenarios.Problem{File: "--set " + strings.Join(a.Overrides, " --set "), Msg: fmt.Sprintf(
				"makes %s and %s the same plan, so every difference would be 0; drop the --set that sets what tells them apart", specLabel(a), specLabel(b))})
		}
	}
	return errs
}

// changes lists a spec's variant values and overrides as key=value.
func changes(sp Spec) []string {
	var out []string
	for _, v := range sp.Variant {
		out = append(out, v.Key+"="+v.Value)
	}
	for _, o := range sp.Overrides {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// specLabel names a spec for people: its name, else its reference.
func specLabel(sp Spec) string {
	if sp.Name != "" {
		return sp.Name
	}
	return sp.Ref
}

func (st *Study) add(s *scenarios.Scenario, toml []byte) {
	st.scenarios = append(st.scenarios, s)
	st.tomls = append(st.tomls, toml)
}

// config builds the engine configuration of scenario s of the study.
func (st *Study) config(s int) sim.Config { return st.scenarios[s].Config() }

// Scenarios returns the study's resolved scenarios, in order.
func (st *Study) Scenarios() []*scenarios.Scenario { return st.scenarios }

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
// the summary with an *Interrupted error. It holds the lock of dir
// throughout: a directory that another process is writing returns an
// error wrapping ErrLocked. A directory that holds a study returns one
// wrapping ErrExists, and one that holds other files one wrapping
// ErrNotStudy unless opt.Force is set.
func (st *Study) Execute(ctx context.Context, dir string, opt Options) (*Summary, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	if err := cleanTemps(dir, 1); err != nil {
		return nil, err
	}
	if err := checkNewDir(dir, opt.Force); err != nil {
		return nil, err
	}
	state := filepath.Join(dir, stateDir)
	for _, d := range []string{state, filepath.Join(dir, ScenarioDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("creating output directory: %w", err)
		}
	}
	if err := writeHolder(state); err != nil {
		return nil, err
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
	cp, err := newCheckpoint(state, len(st.scenarios), st.runsHeader(), dailyHeader())
	if err != nil {
		return nil, err
	}
	return st.run(ctx, dir, cp, opt)
}

// checkNewDir checks that a new study may be written into dir: it holds
// nothing, or what a study killed before its manifest was written leaves
// (its state directory, with the lock file, and its scenarios), or force
// is set. A study (a manifest) is never replaced, and a state directory
// that precinct did not make is never written into.
func checkNewDir(dir string, force bool) error {
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err == nil {
		return fmt.Errorf("%s %w (finish it with --resume %s, or choose another directory)", dir, ErrExists, dir)
	}
	state := filepath.Join(dir, stateDir)
	_, err := os.Stat(filepath.Join(state, lockFile))
	ours := err == nil
	if _, err := os.Stat(state); err == nil && !ours {
		return fmt.Errorf("%s %w: %s was not made by precinct; move it away", dir, ErrNotStudy, state)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	var others []string
	for _, e := range entries {
		if !ours || (e.Name() != stateDir && e.Name() != ScenarioDir) {
			others = append(others, e.Name())
		}
	}
	if len(others) == 0 || force {
		return nil
	}
	list := strings.Join(others[:min(3, len(others))], ", ")
	if len(others) > 3 {
		list += fmt.Sprintf(" and %d more", len(others)-3)
	}
	return fmt.Errorf("%s %w (it holds %s): choose a new or empty directory, or give --force to write the study's files among them (files of the same names are replaced, nothing else is touched)",
		dir, ErrNotStudy, list)
}

// Resume finishes the study in dir, interrupted or killed: it reads the
// manifest and the resolved scenarios written there (never the original
// files), checks the checkpoint against them and the partial files
// (refusing with an error wrapping ErrCheckpoint), removes what a kill
// left half written, runs the replicates missing since the last
// checkpoint and ends with the files an uninterrupted run would have
// written. A complete study returns an error wrapping ErrComplete; one
// that another process is writing, an error wrapping ErrLocked.
func Resume(ctx context.Context, dir string, opt Options) (*Study, *Summary, error) {
	m, err := ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("resuming %s: %w (no %s)", dir, ErrNoStudy, ManifestFile)
	}
	if err != nil {
		return nil, nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, nil, err
	}
	defer lock.release()
	if err := cleanTemps(dir, 1); err != nil {
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
	state := filepath.Join(dir, stateDir)
	if _, err := os.Stat(state); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("resuming %s: %w", dir, ErrComplete)
	}
	if err := writeHolder(state); err != nil {
		return nil, nil, err
	}
	cp, err := st.readCheckpoint(dir)
	if err != nil {
		return nil, nil, err
	}
	if cp == nil {
		// Killed while the state of the complete study was being
		// removed (the checkpoint goes first), or before the first
		// checkpoint was written.
		if sum, err := ReadSummary(dir); err == nil && !sum.Interrupted {
			return st, sum, removeState(state)
		}
		if cp, err = newCheckpoint(state, len(st.scenarios), st.runsHeader(), dailyHeader()); err != nil {
			return nil, nil, err
		}
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

	save := func() error {
		if err := cp.save(state, runsW, dailyW); err != nil {
			return err
		}
		point("checkpoint")
		return nil
	}
	every := opt.CheckpointEvery
	if every <= 0 {
		every = time.Second
	}
	last := time.Now()
	owned := st.jobList()
	total, start, n := len(owned), cp.Done, len(st.scenarios)
	jobs := make([]Job, 0, total-start)
	for _, k := range owned[start:] {
		jobs = append(jobs, Job{Build: func() sim.Config { return st.config(k % n) }, Rep: k / n})
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
		point("deliver")
		if checkpointDue(cp.Done, last, every) {
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
	runsW.close()
	dailyW.close()
	if runErr != nil && ctx.Err() == nil {
		return nil, runErr
	}
	sum, err := st.finish(dir, cp, workers)
	if err != nil {
		return nil, err
	}
	if opt.Finish != nil {
		if err := opt.Finish(sum); err != nil {
			return sum, err
		}
	}
	if cp.Done < total {
		return sum, &Interrupted{Done: cp.Done, Total: total, Dir: dir, Err: ctx.Err()}
	}
	return sum, removeState(state)
}

// removeState removes the state directory of a complete study: the
// checkpoint first, so that a kill on the way leaves a study that Resume
// knows to be complete, then the other files precinct wrote there, then
// the directory unless something else is in it. It deletes nothing that
// precinct did not write.
func removeState(state string) error {
	for i, name := range []string{checkpointFile, RunsFile + partialSuffix, DailyFile + partialSuffix, lockFile} {
		if err := os.Remove(filepath.Join(state, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the state of the complete study: %w", err)
		}
		if i == 0 {
			point("cleanup")
		}
	}
	if left, err := os.ReadDir(state); err != nil || len(left) > 0 {
		return nil
	}
	if err := os.Remove(state); err != nil {
		return fmt.Errorf("removing the state of the complete study: %w", err)
	}
	return nil
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
		Confidence: Confidence, Metrics: MetricInfos(st.scenarios[0].Costs.Currency), Comparisons: []Comparison{}}
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
