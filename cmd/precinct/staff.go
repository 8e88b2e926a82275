package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/staffing"
	"github.com/precinct-sim/precinct/study"
)

// cmdStaff is precinct staff: the fewest officers per shift that meet
// the targets (staffing/search.go).
func cmdStaff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("staff", "precinct staff [NAME|FILE] --target 'METRIC<=VALUE' [--target ...] [--by shift|block] [--reps N] [--confidence 0.95] [--out DIR]",
		`Finds the fewest officers on duty per shift (or per four-hour block,
--by block) that meet every target with the given confidence, by
simulation: every roster tried runs the same replicates, so it faces the
same calls. A target is a per-replicate metric of runs.csv with a bound
in its unit: 'p1_response_p90<=8m', 'waited_share<=5%', 'overtime_hours<=500'.
It is met when the one-sided confidence bound of the metric's mean over
the replicates is within the bound.

The search: every shift at the same level, doubled until the targets are
met and then bisected; then one officer fewer in one shift at a time,
keeping the roster that saves the most post-hours, until no shift can
lose one; then the rosters one below the answer in each shift are checked
again, and every pair of rosters one above the other is checked for a
non-monotone step. It prints the roster, the headcount through the
relief factor (8,760 / staffing.annual_hours per post around the clock)
and its cost, each target with its interval at the answer and with one
officer fewer in each shift, the runs it took, and the COPS Office
workload method (Wilson & Weiss 2012) beside it with the reason they
differ.

--out DIR writes a study of the answer and its one-fewer rosters (the
outputs of docs/OUTPUTS.md), DIR/staffing.json with every roster tried,
and a section of DIR/report.html with each target metric against the
officers of each shift and its band.`)
	sf := addScenarioFlags(c)
	var targets setFlags
	c.fs.Var(&targets, "target", "a target, `METRIC<=VALUE` or METRIC>=VALUE (repeatable; at least one)")
	by := c.fs.String("by", "shift", "staff each `shift` of the scenario's pattern, or each four-hour block")
	reps := c.fs.Int("reps", 10, "replicates per roster (`N`, at least 2)")
	conf := c.fs.Float64("confidence", 0.95, "one-sided confidence `C` that a target is met, above 0.5 and below 1")
	most := c.fs.Int("max", 0, "the most officers a shift is given (`N`; 0: four times the scenario's largest shift, at least 50)")
	share := c.fs.Float64("call-share", staffing.DefaultCallShare, "the workload method's planned `share` of patrol time on calls, above 0 and at most 1")
	workers := c.fs.Int("workers", runtime.GOMAXPROCS(0), "run replicates on `W` workers (results do not depend on it)")
	out := dirFlag(c, "out", "write the study of the answer, staffing.json and the report into `DIR`")
	force := c.fs.Bool("force", false, "write into an --out directory that holds other files")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	opt, err := staffOptions(targets, *by, *reps, *conf, *most, *share, *workers)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("staff: want one scenario, got %d (%s)", len(pos), strings.Join(pos, " "))
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	s, err := scenarios.Load(ref, sf.overrides(c))
	if err != nil {
		return sf.explain(err)
	}
	p, err := staffing.NewProblem(s, opt)
	if err != nil {
		return usagef("staff: %v", err)
	}
	sol, err := p.Solve(ctx)
	if errors.Is(err, staffing.ErrUndefined) {
		return usagef("staff: %v", err)
	}
	if err != nil {
		return err
	}
	if *out != "" {
		// The rosters around the answer, for the chart of each shift.
		if err := p.Profile(ctx, sol, 2); err != nil {
			return err
		}
	}
	if err := report.WriteStaffing(stdout, sol); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	return writeStaffing(ctx, p, sol, ref, *out, *force, stdout, stderr)
}

// staffOptions checks the flags of staff and returns the search options.
func staffOptions(targets []string, by string, reps int, conf float64, most int, share float64, workers int) (staffing.Options, error) {
	opt := staffing.Options{Reps: reps, Confidence: conf, Max: most, Workers: workers, CallShare: share}
	switch {
	case len(targets) == 0:
		return opt, usagef("staff: give at least one --target, e.g. --target 'p1_response_p90<=8m'")
	case by != "shift" && by != "block":
		return opt, usagef("staff: --by must be shift or block, got %q", by)
	case reps < 2 || reps > 100000:
		return opt, usagef("staff: --reps must be between 2 and 100000 (an interval needs two), got %d", reps)
	case !(conf > 0.5 && conf < 1):
		return opt, usagef("staff: --confidence must be above 0.5 and below 1, got %s", strconv.FormatFloat(conf, 'g', -1, 64))
	case most < 0 || most > 100000:
		return opt, usagef("staff: --max must be between 0 (automatic) and 100000, got %d", most)
	case !(share > 0 && share <= 1):
		return opt, usagef("staff: --call-share must be above 0 and at most 1, got %s", strconv.FormatFloat(share, 'g', -1, 64))
	case workers < 0:
		return opt, usagef("staff: --workers must be 0 (all cores) or more, got %d", workers)
	}
	opt.ByBlock = by == "block"
	for _, t := range targets {
		tg, err := staffing.ParseTarget(t)
		if err != nil {
			return opt, usagef("staff: %v", err)
		}
		opt.Targets = append(opt.Targets, tg)
	}
	return opt, nil
}

// writeStaffing writes --out: the study of the answer and its one-fewer rosters,
// staffing.json and the report with its staffing section.
func writeStaffing(ctx context.Context, p *staffing.Problem, sol *staffing.Solution, ref, dir string, force bool, stdout, stderr io.Writer) error {
	rosters := [][]int{sol.Answer.Posts}
	names := []string{"answer-" + staffing.FormatPosts(sol.Answer.Posts)}
	for i, f := range sol.Fewer {
		if f != nil {
			rosters = append(rosters, f.Posts)
			names = append(names, fmt.Sprintf("fewer-%s-%s", sol.Groups[i].Name, staffing.FormatPosts(f.Posts)))
		}
	}
	var specs []study.Spec
	for i, r := range rosters {
		rs, err := p.Scenario(r)
		if err != nil {
			return err
		}
		specs = append(specs, study.Spec{Name: names[i], Ref: ref, Overrides: []string{"staffing.officers_per_shift=" + strings.ReplaceAll(fmt.Sprint(r), " ", ",")}, Scenario: rs})
	}
	st, err := study.NewStudy("staff", sol.Reps, nil, specs)
	if err != nil {
		return err
	}
	js, err := json.MarshalIndent(sol, "", "  ")
	if err != nil {
		return err
	}
	opt := study.Options{Workers: p.Workers(), Force: force, Finish: func(*study.Summary) error {
		if err := study.WriteFileAtomic(filepath.Join(dir, report.StaffingFile), append(js, '\n')); err != nil {
			return err
		}
		files, err := report.DrawDir(dir, "")
		if err != nil {
			return fmt.Errorf("drawing the charts (the results are in %s; 'precinct plot %s' tries again): %w", dir, dir, err)
		}
		fmt.Fprintf(stderr, "wrote %d charts in %s and %s\n", (len(files)-1)/2, filepath.Join(dir, report.PlotsDir), files[len(files)-1])
		return nil
	}}
	if _, err := st.Execute(ctx, dir, opt); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nWrote %s: the study of the answer and its one-fewer rosters, %s and report.html.\n", dir, report.StaffingFile)
	return nil
}
