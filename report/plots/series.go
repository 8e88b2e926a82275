package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeSeries is one daily outcome per scenario: the mean across
// replications as a line and a band from the 5th to the 95th percentile
// of the replications (where 90 % of runs fell that day).
type TimeSeries struct {
	Metric    string       `json:"metric"`
	Label     string       `json:"label"`
	Unit      string       `json:"unit"`
	Scenarios []string     `json:"scenarios"`
	Series    [][]DayPoint `json:"series"` // [scenario], days in order; days without data are left out
	Events    []EventSpan  `json:"events,omitempty"`
}

// EventSpan is a scheduled event marked on a daily chart: a shaded span
// from day From to day To (a line where To equals From) with a label.
type EventSpan struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Label string  `json:"label"`
}

// DayPoint is one day of a TimeSeries.
type DayPoint struct {
	Day  int     `json:"day"` // 0 is the first day after the warm-up
	Mean float64 `json:"mean"`
	Lo   float64 `json:"lo"` // 5th percentile of the replications
	Hi   float64 `json:"hi"` // 95th percentile
}

// Figure draws the series. A scenario whose runs all agreed every day
// (one replicate) has no band, and when no scenario has one the title
// speaks of the days alone, not of a mean of runs and a band.
func (ts *TimeSeries) Figure() (*Figure, error) {
	if len(ts.Series) != len(ts.Scenarios) || len(ts.Scenarios) == 0 {
		return nil, fmt.Errorf("time series of %s: %d series for %d scenarios", ts.Metric, len(ts.Series), len(ts.Scenarios))
	}
	title := ts.Label + " day by day"
	if slices.ContainsFunc(ts.Series, spread) {
		title += ": mean of the runs, band where 90 % of runs fell"
	}
	p := newPlot(title, "day (0 is the first after the warm-up)", WithUnit(ts.Label, ts.Unit))
	var all []float64
	for _, s := range ts.Series {
		for _, d := range s {
			all = append(all, d.Lo, d.Mean, d.Hi)
		}
	}
	if v, ok := flat(all); ok {
		p.Y.Min, p.Y.Max = flatPad(v)
	}
	// Bands first, so that no band hides a line.
	for i, s := range ts.Series {
		if !spread(s) {
			continue
		}
		x, lo, hi := make([]float64, len(s)), make([]float64, len(s)), make([]float64, len(s))
		for k, d := range s {
			x[k], lo[k], hi[k] = float64(d.Day), d.Lo, d.Hi
		}
		b, err := newBand(x, lo, hi, faded(Styles(i).Color, 0x30))
		if err != nil {
			return nil, fmt.Errorf("time series of %s, scenario %s: %w", ts.Metric, ts.Scenarios[i], err)
		}
		p.Add(b)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range ts.Series {
		for _, d := range s {
			lo, hi = min(lo, d.Lo, d.Mean), max(hi, d.Hi, d.Mean)
		}
	}
	if v, ok := flat(all); ok {
		lo, hi = flatPad(v)
	}
	for _, ev := range ts.Events {
		if !(hi > lo) {
			break
		}
		span := plotter.XYs{{X: ev.From, Y: lo}, {X: ev.To, Y: lo}, {X: ev.To, Y: hi}, {X: ev.From, Y: hi}}
		if ev.To > ev.From {
			poly, err := plotter.NewPolygon(span)
			if err != nil {
				return nil, fmt.Errorf("time series of %s, event %s: %w", ts.Metric, ev.Label, err)
			}
			poly.Color = color.NRGBA{0xb0, 0xb0, 0xb0, 0x40}
			poly.LineStyle.Width = 0
			p.Add(poly)
		}
		edge, err := plotter.NewLine(plotter.XYs{{X: ev.From, Y: lo}, {X: ev.From, Y: hi}})
		if err != nil {
			return nil, fmt.Errorf("time series of %s, event %s: %w", ts.Metric, ev.Label, err)
		}
		edge.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: ev.From, Y: hi}}, Labels: []string{" " + ev.Label}})
		if err != nil {
			return nil, fmt.Errorf("time series of %s, event %s: %w", ts.Metric, ev.Label, err)
		}
		lab.TextStyle[0].Font = fontOf(8)
		lab.TextStyle[0].YAlign = draw.YTop
		lab.TextStyle[0].Color = grey
		p.Add(edge, lab)
	}
	for i, s := range ts.Series {
		if len(s) == 0 {
			continue
		}
		pts := make(plotter.XYs, len(s))
		for k, d := range s {
			pts[k] = plotter.XY{X: float64(d.Day), Y: d.Mean}
		}
		l, err := newPieceLine(pts)
		if err != nil {
			return nil, fmt.Errorf("time series of %s, scenario %s: %w", ts.Metric, ts.Scenarios[i], err)
		}
		l.LineStyle = Styles(i).line(vg.Points(1.4))
		p.Add(l)
		p.Legend.Add(ts.Scenarios[i], l)
	}
	return beside(p, vg.Points(600), vg.Points(300)), nil
}

// spread reports whether the runs of a series disagreed on some day, so
// that it has a band to draw.
func spread(s []DayPoint) bool {
	return slices.ContainsFunc(s, func(d DayPoint) bool { return d.Hi > d.Lo })
}
