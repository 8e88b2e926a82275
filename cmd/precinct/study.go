package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// scenarioFlags are the flags that resolve scenarios: --days, --seed and
// --set.
type scenarioFlags struct {
	days, seed wholeFlag
	sets       setFlags
	measure    measureFlag
}

// measureFlag is --measure FROM-TO: the days measured, inclusive, counted
// from 0 after the warm-up as events[].day is ("10-12"; "10" alone is one
// day).
type measureFlag struct {
	from, days int
	set        bool
}

func (m *measureFlag) String() string {
	if !m.set {
		return ""
	}
	return fmt.Sprintf("%d-%d", m.from, m.from+m.days-1)
}

// Set implements flag.Value.
func (m *measureFlag) Set(v string) error {
	a, b, found := strings.Cut(strings.TrimSpace(v), "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := from, error(nil)
	if found {
		to, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || from < 0 || to < from {
		return fmt.Errorf("want FROM-TO, the first and last measured day counted from 0 after the warm-up (e.g. 10-12), got %q", v)
	}
	m.from, m.days, m.set = from, to-from+1, true
	return nil
}

func addScenarioFlags(c *command) *scenarioFlags {
	f := &scenarioFlags{days: wholeFlag{lo: math.MinInt64, hi: math.MaxInt64}, seed: wholeFlag{lo: 0, hi: math.MaxInt64}}
	c.fs.Var(&f.days, "days", "measured `days` (overrides the scenario's days)")
	c.fs.Var(&f.seed, "seed", "scenario `seed`, 0 to 9223372036854775807 (overrides the scenario's seed)")
	c.fs.Var(&f.sets, "set", "override a scenario key, e.g. --set staffing.headcount=90 (`key=value`, repeatable)")
	c.fs.Var(&f.measure, "measure", "measure days `FROM-TO` only (0 is the first day after the warm-up; sets measure_from_day and measure_days)")
	return f
}

// wholeFlag is a flag that takes a whole number from lo to hi; the
// scenario's own checks then apply to it as to the key it sets (so
// --days 0 is a scenario problem, reported as --days).
type wholeFlag struct {
	v, lo, hi int64
	given     bool
}

func (w *wholeFlag) String() string {
	if w == nil || !w.given {
		return ""
	}
	return strconv.FormatInt(w.v, 10)
}

func (w *wholeFlag) Set(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	switch {
	case w.lo == math.MinInt64 && err != nil:
		return errors.New("must be a whole number")
	case err != nil || n < w.lo || n > w.hi:
		return fmt.Errorf("must be a whole number between %d and %d", w.lo, w.hi)
	}
	w.v, w.given = n, true
	return nil
}

// overrides returns the --set overrides with --days and --seed, when
// given, turned into overrides too.
func (f *scenarioFlags) overrides(c *command) []string {
	sets := append([]string(nil), f.sets...)
	c.fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "days":
			sets = append(sets, fmt.Sprintf("days=%d", f.days.v))
		case "seed":
			sets = append(sets, fmt.Sprintf("seed=%d", f.seed.v))
		case "measure":
			sets = append(sets, fmt.Sprintf("measure_from_day=%d", f.measure.from), fmt.Sprintf("measure_days=%d", f.measure.days))
		}
	})
	return sets
}

// explain names the --days and --seed flags, not the overrides they
// became, in the problems of err; it returns err.
func (f *scenarioFlags) explain(err error) error {
	probs := scenarios.Problems(err)
	for _, p := range probs {
		for _, fl := range []struct {
			name string
			w    *wholeFlag
		}{{"days", &f.days}, {"seed", &f.seed}} {
			if fl.w.given && p.File == fmt.Sprintf("--set %s=%d", fl.name, fl.w.v) && !slices.Contains(f.sets, strings.TrimPrefix(p.File, "--set ")) {
				p.File = fmt.Sprintf("--%s %d", fl.name, fl.w.v)
			}
		}
	}
	return err
}

