package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/cad"
	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/study"
)

func cmdCompareObserved(args []string, stdout io.Writer) error {
	c := newCommand("compare-observed", "precinct compare-observed DIR OBSERVED.csv [--scenario NAME]",
		`Puts a study's results beside what a calls-for-service extract observed.
DIR is the output of 'precinct run SCENARIO --reps N --out DIR' (or
compare, sweep) of a scenario written by 'precinct import', OBSERVED.csv
the observed.csv written beside it. For each priority it prints the mean
call to first dispatch, the median and mean travel and the median and
mean response, observed and simulated (the mean over the replicates and
their range), and the mean response by the hour the call came in (all
calls and P1), and writes them to DIR/`+report.ObservedFile+` with both
drawn on one chart, DIR/plots/`+report.ObservedChart+`.png and .svg (the
hours: `+report.ObservedChart+`_hourly); the
charts and DIR/report.html are drawn again with the chart in a section
of its own ('precinct plot DIR' keeps it).`)
	scenario := c.fs.String("scenario", "", "the study's scenario to compare (`NAME`; default: its first)")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 2 {
		return usagef("compare-observed: want an output directory and an observed.csv, got %d arguments", len(pos))
	}
	dir := pos[0]
	m, err := study.ReadManifest(dir)
	if err != nil {
		return usagef("compare-observed: %s is not an output directory of 'precinct run', 'compare' or 'sweep' with --out: %v", dir, err)
	}
	name := *scenario
	var names []string
	for _, sc := range m.Scenarios {
		names = append(names, sc.Name)
	}
	switch {
	case name == "":
		name = names[0]
	case !slices.Contains(names, name):
		return usagef("compare-observed: --scenario %s: the study has no such scenario (it has %s)", name, strings.Join(names, ", "))
	}
	obs, err := cad.ReadObserved(pos[1])
	if err != nil {
		return err
	}
	rows, err := cad.CompareObserved(obs, dir, name)
	if err != nil {
		return err
	}
	if err := study.WriteFileAtomic(filepath.Join(dir, report.ObservedFile), cad.CompareCSV(name, rows)); err != nil {
		return err
	}
	files, err := report.DrawDir(dir, report.DefaultHistogram)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s beside %s (minutes; simulated: mean over the replicates [lowest, highest])\n", name, pos[1])
	fmt.Fprintf(stdout, "%-9s %-18s %9s %9s %17s %8s\n", "priority", "component", "observed", "simulated", "replicates", "diff")
	num := func(v float64) string {
		if math.IsNaN(v) {
			return "-"
		}
		return fmt.Sprintf("%.2f", v)
	}
	hourly := 0
	for _, r := range rows {
		if r.Hour >= 0 {
			hourly++
			continue
		}
		rng, diff := "pooled", "-"
		if !math.IsNaN(r.Lo) {
			rng = fmt.Sprintf("[%s, %s]", num(r.Lo), num(r.Hi))
		}
		if d := r.Diff(); !math.IsNaN(d) {
			diff = fmt.Sprintf("%+.1f %%", 100*d)
		}
		fmt.Fprintf(stdout, "P%-8d %-18s %9s %9s %17s %8s\n", r.Priority, r.Component, num(r.Observed), num(r.Simulated), rng, diff)
	}
	fmt.Fprintf(stdout, "and %d rows of the mean response by the hour the call came in (all calls, P1)\n", hourly)
	fmt.Fprintf(stdout, "wrote %s, %s, %s and %d charts and %s again\n", filepath.Join(dir, report.ObservedFile),
		filepath.Join(dir, report.PlotsDir, report.ObservedChart+".png"), filepath.Join(dir, report.PlotsDir, report.ObservedChart+"_hourly.png"),
		(len(files)-1)/2-2, files[len(files)-1])
	return nil
}
