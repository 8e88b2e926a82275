package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// HourlyResponse is the mean response time by the hour of the day the
// call came in: one panel per group of calls (all priorities, P1, ...),
// one line per scenario in its style.
type HourlyResponse struct {
	Scenarios []string      `json:"scenarios"`
	Panels    []HourlyPanel `json:"panels"`
	Title     string        `json:"title,omitempty"` // empty: the mean response of the runs
}

// HourlyPanel is one group of calls of an HourlyResponse.
type HourlyPanel struct {
	Name  string        `json:"name"`  // "all calls", "P1 emergency"
	Lines [][]HourPoint `json:"lines"` // [scenario], hours in order; hours without an answered call are left out
}

// HourPoint is the mean over the replicates of the mean response of the
// calls received in one hour of the day.
type HourPoint struct {
	Hour int     `json:"hour"` // 0 is 00:00 to 00:59
	Mean float64 `json:"mean"` // minutes
}

// Figure draws the panels side by side, each on its own vertical scale
// from 0 (P1 calls are answered much faster than the rest), the
// scenarios' legend to the right.
func (h *HourlyResponse) Figure() (*Figure, error) {
	if len(h.Panels) == 0 || len(h.Scenarios) == 0 {
		return nil, fmt.Errorf("response by hour: %d panels, %d scenarios", len(h.Panels), len(h.Scenarios))
	}
	var marks []plot.Tick
	for v := 0; v <= 24; v += 3 {
		marks = append(marks, plot.Tick{Value: float64(v), Label: fmt.Sprintf("%02d:00", v%24)})
	}
	var ps []*plot.Plot
	for _, pn := range h.Panels {
		if len(pn.Lines) != len(h.Scenarios) {
			return nil, fmt.Errorf("response by hour, %s: %d lines for %d scenarios", pn.Name, len(pn.Lines), len(h.Scenarios))
		}
		hi := 0.0
		for _, l := range pn.Lines {
			for _, pt := range l {
				if !math.IsNaN(pt.Mean) {
					hi = max(hi, pt.Mean)
				}
			}
		}
		if !(hi > 0) {
			hi = 1
		}
		p := newPlot(pn.Name, "hour the call came in", "mean response (minutes)")
		for s, l := range pn.Lines {
			if len(l) == 0 {
				continue
			}
			// A point sits at the middle of its hour.
			xys := make(plotter.XYs, len(l))
			for k, pt := range l {
				xys[k] = plotter.XY{X: float64(pt.Hour) + 0.5, Y: pt.Mean}
			}
			line, points, err := plotter.NewLinePoints(xys)
			if err != nil {
				return nil, fmt.Errorf("response by hour, %s, scenario %s: %w", pn.Name, h.Scenarios[s], err)
			}
			st := Styles(s)
			line.LineStyle = st.line(vg.Points(1.4))
			points.GlyphStyle = st.glyph(vg.Points(2.2))
			p.Add(line, points)
			p.Legend.Add(h.Scenarios[s], line, points)
		}
		p.X.Min, p.X.Max = 0, 24
		p.X.Tick.Marker = plot.ConstantTicks(marks)
		p.Y.Min, p.Y.Max = 0, hi*1.08
		ps = append(ps, p)
	}
	w := vg.Points(320 * float64(len(ps)))
	title := h.Title
	if title == "" {
		title = "Mean response time by the hour the call came in (mean of the runs)"
	}
	return row(title, ps, w, vg.Points(300)), nil
}
