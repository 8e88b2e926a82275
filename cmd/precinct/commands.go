package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("run", "precinct run [NAME|FILE] [flags]",
		`Runs a scenario and prints a summary. NAME is a library scenario (see
'precinct scenarios list'); FILE is a TOML scenario. Without either it
runs the default scenario, baseline.

Without --reps it runs replicate 0 and prints staffing, calls, response
times by priority, queueing, officer workload, crime and trust; --out DIR
then writes DIR/run.json (the result, the fully resolved scenario, the
seed and the program's version: enough to reproduce every number),
DIR/scenario.toml (the resolved scenario, runnable as is), and the files,
charts and report of that one replicate as --reps 1 would.

With --reps N it runs replicates 0 .. N-1 on --workers workers (the
results do not depend on how many) and prints each metric's mean, 95%
confidence interval and spread; --out DIR writes runs.csv, daily.csv,
summary.json and more (docs/OUTPUTS.md), charts in DIR/plots and a
self-contained DIR/report.html. Ctrl-C stops after the
replicates in flight and keeps every finished one; --resume DIR
completes the run.`)
	sf := addScenarioFlags(c)
	st := addStudyFlags(c, 0, "run replicates 0 .. `N`-1 and summarize them (default: one replicate, the full summary)")
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
	if len(pos) > 1 {
		return usagef("run: want at most one scenario, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	sets := sf.overrides(c)
	repsGiven := false
	c.fs.Visit(func(f *flag.Flag) { repsGiven = repsGiven || f.Name == "reps" })
	if repsGiven {
		if err := st.check("run"); err != nil {
			return err
		}
	} else if *st.shard != "" {
		return usagef("run --shard: shards a study of --reps N replicates; give --reps")
	}
	s, err := scenarios.Load(ref, sets)
	if err != nil {
		return err
	}
	if repsGiven {
		study, err := study.NewStudy("run", *st.reps, nil, []study.Spec{{Ref: ref, Overrides: sets, Scenario: s}})
		if err != nil {
			return err
		}
		return st.execute(ctx, study, stdout, stderr)
	}
	cfg := s.Config()
	res, err := sim.RunContext(ctx, cfg, 0)
	if err != nil {
		return fmt.Errorf("scenario %q: %w", s.Name, err)
	}
	rec := study.NewRun(s, sets, &cfg, res)
	if err := report.WriteSummary(stdout, rec); err != nil {
		return err
	}
	if *st.out == "" {
		return nil
	}
	// The same replicate as a study of one, so that the folder has the
	// files of docs/OUTPUTS.md, its charts and report.html, and 'precinct
	// plot' can redraw them; run.json and scenario.toml join it once the
	// study has taken the folder (which refuses one that is not its own).
	one, err := study.NewStudy("run", 1, nil, []study.Spec{{Ref: ref, Overrides: sets, Scenario: s}})
	if err != nil {
		return err
	}
	*st.quiet = true
	if err := st.finish(ctx, io.Discard, stderr, *st.out, func(opt study.Options) (*study.Summary, error) {
		opt.Force = *st.force
		return one.Execute(ctx, *st.out, opt)
	}); err != nil {
		return err
	}
	paths, err := rec.WriteDir(*st.out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", strings.Join(paths, ", "))
	return nil
}

// dirFlag defines a directory flag that refuses an empty value (which
// would otherwise mean no directory at all) and returns its value.
func dirFlag(c *command, name, usage string) *string {
	dir := new(string)
	c.fs.Func(name, usage, func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("empty directory name")
		}
		*dir = v
		return nil
	})
	return dir
}

// describeStudy prints, before a study runs, what its table will not
// show: the overrides every scenario runs with and what each budget
// scenario's money buys.
func describeStudy(w io.Writer, st *study.Study) {
	m := st.Manifest.Scenarios
	if len(m) > 0 && len(m[0].Overrides) > 0 {
		fmt.Fprintf(w, "Overridden: %s\n", strings.Join(m[0].Overrides, ", "))
	}
	for i, s := range st.Scenarios() {
		if b := s.Bought(); b != "" {
			fmt.Fprintf(w, "The budget of %s buys: %s.\n", m[i].Name, b)
		}
	}
}

