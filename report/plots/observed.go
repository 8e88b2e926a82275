package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ObservedVsSimulated puts what a calls-for-service extract observed
// beside what a study of the imported scenario simulated: one panel per
// priority, one pair of bars per response component (observed in the
// first style, simulated in the second), the simulated bar's whisker the
// range over the replicates.
type ObservedVsSimulated struct {
	Names  [2]string       `json:"names"`      // legend of the two bars: the extract, the scenario
	Labels []string        `json:"components"` // "to dispatch, mean", ...
	Panels []ObservedPanel `json:"panels"`
}

// ObservedPanel is one priority of an ObservedVsSimulated.
type ObservedPanel struct {
	Name      string      `json:"name"`      // "P1"
	Observed  []float64   `json:"observed"`  // per component, minutes; NaN: the extract has none
	Simulated []float64   `json:"simulated"` // per component, mean over the replicates; NaN: none
	Range     []*Interval `json:"range"`     // per component, the replicates' lowest and highest; nil: none
}

// Figure draws the panels one above the other on one vertical scale from 0.
func (o *ObservedVsSimulated) Figure() (*Figure, error) {
	if len(o.Panels) == 0 || len(o.Labels) == 0 {
		return nil, fmt.Errorf("observed vs simulated: %d panels, %d components", len(o.Panels), len(o.Labels))
	}
	hi := 0.0
	for _, pn := range o.Panels {
		if len(pn.Observed) != len(o.Labels) || len(pn.Simulated) != len(o.Labels) || len(pn.Range) != len(o.Labels) {
			return nil, fmt.Errorf("observed vs simulated, %s: want %d values of each kind", pn.Name, len(o.Labels))
		}
		for k := range o.Labels {
			for _, v := range []float64{pn.Observed[k], pn.Simulated[k]} {
				if !math.IsNaN(v) {
					hi = max(hi, v)
				}
			}
			if r := pn.Range[k]; r != nil {
				hi = max(hi, r.Hi)
			}
		}
	}
	if !(hi > 0) {
		hi = 1
	}
	// Component k's bars stand at x = 3k (observed) and 3k+1 (simulated),
	// its label between them; x = 3k+2 is the gap to the next.
	var marks []plot.Tick
	for k, l := range o.Labels {
		marks = append(marks, plot.Tick{Value: 3*float64(k) + 0.5, Label: l})
	}
	width := vg.Points(18)
	var ps []*plot.Plot
	for _, pn := range o.Panels {
		p := newPlot(pn.Name, "", "minutes")
		for s, vs := range [][]float64{pn.Observed, pn.Simulated} {
			st := Styles(2 * s)
			named := false
			for k, v := range vs {
				if math.IsNaN(v) {
					continue
				}
				bc, err := plotter.NewBarChart(plotter.Values{v}, width)
				if err != nil {
					return nil, fmt.Errorf("observed vs simulated, %s: %w", pn.Name, err)
				}
				bc.XMin = 3*float64(k) + float64(s)
				bc.Color = st.Color
				bc.LineStyle = draw.LineStyle{Color: st.Color, Width: vg.Points(0.5)}
				p.Add(bc)
				if !named {
					p.Legend.Add(o.Names[s], bc)
					named = true
				}
			}
		}
		var at plotter.XYs
		var errs plotter.YErrors
		for k, r := range pn.Range {
			if r == nil || math.IsNaN(pn.Simulated[k]) {
				continue
			}
			at = append(at, plotter.XY{X: 3*float64(k) + 1, Y: pn.Simulated[k]})
			errs = append(errs, struct{ Low, High float64 }{pn.Simulated[k] - r.Lo, r.Hi - pn.Simulated[k]})
		}
		if len(at) > 0 {
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYer
				plotter.YErrorer
			}{at, errs})
			if err != nil {
				return nil, fmt.Errorf("observed vs simulated, %s: %w", pn.Name, err)
			}
			eb.LineStyle = draw.LineStyle{Color: Styles(0).Color, Width: vg.Points(1.2)}
			p.Add(eb)
		}
		p.X.Tick.Marker = plot.ConstantTicks(marks)
		p.X.Min, p.X.Max = -0.8, 3*float64(len(o.Labels))-1.2
		p.Y.Min, p.Y.Max = 0, hi*1.08
		ps = append(ps, p)
	}
	// One priority above the other, so that the figure keeps its labels
	// readable at the width of a report page.
	return column("Observed in the extract and simulated from the imported scenario, by priority", ps,
		vg.Points(95*float64(len(o.Labels))), vg.Points(190)), nil
}