// checkCost refuses a study beyond the bounds of memory and work.
func checkCost(specs []study.Spec, reps, workers int) error {
	scens := make([]*scenarios.Scenario, len(specs))
	for i, sp := range specs {
		scens[i] = sp.Scenario
	}
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return scenarios.CheckStudy(scens, reps, workers)
}

// studyFlags are the flags of replicated runs.
type studyFlags struct {
	reps    *int
	workers *int
	out     *string
	resume  *string
	force   *bool
	quiet   *bool
	shard   *string // --shard (shard.go)
	name    string  // the command: run, compare or sweep
}

func addStudyFlags(c *command, defaultReps int, repsHelp string) *studyFlags {
	f := &studyFlags{
		name:    c.fs.Name(),
		reps:    c.fs.Int("reps", defaultReps, repsHelp),
		workers: c.fs.Int("workers", runtime.GOMAXPROCS(0), "run replicates on `W` workers (results do not depend on it)"),
		out:     dirFlag(c, "out", "write the outputs into `DIR` (see docs/OUTPUTS.md)"),
		resume:  dirFlag(c, "resume", "finish the interrupted study in `DIR` (with --workers and --quiet only)"),
		force:   c.fs.Bool("force", false, "write into an --out directory that holds other files (those named like the outputs are replaced)"),
		quiet:   c.fs.Bool("quiet", false, "no progress bar"),
		shard:   c.fs.String("shard", "", shardHelp),
	}
	return f
}

func (f *studyFlags) check(name string) error {
	if *f.reps < 1 || *f.reps > 100000 {
		return usagef("%s: --reps must be between 1 and 100000, got %d", name, *f.reps)
	}
	if *f.workers < 0 {
		return usagef("%s: --workers must be 0 (all cores) or more, got %d", name, *f.workers)
	}
	return nil
}

// checkResume rejects, with --resume, every flag and argument but
// --workers and --quiet: the manifest in the directory says what runs,
// and a flag that would change the study (--reps, --days, --seed, --set,
// --vary, a scenario) must not be silently ignored.
func checkResume(c *command, pos []string) error {
	var given []string
	c.fs.Visit(func(fl *flag.Flag) {
		if fl.Name != "resume" && fl.Name != "workers" && fl.Name != "quiet" {
			given = append(given, "--"+fl.Name)
		}
	})
	if len(pos) > 0 {
		given = append(given, "the scenario arguments "+strings.Join(pos, " "))
	}
	if len(given) == 0 {
		return nil
	}
	return usagef("%s --resume: takes only --workers and --quiet, got %s: the study's manifest says what runs, and nothing changes it (run a new study into another directory instead)",
		c.fs.Name(), strings.Join(given, ", "))
}

