package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// ResponseCDF is the distribution of response times per priority and
// scenario: for each time, the share of answered calls reached within it.
type ResponseCDF struct {
	Scenarios  []string      `json:"scenarios"`
	Priorities []PriorityCDF `json:"priorities"` // one panel each, P1 first
}

// PriorityCDF is the response-time distribution of one priority.
type PriorityCDF struct {
	Name   string       `json:"name"`                  // e.g. "P1 emergency"
	Curves [][]CDFPoint `json:"curves"`                // [scenario], minutes increasing
	MaxMin float64      `json:"max_minutes,omitempty"` // x axis end in minutes; 0 fits the curves
}

// CDFPoint says that Share of the answered calls were reached within
// Minutes.
type CDFPoint struct {
	Minutes float64 `json:"minutes"`
	Share   float64 `json:"share"` // in [0, 1]
}

// Figure draws one panel per priority, side by side.
func (r *ResponseCDF) Figure() (*Figure, error) {
	if len(r.Priorities) == 0 || len(r.Scenarios) == 0 {
		return nil, fmt.Errorf("response-time distribution: %d priorities, %d scenarios", len(r.Priorities), len(r.Scenarios))
	}
	var ps []*plot.Plot
	for _, pr := range r.Priorities {
		if len(pr.Curves) != len(r.Scenarios) {
			return nil, fmt.Errorf("response-time distribution of %s: %d curves for %d scenarios", pr.Name, len(pr.Curves), len(r.Scenarios))
		}
		p := newPlot(pr.Name, "response time (minutes)", "share of answered calls reached within that time (%)")
		for i, c := range pr.Curves {
			if len(c) == 0 {
				continue
			}
			// A step function: the share holds until the next bin edge.
			pts := make(plotter.XYs, 0, 2*len(c)+1)
			pts = append(pts, plotter.XY{X: 0, Y: 0})
			prev := 0.0
			for _, q := range c {
				pts = append(pts, plotter.XY{X: q.Minutes, Y: prev}, plotter.XY{X: q.Minutes, Y: 100 * q.Share})
				prev = 100 * q.Share
			}
			l, err := plotter.NewLine(pts)
			if err != nil {
				return nil, fmt.Errorf("response-time distribution of %s, scenario %s: %w", pr.Name, r.Scenarios[i], err)
			}
			l.LineStyle = Styles(i).line(vg.Points(1.6))
			p.Add(l)
			p.Legend.Add(r.Scenarios[i], l)
		}
		p.Y.Min, p.Y.Max = 0, 100
		p.X.Min = 0
		if pr.MaxMin > 0 {
			p.X.Max = pr.MaxMin
		}
		ps = append(ps, p)
	}
	for _, p := range ps[1:] {
		p.Y.Label.Text = ""
	}
	return row("Response time: share of answered calls reached within each time, by priority", ps, vg.Points(220*float64(len(ps))+40), vg.Points(320)), nil
}
