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

// drawObserved draws, when dir holds ObservedFile, its chart into
// dir/plots for the report's section "observed".
func drawObserved(dir string) ([]Chart, error) {
	scenario, rows, err := cad.ReadCompareCSV(filepath.Join(dir, ObservedFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	fig, err := ObservedFigure(rows, scenario).Figure()
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", ObservedChart, err)
	}
	var png, svg bytes.Buffer
	if err := fig.WritePNG(&png); err != nil {
		return nil, err
	}
	if err := fig.WriteSVG(&svg); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, PlotsDir), 0o755); err != nil {
		return nil, err
	}
	for ext, b := range map[string][]byte{".png": png.Bytes(), ".svg": svg.Bytes()} {
		if err := study.WriteFileAtomic(filepath.Join(dir, PlotsDir, ObservedChart+ext), b); err != nil {
			return nil, err
		}
	}
	return []Chart{{Name: ObservedChart, Section: "observed", Title: "Observed in the extract and simulated from " + scenario,
		Caption: "Each pair of bars is one part of the response of one priority: the dark bar what the calls-for-service extract observed, the light bar the mean over the runs of " + scenario + ", its whisker the lowest and highest run (the response median is pooled over the runs, so it has none). Bars of about the same height mean the imported scenario reproduces the extract.",
		SVG:     svg.Bytes()}}, nil
}