// execute runs st into --out (or a temporary directory), prints its
// summary and says where the files are.
func (f *studyFlags) execute(ctx context.Context, st *study.Study, stdout, stderr io.Writer) error {
	if plan := planOf(ctx); plan != nil {
		return plan(st)
	}
	if spec := f.shardSpec(stderr); spec != "" {
		return f.executeShard(ctx, st, spec, stdout, stderr)
	}
	dir := *f.out
	if dir == "" {
		tmp, err := os.MkdirTemp("", "precinct-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	describeStudy(stdout, st)
	return f.finish(ctx, stdout, stderr, dir, func(opt study.Options) (*study.Summary, error) {
		opt.Force = *f.force
		return st.Execute(ctx, dir, opt)
	})
}

// resumeStudy finishes the study in --resume DIR.
func (f *studyFlags) resumeStudy(ctx context.Context, stdout, stderr io.Writer) error {
	dir := *f.resume
	return f.finish(ctx, stdout, stderr, dir, func(opt study.Options) (*study.Summary, error) {
		_, sum, err := study.Resume(ctx, dir, opt)
		return sum, err
	})
}

func (f *studyFlags) finish(ctx context.Context, stdout, stderr io.Writer, dir string, run func(study.Options) (*study.Summary, error)) error {
	bar, done := newProgress(stderr, *f.quiet)
	resume := fmt.Sprintf("precinct %s --resume %s", f.name, dir)
	progress := bar
	if *f.out != "" || *f.resume != "" {
		// The first replicate delivered means the study owns dir: its old
		// report gives way to a page that says how to resume.
		var once sync.Once
		progress = func(n, total int) {
			once.Do(func() {
				if err := report.WritePending(dir, resume, n, total); err != nil {
					fmt.Fprintf(stderr, "precinct: %v\n", err)
				}
			})
			if bar != nil {
				bar(n, total)
			}
		}
	}
	stopNote := context.AfterFunc(ctx, func() {
		fmt.Fprintf(stderr, "\nprecinct: stopping after the replicates in flight (Ctrl-C again to quit at once; '%s' continues from the last checkpoint)\n", resume)
	})
	written := *f.out != "" || *f.resume != ""
	opt := study.Options{Workers: *f.workers, Progress: progress}
	if written {
		// The charts are drawn before the study's state is removed, so
		// that --resume draws them again after a kill.
		opt.Finish = func(*study.Summary) error {
			files, err := report.DrawDir(dir, "")
			if err != nil {
				return fmt.Errorf("drawing the charts (the results are in %s; 'precinct plot %s' tries again): %w", dir, dir, err)
			}
			fmt.Fprintf(stderr, "wrote %d charts in %s and %s\n", (len(files)-1)/2, filepath.Join(dir, report.PlotsDir), files[len(files)-1])
			return nil
		}
	}
	sum, err := run(opt)
	stopNote()
	done()
	if sum != nil {
		if werr := report.WriteStudy(stdout, sum); werr != nil {
			return werr
		}
		if written {
			fmt.Fprintf(stderr, "wrote %s (files described in docs/OUTPUTS.md)\n", dir)
		}
	}
	return err
}

// newProgress returns a progress callback that draws a bar on stderr once
// the run has taken a second, and a function that ends it. Without a
// terminal on stderr, or with quiet, it draws nothing. The bar counts
// every replicate of the study, those done before it appeared (or before
// a resume) included, so that its count and its percentage agree.
func newProgress(stderr io.Writer, quiet bool) (func(done, total int), func()) {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	return progressBar(stderr, time.Now(), time.Second)
}

// progressBar returns the callbacks of newProgress drawing on w: nothing
// until after has passed since start, then a bar of every replicate.
func progressBar(w io.Writer, start time.Time, after time.Duration) (func(done, total int), func()) {
	var bar *progressbar.ProgressBar
	update := func(done, total int) {
		if bar == nil {
			if time.Since(start) < after {
				return
			}
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("replicates"),
				progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetDescription("replicates"), progressbar.OptionClearOnFinish())
		}
		_ = bar.Set(done)
	}
	return update, func() {
		if bar != nil {
			_ = bar.Clear()
		}
	}
}

func cmdCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("compare", "precinct compare A B [C ...] | compare A --vary key=v1,v2,... [flags]",
		`Runs several scenarios over the same replicates and reports, per metric,
each scenario's mean with its 95% confidence interval and the paired
difference to the first scenario with its own interval; * marks the
differences distinguishable from zero. A, B, ... are library names or
files. With --vary, one scenario is run once per value of one key, the
first value being the reference.

Every scenario runs on the first one's seed, so replicate r of each sees
the same calls and would-be offenses (common random numbers): the paired
differences are far more precise than comparing two separate means.

--out DIR writes the outputs of docs/OUTPUTS.md, charts in DIR/plots
(PNG and SVG) and a self-contained DIR/report.html; 'precinct plot DIR'
redraws them.`)
	sf := addScenarioFlags(c)
	st := addStudyFlags(c, 10, "replicates per scenario (`N`)")
	vary := c.fs.String("vary", "", "run the one scenario for each value of a key (`key=v1,v2,...`)")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if *st.resume != "" {
		if err := checkResume(c, pos); err != nil {
			return err
		}
		return st.resumeStudy(ctx, stdout, stderr)
	}
	if err := st.check("compare"); err != nil {
		return err
	}
	sets := sf.overrides(c)
	var specs []study.Spec
	var keys []string
	switch {
	case *vary != "":
		if len(pos) != 1 {
			return usagef("compare --vary: want one scenario, got %d", len(pos))
		}
		if err := setsVaried("compare --vary", sets, []string{strings.SplitN(*vary, "=", 2)[0]}); err != nil {
			return err
		}
		plan, err := scenarios.Vary(pos[0], *vary, sets)
		if errors.Is(err, scenarios.ErrVarySpec) {
			return usagef("compare --vary: %v", err)
		}
		if err != nil {
			return sf.explain(err)
		}
		keys = plan.Keys
		for _, p := range plan.Points {
			specs = append(specs, study.Spec{Name: p.Name,
				Ref: pos[0], Overrides: sets, Variant: []study.Setting{{Key: keys[0], Value: p.Values[0]}}, Scenario: p.Scenario})
		}
	default:
		if len(pos) < 2 {
			return usagef("compare: want at least two scenarios (or one with --vary), got %d", len(pos))
		}
		for _, ref := range pos {
			s, err := scenarios.Load(ref, sets)
			if err != nil {
				return sf.explain(err)
			}
			if len(specs) > 0 && s.Seed != specs[0].Scenario.Seed {
				fmt.Fprintf(stderr, "precinct: %s has seed %d; it runs on seed %d, the first scenario's, so that replicates are paired\n", ref, s.Seed, specs[0].Scenario.Seed)
			}
			specs = append(specs, study.Spec{Ref: ref, Overrides: sets, Scenario: s})
		}
	}
	if err := checkCost(specs, *st.reps, *st.workers); err != nil {
		return err
	}
	sd, err := study.NewStudy("compare", *st.reps, keys, specs)
	if err != nil {
		return err
	}
	return st.execute(ctx, sd, stdout, stderr)
}

