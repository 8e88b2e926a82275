package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/cad"
	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// CompareObservedFile is the table compare-observed writes into the
// study directory; its chart is plots/CompareObservedChart.png and .svg.
const (
	CompareObservedFile  = "observed_vs_simulated.csv"
	CompareObservedChart = "observed_vs_simulated"
)

func cmdCompareObserved(args []string, stdout io.Writer) error {
	c := newCommand("compare-observed", "precinct compare-observed DIR OBSERVED.csv [--scenario NAME]",
		`Puts a study's results beside what a calls-for-service extract observed.
DIR is the output of 'precinct run SCENARIO --reps N --out DIR' (or
compare, sweep) of a scenario written by 'precinct import', OBSERVED.csv
the observed.csv written beside it. For each priority it prints the mean
call to first dispatch, the median and mean travel and the median and
mean response, observed and simulated (the mean over the replicates and
their range), and writes them to DIR/`+CompareObservedFile+` with both
drawn on one chart, DIR/plots/`+CompareObservedChart+`.png and .svg.`)
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
	if name == "" {
		name = m.Scenarios[0].Name
	}
	obs, err := cad.ReadObserved(pos[1])
	if err != nil {
		return err
	}
	rows, err := cad.CompareObserved(obs, dir, name)
	if err != nil {
		return err
	}
	fig := observedFigure(rows, name)
	f, err := fig.Figure()
	if err != nil {
		return err
	}
	var png, svg bytes.Buffer
	if err := f.WritePNG(&png); err != nil {
		return err
	}
	if err := f.WriteSVG(&svg); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, report.PlotsDir), 0o755); err != nil {
		return err
	}
	for ext, b := range map[string][]byte{".png": png.Bytes(), ".svg": svg.Bytes()} {
		if err := study.WriteFileAtomic(filepath.Join(dir, report.PlotsDir, CompareObservedChart+ext), b); err != nil {
			return err
		}
	}
	if err := study.WriteFileAtomic(filepath.Join(dir, CompareObservedFile), cad.CompareCSV(rows)); err != nil {
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
	for _, r := range rows {
		rng, diff := "pooled", "-"
		if !math.IsNaN(r.Lo) {
			rng = fmt.Sprintf("[%s, %s]", num(r.Lo), num(r.Hi))
		}
		if d := r.Diff(); !math.IsNaN(d) {
			diff = fmt.Sprintf("%+.1f %%", 100*d)
		}
		fmt.Fprintf(stdout, "P%-8d %-18s %9s %9s %17s %8s\n", r.Priority, r.Component, num(r.Observed), num(r.Simulated), rng, diff)
	}
	fmt.Fprintf(stdout, "wrote %s, %s\n", filepath.Join(dir, CompareObservedFile), filepath.Join(dir, report.PlotsDir, CompareObservedChart+".png"))
	return nil
}

// observedFigure is the chart of compare-observed: a panel per priority.
func observedFigure(rows []cad.CompareRow, scenario string) *plots.ObservedVsSimulated {
	o := &plots.ObservedVsSimulated{Names: [2]string{"observed (extract)", "simulated (" + scenario + ")"}, Labels: cad.ObservedComponents}
	var pn *plots.ObservedPanel
	for _, r := range rows {
		if pn == nil || pn.Name != fmt.Sprintf("P%d", r.Priority) {
			o.Panels = append(o.Panels, plots.ObservedPanel{Name: fmt.Sprintf("P%d", r.Priority)})
			pn = &o.Panels[len(o.Panels)-1]
		}
		pn.Observed = append(pn.Observed, r.Observed)
		pn.Simulated = append(pn.Simulated, r.Simulated)
		var iv *plots.Interval
		if !math.IsNaN(r.Lo) {
			iv = &plots.Interval{Lo: r.Lo, Hi: r.Hi}
		}
		pn.Range = append(pn.Range, iv)
	}
	return o
}
