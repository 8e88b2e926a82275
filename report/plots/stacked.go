package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Interval is a confidence interval, [Lo, Hi].
type Interval struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// ResponseParts is the mean response time of each priority and scenario
// split into its parts (call processing, the dispatch queue, travel),
// drawn as stacked horizontal bars: one panel per priority, one bar per
// scenario, on a common scale so that priorities compare.
type ResponseParts struct {
	Parts      []string        `json:"parts"` // the parts, in the order they add up
	Level      float64         `json:"level"` // confidence level of the intervals, e.g. 0.95
	Priorities []PriorityParts `json:"priorities"`
}

// PriorityParts is one panel of ResponseParts.
type PriorityParts struct {
	Name string     `json:"name"` // "P1 emergency"
	Bars []PartsBar `json:"bars"` // one per scenario, in style order
}

// PartsBar is one scenario's bar: the mean of each part over the
// replicates, in minutes, and the interval of the mean total.
type PartsBar struct {
	Scenario string    `json:"scenario"`
	Means    []float64 `json:"means"` // per part, minutes
	N        int       `json:"n"`     // replicates that define every part; 0: no call of the priority answered
	Total    float64   `json:"total"` // mean over the replicates of the sum of the parts
	CI       *Interval `json:"ci,omitempty"`
}

// partColors are the fills of stacked parts, in order: the dark, medium
// and light colours of the scenario styles, so that neighbouring parts
// differ in greyscale too.
var partColors = []color.NRGBA{
	{0x5e, 0xa9, 0xdb, 0xff}, // light blue
	{0xe0, 0x7b, 0x00, 0xff}, // orange
	{0x1f, 0x3b, 0x73, 0xff}, // navy
	{0x4d, 0xa0, 0x55, 0xff}, // green
	{0xb0, 0x9c, 0xd8, 0xff}, // lavender
	{0x8c, 0x2d, 0x04, 0xff}, // brown
}

// freeColor fills the free (uncommitted) time of an activity bar.
var freeColor = color.NRGBA{0xee, 0xee, 0xee, 0xff}

// stackedBar is one bar of a stacked horizontal bar chart.
type stackedBar struct {
	label string
	parts []float64
	mark  float64   // where the whisker of ci is centred
	ci    *Interval // drawn as a whisker around mark
	text  string    // written right of the bar (and its whisker)
}

// stackedPlot returns a plot of horizontal bars stacked from the parts of
// bars, top down in order, filled with fills (the last fill may be the
// background of a remainder). names are the legend entries of the parts;
// a nil names leaves the legend empty.
func stackedPlot(title, xLabel string, bars []stackedBar, fills []color.Color, names []string, xMax float64) (*plot.Plot, error) {
	p := newPlot(title, xLabel, "")
	n := len(bars)
	if n == 0 {
		return nil, fmt.Errorf("stacked bars %q: no bars", title)
	}
	nParts := len(bars[0].parts)
	var below *plotter.BarChart
	for k := range nParts {
		vs := make(plotter.Values, n)
		for i, b := range bars {
			if len(b.parts) != nParts {
				return nil, fmt.Errorf("stacked bars %q: bar %s has %d parts, want %d", title, b.label, len(b.parts), nParts)
			}
			v := b.parts[k]
			if math.IsNaN(v) || v < 0 {
				v = 0
			}
			vs[n-1-i] = v
		}
		bc, err := plotter.NewBarChart(vs, vg.Points(16))
		if err != nil {
			return nil, fmt.Errorf("stacked bars %q: %w", title, err)
		}
		bc.Horizontal = true
		bc.Color = fills[k]
		bc.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.5)}
		if below != nil {
			bc.StackOn(below)
		}
		below = bc
		p.Add(bc)
		if names != nil && k < len(names) {
			p.Legend.Add(names[k], bc)
		}
	}
	var whisk plotter.XYs
	var errs plotter.XErrors
	var at plotter.XYs
	var texts []string
	for i, b := range bars {
		y := float64(n - 1 - i)
		end := 0.0
		for _, v := range b.parts {
			if !math.IsNaN(v) && v > 0 {
				end += v
			}
		}
		right := end
		if b.ci != nil {
			mid := min(max(b.mark, b.ci.Lo), b.ci.Hi)
			whisk = append(whisk, plotter.XY{X: mid, Y: y})
			errs = append(errs, struct{ Low, High float64 }{mid - b.ci.Lo, b.ci.Hi - mid})
			right = max(right, b.ci.Hi)
		}
		if b.text != "" {
			at = append(at, plotter.XY{X: right, Y: y})
			texts = append(texts, b.text)
		}
	}
	if len(whisk) > 0 {
		eb, err := plotter.NewXErrorBars(struct {
			plotter.XYer
			plotter.XErrorer
		}{whisk, errs})
		if err != nil {
			return nil, fmt.Errorf("stacked bars %q: %w", title, err)
		}
		eb.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}
		eb.CapWidth = vg.Points(8)
		p.Add(eb)
	}
	if len(at) > 0 {
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: at, Labels: texts})
		if err != nil {
			return nil, fmt.Errorf("stacked bars %q: %w", title, err)
		}
		lab.Offset = vg.Point{X: vg.Points(6)} // SVG collapses leading spaces: offset instead
		for i := range lab.TextStyle {
			lab.TextStyle[i].Font = fontOf(9)
			lab.TextStyle[i].YAlign = draw.YCenter
		}
		p.Add(lab)
	}
	labels := make([]string, n)
	for i, b := range bars {
		labels[n-1-i] = b.label
	}
	p.NominalY(labels...)
	p.Y.Tick.Label.Font = fontOf(9)
	p.X.Min, p.X.Max = 0, xMax
	return p, nil
}

