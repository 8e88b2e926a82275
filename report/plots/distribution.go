package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Distribution is one outcome across replications, per scenario: a box
// (median, quartiles, whiskers to the furthest run within 1.5 box lengths)
// per scenario side by side, with every replicate drawn as a point over it.
type Distribution struct {
	Metric    string      `json:"metric"` // key of the metric, used in file names
	Label     string      `json:"label"`  // what is measured, in plain words
	Unit      string      `json:"unit"`
	Scenarios []string    `json:"scenarios"`
	Values    [][]float64 `json:"values"` // [scenario][replicate]; NaN values are left out
}

// jitter returns the horizontal offset of point k in [-0.5, 0.5): a
// golden-ratio sequence, which spreads points evenly without random
// numbers, so that the same data give the same picture.
func jitter(k int) float64 {
	const phi = 0.6180339887498949
	_, f := math.Modf(float64(k) * phi)
	return f - 0.5
}

// finite returns the values that are not NaN or infinite.
func finite(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out = append(out, x)
		}
	}
	return out
}

// Figure draws the distribution.
func (d *Distribution) Figure() (*Figure, error) {
	if len(d.Values) != len(d.Scenarios) || len(d.Scenarios) == 0 {
		return nil, fmt.Errorf("distribution of %s: %d value lists for %d scenarios", d.Metric, len(d.Values), len(d.Scenarios))
	}
	n := 0
	for _, v := range d.Values {
		n = max(n, len(v))
	}
	p := newPlot(fmt.Sprintf("%s: spread over %d runs", d.Label, n), "", WithUnit(d.Label, d.Unit))
	var all []float64
	for _, v := range d.Values {
		all = append(all, v...)
	}
	if v, ok := flat(all); ok {
		p.Title.Text = fmt.Sprintf("%s: the same in all %d runs", d.Label, n)
		p.Y.Min, p.Y.Max = flatPad(v)
	}
	p.X.Label.Text = "scenario (each point is one run)"
	boxW := vg.Points(min(48, 240/float64(len(d.Scenarios))))
	for i, vs := range d.Values {
		st := Styles(i)
		vs = finite(vs)
		if len(vs) == 0 {
			continue
		}
		bp, err := plotter.NewBoxPlot(boxW, float64(i), plotter.Values(vs))
		if err != nil {
			return nil, fmt.Errorf("distribution of %s, scenario %s: %w", d.Metric, d.Scenarios[i], err)
		}
		bp.BoxStyle = st.line(vg.Points(1.2))
		bp.BoxStyle.Dashes = nil
		bp.MedianStyle = st.line(vg.Points(2.5))
		bp.MedianStyle.Dashes = nil
		bp.WhiskerStyle = st.line(vg.Points(1))
		bp.WhiskerStyle.Dashes = nil
		bp.CapWidth = boxW / 2
		bp.GlyphStyle.Radius = 0 // every run is drawn as a point below
		bp.FillColor = faded(st.Color, 0x22)
		pts := make(plotter.XYs, len(vs))
		for k, v := range vs {
			pts[k] = plotter.XY{X: float64(i) + 0.3*jitter(k), Y: v}
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("distribution of %s, scenario %s: %w", d.Metric, d.Scenarios[i], err)
		}
		sc.GlyphStyle = st.glyph(vg.Points(2.2))
		sc.GlyphStyle.Color = faded(st.Color, 0xb0)
		p.Add(bp, sc)
	}
	p.NominalX(d.Scenarios...)
	// Each scenario owns [i-0.5, i+0.5]: the jittered points (at most 0.15
	// from i) and the box stay inside the axes.
	p.X.Min, p.X.Max = -0.5, float64(len(d.Scenarios))-0.5
	p.X.Padding = vg.Points(4)
	return single(p, vg.Points(120+90*float64(len(d.Scenarios))), vg.Points(300)), nil
}

// Histogram overlays the distribution of one outcome across replications
// for every scenario: outlined histograms on shared bins.
type Histogram struct {
	Metric    string      `json:"metric"`
	Label     string      `json:"label"`
	Unit      string      `json:"unit"`
	Scenarios []string    `json:"scenarios"`
	Values    [][]float64 `json:"values"` // [scenario][replicate]; NaN values are left out
	Bins      int         `json:"bins"`   // number of bins over the pooled range; 0 chooses from the run count
}

// Figure draws the histograms.
func (h *Histogram) Figure() (*Figure, error) {
	if len(h.Values) != len(h.Scenarios) || len(h.Scenarios) == 0 {
		return nil, fmt.Errorf("histogram of %s: %d value lists for %d scenarios", h.Metric, len(h.Values), len(h.Scenarios))
	}
	var all []float64
	n := 0
	for _, v := range h.Values {
		f := finite(v)
		all = append(all, f...)
		n = max(n, len(f))
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("histogram of %s: no values", h.Metric)
	}
	bins := h.Bins
	if bins <= 0 {
		bins = min(40, max(5, int(math.Ceil(2*math.Cbrt(float64(n))))+2)) // Rice rule
	}
	lo, hi := slices.Min(all), slices.Max(all)
	if v, ok := flat(all); ok {
		lo, hi = flatPad(v)
	}
	width := (hi - lo) / float64(bins)
	p := newPlot(fmt.Sprintf("%s: how often each value came up", h.Label), WithUnit(h.Label, h.Unit), "runs")
	for i, vs := range h.Values {
		counts := make([]float64, bins)
		for _, v := range finite(vs) {
			counts[min(bins-1, int((v-lo)/width))]++
		}
		// An outline: up and across each bin, down to zero at both ends.
		pts := plotter.XYs{{X: lo, Y: 0}}
		for b, c := range counts {
			x0 := lo + float64(b)*width
			pts = append(pts, plotter.XY{X: x0, Y: c}, plotter.XY{X: x0 + width, Y: c})
		}
		pts = append(pts, plotter.XY{X: hi, Y: 0})
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("histogram of %s, scenario %s: %w", h.Metric, h.Scenarios[i], err)
		}
		st := Styles(i)
		l.LineStyle = st.line(vg.Points(1.8))
		l.FillColor = faded(st.Color, 0x18)
		p.Add(l)
		p.Legend.Add(h.Scenarios[i], l)
	}
	p.Y.Min = 0
	return beside(p, vg.Points(480), vg.Points(300)), nil
}