func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("sweep", "precinct sweep FILE [flags]",
		`Runs every point of the [sweep] table of a scenario file (a grid of
listed values, a Latin hypercube over ranges; see the README) x replicates,
all on the scenario's seed, and prints each point's headline metrics.
summary.json has every metric and the paired differences to the first
point. --out DIR also draws the charts in DIR/plots (each outcome against
every swept key) and a self-contained DIR/report.html with the table of
points.`)
	sf := addScenarioFlags(c)
	st := addStudyFlags(c, 0, "replicates per point (`N`; default: the sweep's reps, else 10)")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if *st.resume != "" {
		if err := checkResume(c, pos); err != nil {
			return err
		}
		return st.resumeStudy(ctx, stdout, stderr)
	}
	if len(pos) != 1 {
		return usagef("sweep: want one scenario file with a [sweep] table, got %d arguments", len(pos))
	}
	plan, err := scenarios.LoadSweep(pos[0], sf.overrides(c))
	if err != nil {
		return sf.explain(err)
	}
	if err := setsVaried("sweep", sf.overrides(c), plan.Keys); err != nil {
		return err
	}
	if *st.reps == 0 {
		*st.reps = cmp.Or(plan.Reps, 10)
	}
	if err := st.check("sweep"); err != nil {
		return err
	}
	var specs []study.Spec
	for _, p := range plan.Points {
		v := make([]study.Setting, len(plan.Keys))
		for i, k := range plan.Keys {
			v[i] = study.Setting{Key: k, Value: p.Values[i]}
		}
		specs = append(specs, study.Spec{Name: p.Name, Ref: pos[0], Overrides: sf.overrides(c), Variant: v, Scenario: p.Scenario})
	}
	if err := checkCost(specs, *st.reps, *st.workers); err != nil {
		return err
	}
	sd, err := study.NewStudy("sweep", *st.reps, plan.Keys, specs)
	if err != nil {
		return err
	}
	return st.execute(ctx, sd, stdout, stderr)
}