// column returns a figure of plots one above the other under a title,
// their axes aligned, and the first plot's legend in a column to the
// right. Each plot is h high.
func column(title string, ps []*plot.Plot, w, h vg.Length) *Figure {
	leg, legW := takeLegend(ps[0])
	leg.Padding = vg.Points(3) // bar thumbnails fill their row: keep them apart
	for _, p := range ps {
		fitLabels(p, w, h)
		p.Legend = plot.NewLegend()
	}
	titleH := vg.Points(0)
	if title != "" {
		sty := text.Style{Font: fontOf(12), Handler: plot.DefaultTextHandler}
		titleH = sty.Height(wrapText(title, sty.Font, w+legW-vg.Points(16))) + vg.Points(10)
	}
	total := h*vg.Length(len(ps)) + titleH
	return &Figure{Width: w + legW, Height: total, draw: func(c draw.Canvas) {
		c = figureTitle(c, title)
		area := c
		area.Max.X -= legW
		t := draw.Tiles{Rows: len(ps), Cols: 1, PadY: vg.Points(4), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(12)}
		grid := make([][]*plot.Plot, len(ps))
		for i, p := range ps {
			grid[i] = []*plot.Plot{p}
		}
		cs := plot.Align(grid, t, area)
		for i, p := range ps {
			p.Draw(cs[i][0])
		}
		if legW > 0 {
			side := c
			side.Min.X = area.Max.X + vg.Points(8)
			side.Max.Y -= vg.Points(8)
			leg.Draw(side)
		}
	}}
}

// barsHeight is the height of a panel of n horizontal bars, title and
// axis included.
func barsHeight(n int) vg.Length { return vg.Points(56 + 24*float64(n)) }

