package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/cad"
	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// ObservedFile is the file of an output directory that holds a study's
// results beside an extract's observed ones (precinct compare-observed);
// ObservedChart is the name of its chart in PlotsDir.
const (
	ObservedFile  = "observed_vs_simulated.csv"
	ObservedChart = "observed_vs_simulated"
)

// ObservedFigure is the chart of rows: a panel per priority, the
// observed and the simulated bar of each component.
func ObservedFigure(rows []cad.CompareRow, scenario string) *plots.ObservedVsSimulated {
	o := &plots.ObservedVsSimulated{Names: [2]string{"observed (extract)", "simulated (" + scenario + ")"}, Labels: cad.ObservedComponents}
	var pn *plots.ObservedPanel
	for _, r := range rows {
		if r.Hour >= 0 {
			continue
		}
		if name := fmt.Sprintf("P%d", r.Priority); pn == nil || pn.Name != name {
			o.Panels = append(o.Panels, plots.ObservedPanel{Name: name})
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

// HourlyFigure is the hourly chart of rows: the mean response by the hour
// the call came in, of all calls and of P1 calls, observed and simulated.
func HourlyFigure(rows []cad.CompareRow, scenario string) *plots.HourlyResponse {
	h := &plots.HourlyResponse{Title: "Mean response time by the hour the call came in: the extract and the mean of the runs",
		Scenarios: []string{"observed (extract)", "simulated (" + scenario + ")"},
		Panels:    []plots.HourlyPanel{{Name: "all calls", Lines: make([][]plots.HourPoint, 2)}, {Name: "P1 calls", Lines: make([][]plots.HourPoint, 2)}}}
	for _, r := range rows {
		if r.Hour < 0 || r.Priority > 1 {
			continue
		}
		pn := &h.Panels[r.Priority]
		for s, v := range []float64{r.Observed, r.Simulated} {
			if !math.IsNaN(v) {
				pn.Lines[s] = append(pn.Lines[s], plots.HourPoint{Hour: r.Hour, Mean: v})
			}
		}
	}
	return h
}

// drawObserved draws, when dir holds ObservedFile, its charts into
// dir/plots for the report's section "observed".
func drawObserved(dir string) ([]Chart, error) {
	scenario, rows, err := cad.ReadCompareCSV(filepath.Join(dir, ObservedFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, PlotsDir), 0o755); err != nil {
		return nil, err
	}
	var charts []Chart
	for _, c := range []struct {
		f  figurer
		ch Chart
	}{
		{ObservedFigure(rows, scenario), Chart{Name: ObservedChart, Section: "observed", Title: "Observed in the extract and simulated from " + scenario,
			Caption: "Each pair of bars is one part of the response of one priority: the dark bar what the calls-for-service extract observed, the light bar the mean over the runs of " + scenario + ", its whisker the lowest and highest run (the response median is pooled over the runs, so it has none). Bars of about the same height mean the imported scenario reproduces the extract."}},
		{HourlyFigure(rows, scenario), Chart{Name: ObservedChart + "_hourly", Section: "observed", Title: "Mean response by the hour the call came in, observed and simulated",
			Caption: "The extract's mean response in each hour of the day beside the mean over the runs of " + scenario + ", of all calls and of P1 calls. Where the lines part, the imported scenario's queueing differs from the agency's in those hours (its staffing is the default, not the agency's)."}},
	} {
		fig, err := c.f.Figure()
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.ch.Name, err)
		}
		var png, svg bytes.Buffer
		if err := fig.WritePNG(&png); err != nil {
			return nil, err
		}
		if err := fig.WriteSVG(&svg); err != nil {
			return nil, err
		}
		for ext, b := range map[string][]byte{".png": png.Bytes(), ".svg": svg.Bytes()} {
			if err := study.WriteFileAtomic(filepath.Join(dir, PlotsDir, c.ch.Name+ext), b); err != nil {
				return nil, err
			}
		}
		c.ch.SVG = svg.Bytes()
		charts = append(charts, c.ch)
	}
	return charts, nil
}