// setsVaried returns a usage error when an override sets a key that the
// study varies: the variation would silently replace it.
func setsVaried(cmd string, sets, varied []string) error {
	for _, set := range sets {
		k, _, _ := strings.Cut(set, "=")
		if slices.Contains(varied, strings.TrimSpace(k)) {
			return usagef("%s: --set %s sets %s, which the study varies; drop the --set or the variation", cmd, set, k)
		}
	}
	return nil
}

func cmdValidate(args []string, stdout io.Writer) error {
	c := newCommand("validate", "precinct validate NAME|FILE [--set key=value ...]",
		`Checks a scenario without running it: TOML syntax, unknown keys, types,
ranges and the consistency of the roster and the map. Every problem is
listed with its file, line and key; the exit status is 2 if there is any.`)
	var sets setFlags
	c.fs.Var(&sets, "set", "override a scenario key before checking (`key=value`, repeatable)")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		return usagef("validate: want one scenario (a library name or a file), got %d", len(pos))
	}
	if scenarios.HasSweep(pos[0]) {
		plan, err := scenarios.LoadSweep(pos[0], sets)
		if err != nil {
			return err
		}
		if err := setsVaried("validate", sets, plan.Keys); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: ok (sweep of %d points over %s, %d replicates each by default)\n",
			pos[0], len(plan.Points), strings.Join(plan.Keys, ", "), cmp.Or(plan.Reps, 10))
		return nil
	}
	s, err := scenarios.Load(pos[0], sets)
	if err != nil {
		return err
	}
	cfg := s.Config()
	posts := 0
	for _, sh := range cfg.Shifts {
		posts += sh.Officers
	}
	fmt.Fprintf(stdout, "%s: ok (scenario %q: %d days after %d warm-up, %dx%d grid, %d call types, %d offense types, %d posts in %d shifts)\n",
		pos[0], s.Name, s.Days, s.WarmupDays, s.World.Width, s.World.Height, len(s.Calls.Types), len(s.Crime.Types), posts, len(cfg.Shifts))
	return nil
}

func cmdVersion(args []string, stdout io.Writer) error {
	c := newCommand("version", "precinct version", "Prints the program's version, build and platform as JSON.")
	if _, err := c.parse(args, stdout); err != nil {
		return helpOK(err)
	}
	b, err := json.MarshalIndent(study.CurrentProvenance(), "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", b)
	return err
}

// helpOK turns the flag.ErrHelp of a --help request into success.
func helpOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func cmdPlot(args []string, stdout, stderr io.Writer) error {
	c := newCommand("plot", "precinct plot DIR [--metric KEY]",
		`Redraws the charts (DIR/plots/*.png and *.svg) and the report
(DIR/report.html) of an output directory written by 'precinct run --out
DIR', 'precinct compare ... --out DIR' or 'precinct sweep ... --out DIR',
from its files alone: nothing is simulated again. Existing charts and
report are replaced.`)
	metric := c.fs.String("metric", report.DefaultHistogram, "runs.csv column whose histogram to draw (`KEY`, e.g. mean_trust_end)")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 {
		return usagef("plot: want one output directory, got %d", len(pos))
	}
	dir := pos[0]
	if _, err := os.Stat(filepath.Join(dir, study.ManifestFile)); err != nil {
		return usagef("plot: %s is not an output directory of 'precinct run', 'compare' or 'sweep' with --out (no %s)", dir, study.ManifestFile)
	}
	runs, err := study.ReadRuns(dir)
	if err != nil {
		return err
	}
	if !slices.Contains(runs.Metrics, *metric) {
		return usagef("plot: --metric %s: no such column in %s (columns: %s)", *metric, study.RunsFile, strings.Join(runs.Metrics, ", "))
	}
	files, err := report.DrawDir(dir, *metric)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %d charts and %s\n", (len(files)-1)/2, files[len(files)-1])
	return nil
}