// Figure draws one panel per priority, the bars of the scenarios in
// order, the parts in the colours of the legend, the interval of the
// total as a whisker and the total written beside it.
func (r *ResponseParts) Figure() (*Figure, error) {
	if len(r.Priorities) == 0 {
		return nil, fmt.Errorf("response parts: no priority")
	}
	fills := make([]color.Color, len(r.Parts))
	for k := range r.Parts {
		fills[k] = partColors[k%len(partColors)]
	}
	xMax := 0.0
	for _, pr := range r.Priorities {
		for _, b := range pr.Bars {
			xMax = max(xMax, b.Total)
			if b.CI != nil {
				xMax = max(xMax, b.CI.Hi)
			}
		}
	}
	if !(xMax > 0) {
		xMax = 1
	}
	xMax *= 1.18 // room for the totals written beside the bars
	var ps []*plot.Plot
	nBars := 0
	for i, pr := range r.Priorities {
		bars := make([]stackedBar, len(pr.Bars))
		for j, b := range pr.Bars {
			bars[j] = stackedBar{label: b.Scenario, parts: b.Means, mark: b.Total, ci: b.CI, text: fmt.Sprintf("%.1f", b.Total)}
			if b.N == 0 {
				bars[j].text = "no call answered"
			}
		}
		nBars = max(nBars, len(bars))
		xLabel := ""
		if i == len(r.Priorities)-1 {
			xLabel = "mean minutes from the call to the first unit on scene"
		}
		p, err := stackedPlot(pr.Name, xLabel, bars, fills, r.Parts, xMax)
		if err != nil {
			return nil, fmt.Errorf("response parts, %s: %w", pr.Name, err)
		}
		ps = append(ps, p)
	}
	return column(fmt.Sprintf("Mean response time and its parts, by priority (whisker: %.0f %% interval of the total)", 100*r.Level), ps, vg.Points(560), barsHeight(nBars)), nil
}

// ActivityShares is the on-duty time of each scenario's officers split by
// what it was committed to, as shares, with the free time that remains:
// one stacked horizontal bar per scenario.
type ActivityShares struct {
	Activities []string      `json:"activities"` // the committed activities, in order; free time follows them
	Level      float64       `json:"level"`
	Bars       []ActivityBar `json:"bars"` // one per scenario, in style order
}

// ActivityBar is one scenario's bar: the mean share of on-duty time (in
// %) of each activity over the replicates, the free share, and the
// interval of the committed share (the sum of the activities).
type ActivityBar struct {
	Scenario  string    `json:"scenario"`
	Shares    []float64 `json:"shares"` // per activity, % of on-duty time
	Committed float64   `json:"committed"`
	CI        *Interval `json:"ci,omitempty"` // of Committed
}

// Figure draws the bars, the activities in the colours of the legend and
// the free time in light grey, the interval of the committed share as a
// whisker at its end and the committed share written at the bar's end.
func (a *ActivityShares) Figure() (*Figure, error) {
	if len(a.Bars) == 0 {
		return nil, fmt.Errorf("activity shares: no scenario")
	}
	fills := make([]color.Color, 0, len(a.Activities)+1)
	for k := range a.Activities {
		fills = append(fills, partColors[(k+2)%len(partColors)])
	}
	fills = append(fills, freeColor)
	names := append(append([]string{}, a.Activities...), "free for calls")
	bars := make([]stackedBar, len(a.Bars))
	for i, b := range a.Bars {
		if len(b.Shares) != len(a.Activities) {
			return nil, fmt.Errorf("activity shares: scenario %s has %d shares for %d activities", b.Scenario, len(b.Shares), len(a.Activities))
		}
		parts := append(append([]float64{}, b.Shares...), max(0, 100-b.Committed))
		bars[i] = stackedBar{label: b.Scenario, parts: parts, mark: b.Committed, ci: b.CI, text: fmt.Sprintf("%.0f %%", b.Committed)}
	}
	// The axis runs past 100 % to leave room for the committed share
	// written right of each bar; its ticks end at 100 %.
	p, err := stackedPlot("", "% of on-duty officer time (number: committed share)", bars, fills, names, 112)
	if err != nil {
		return nil, fmt.Errorf("activity shares: %w", err)
	}
	var marks []plot.Tick
	for v := 0; v <= 100; v += 10 {
		lab := ""
		if v%20 == 0 {
			lab = fmt.Sprint(v)
		}
		marks = append(marks, plot.Tick{Value: float64(v), Label: lab})
	}
	p.X.Tick.Marker = plot.ConstantTicks(marks)
	title := fmt.Sprintf("Officers' on-duty time by activity (whisker: %.0f %% interval of the committed share)", 100*a.Level)
	return column(title, []*plot.Plot{p}, vg.Points(560), barsHeight(max(len(bars), 2))), nil // room for the legend
}
