package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Forest is the paired difference of each outcome between every scenario
// and the reference (the first scenario), with its confidence interval.
// Outcomes have different units, so the chart shows each difference as a
// percentage of the reference's mean; the report's table gives the
// differences in their own units.
type Forest struct {
	Reference string      `json:"reference"`
	Scenarios []string    `json:"scenarios"` // compared with the reference, in style order after it
	Level     float64     `json:"level"`     // confidence level of the intervals, e.g. 0.95
	Rows      []ForestRow `json:"rows"`
}

// ForestRow is one outcome of one scenario.
type ForestRow struct {
	Metric    string  `json:"metric"`
	Label     string  `json:"label"`
	Unit      string  `json:"unit"`
	Scenario  string  `json:"scenario"`
	Reference float64 `json:"reference"` // the reference scenario's mean, in Unit
	Diff      float64 `json:"diff"`      // mean paired difference, scenario minus reference, in Unit
	Lo        float64 `json:"lo"`        // confidence interval of Diff
	Hi        float64 `json:"hi"`
}

// Percent returns the difference and its interval as percentages of the
// reference mean; ok is false when the reference mean is 0.
func (r ForestRow) Percent() (diff, lo, hi float64, ok bool) {
	if r.Reference == 0 || math.IsNaN(r.Reference) {
		return 0, 0, 0, false
	}
	f := 100 / math.Abs(r.Reference)
	return r.Diff * f, r.Lo * f, r.Hi * f, true
}

// Figure draws one line per outcome, one marker and interval per scenario
// on it. Outcomes whose reference mean is 0 have no percentage and are
// left out of the chart.
func (f *Forest) Figure() (*Figure, error) {
	var labels []string
	index := map[string]int{}
	type pt struct{ x, lo, hi, y float64 }
	byScenario := make([][]pt, len(f.Scenarios))
	scen := map[string]int{}
	for i, s := range f.Scenarios {
		scen[s] = i
	}
	for _, r := range f.Rows {
		d, lo, hi, ok := r.Percent()
		if !ok {
			continue
		}
		si, known := scen[r.Scenario]
		if !known {
			return nil, fmt.Errorf("forest plot: row %s names scenario %q, not among %v", r.Metric, r.Scenario, f.Scenarios)
		}
		k, seen := index[r.Metric]
		if !seen {
			k = len(labels)
			index[r.Metric] = k
			labels = append(labels, r.Label)
		}
		byScenario[si] = append(byScenario[si], pt{d, lo, hi, float64(k)})
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("forest plot: no outcome with a non-zero reference mean")
	}
	// Outcomes read top down in the given order.
	for si := range byScenario {
		for j := range byScenario[si] {
			byScenario[si][j].y = float64(len(labels)-1) - byScenario[si][j].y
		}
	}
	rev := make([]string, len(labels))
	for k, l := range labels {
		rev[len(labels)-1-k] = l
	}
	p := newPlot(fmt.Sprintf("Change compared with %s, %.0f %% confidence intervals", f.Reference, 100*f.Level),
		fmt.Sprintf("difference from %s, %% of its mean (0: no change)", f.Reference), "")
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(len(labels)) - 0.5}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	p.Add(zero)
	step := 0.0
	if n := len(f.Scenarios); n > 1 {
		step = 0.5 / float64(n-1)
	}
	for si, pts := range byScenario {
		if len(pts) == 0 {
			continue
		}
		st := Styles(si + 1) // the reference has style 0
		off := step*float64(si) - step*float64(len(f.Scenarios)-1)/2
		xys := make(plotter.XYs, len(pts))
		errs := make(plotter.XErrors, len(pts))
		for j, q := range pts {
			xys[j] = plotter.XY{X: q.x, Y: q.y - off}
			errs[j].Low, errs[j].High = q.x-q.lo, q.hi-q.x
		}
		bars, err := plotter.NewXErrorBars(struct {
			plotter.XYer
			plotter.XErrorer
		}{xys, errs})
		if err != nil {
			return nil, fmt.Errorf("forest plot, scenario %s: %w", f.Scenarios[si], err)
		}
		bars.LineStyle = st.line(vg.Points(1.4))
		bars.LineStyle.Dashes = nil
		bars.CapWidth = vg.Points(6)
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = st.glyph(vg.Points(3.5))
		p.Add(bars, sc)
		p.Legend.Add(f.Scenarios[si], sc)
	}
	p.NominalY(rev...)
	p.Y.Padding = vg.Points(6)
	p.Y.Max = float64(len(labels)) - 0.5
	return beside(p, vg.Points(620), vg.Points(90+max(32, 10*float64(len(f.Scenarios)))*float64(len(labels)))), nil
}
