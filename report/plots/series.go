package plots

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
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
}

// DayPoint is one day of a TimeSeries.
type DayPoint struct {
	Day  int     `json:"day"` // 0 is the first measured day
	Mean float64 `json:"mean"`
	Lo   float64 `json:"lo"` // 5th percentile of the replications
	Hi   float64 `json:"hi"` // 95th percentile
}

// Figure draws the series.
func (ts *TimeSeries) Figure() (*Figure, error) {
	if len(ts.Series) != len(ts.Scenarios) || len(ts.Scenarios) == 0 {
		return nil, fmt.Errorf("time series of %s: %d series for %d scenarios", ts.Metric, len(ts.Series), len(ts.Scenarios))
	}
	p := newPlot(ts.Label+" day by day: mean of the runs, band where 90 % of runs fell", "day of the measured period", WithUnit(ts.Label, ts.Unit))
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
		if len(s) == 0 {
			continue
		}
		band := make(plotter.XYs, 0, 2*len(s))
		for _, d := range s {
			band = append(band, plotter.XY{X: float64(d.Day), Y: d.Hi})
		}
		for k := len(s) - 1; k >= 0; k-- {
			band = append(band, plotter.XY{X: float64(s[k].Day), Y: s[k].Lo})
		}
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return nil, fmt.Errorf("time series of %s, scenario %s: %w", ts.Metric, ts.Scenarios[i], err)
		}
		poly.Color = faded(Styles(i).Color, 0x30)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	for i, s := range ts.Series {
		if len(s) == 0 {
			continue
		}
		pts := make(plotter.XYs, len(s))
		for k, d := range s {
			pts[k] = plotter.XY{X: float64(d.Day), Y: d.Mean}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("time series of %s, scenario %s: %w", ts.Metric, ts.Scenarios[i], err)
		}
		l.LineStyle = Styles(i).line(vg.Points(1.4))
		p.Add(l)
		p.Legend.Add(ts.Scenarios[i], l)
	}
	return beside(p, vg.Points(600), vg.Points(300)), nil
}
