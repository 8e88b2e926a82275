package plots

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DoseResponse is every key outcome against the value of one varied
// scenario key (a sweep or --vary): one panel per outcome, the mean of
// each point of the study with its confidence interval. Points that share
// the values of the other varied keys form a group, drawn in one style;
// where a group has one point per value the points are joined by a line
// inside a band (the intervals), otherwise each point is a marker with
// its interval and the line joins the group's averages.
type DoseResponse struct {
	Key      string        `json:"key"`      // the varied scenario key, e.g. staffing.headcount
	Values   []string      `json:"values"`   // its values in axis order
	Numeric  bool          `json:"numeric"`  // Values are numbers, drawn to scale; else evenly spaced
	GroupBy  string        `json:"group_by"` // what the groups are, in words ("" for a single group)
	Groups   []string      `json:"groups"`   // group names, in style order
	Within   []string      `json:"within"`   // other varied keys whose values differ inside a group
	Level    float64       `json:"level"`    // confidence level of the intervals
	Outcomes []DoseOutcome `json:"outcomes"`
}

// DoseOutcome is one outcome's panel.
type DoseOutcome struct {
	Metric string      `json:"metric"`
	Label  string      `json:"label"`
	Unit   string      `json:"unit"`
	Points []DosePoint `json:"points"`
}

// DosePoint is one point of the study: its position on the x axis (the
// value, or the index of the value when not numeric), its group, its
// mean and confidence interval.
type DosePoint struct {
	X     float64 `json:"x"`
	Group int     `json:"group"`
	Mean  float64 `json:"mean"`
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
}

// dosePanelW and dosePanelH are the size of one panel, in points.
const dosePanelW, dosePanelH = 250.0, 210.0

// Figure draws the panels in rows of up to four, with one legend of the
// groups to the right.
func (d *DoseResponse) Figure() (*Figure, error) {
	if len(d.Outcomes) == 0 || len(d.Values) < 2 {
		return nil, fmt.Errorf("dose-response of %s: %d outcomes over %d values", d.Key, len(d.Outcomes), len(d.Values))
	}
	groups := max(1, len(d.Groups))
	var ps []*plot.Plot
	leg := plot.NewLegend()
	for k, o := range d.Outcomes {
		p := newPlot(o.Label, d.Key, WithUnit(o.Label, o.Unit))
		p.Title.TextStyle.Font = fontOf(10)
		byGroup := make([][]DosePoint, groups)
		for _, pt := range o.Points {
			if pt.Group < 0 || pt.Group >= groups {
				return nil, fmt.Errorf("dose-response of %s, %s: point in group %d of %d", d.Key, o.Metric, pt.Group, groups)
			}
			if math.IsNaN(pt.Mean) {
				continue
			}
			byGroup[pt.Group] = append(byGroup[pt.Group], pt)
		}
		var all []float64
		for _, pt := range o.Points {
			all = append(all, pt.Lo, pt.Mean, pt.Hi)
		}
		if v, ok := flat(all); ok {
			p.Y.Min, p.Y.Max = flatPad(v)
		}
		spread := 0.5 * d.step() / float64(groups) // width of a group's slot at one x
		for g, pts := range byGroup {
			if len(pts) == 0 {
				continue
			}
			st := Styles(g)
			xs := map[float64]int{}
			for _, pt := range pts {
				xs[pt.X]++
			}
			single := len(xs) == len(pts)
			line := meanLine(pts)
			if single {
				band := make(plotter.XYs, 0, 2*len(line))
				for _, pt := range sortedByX(pts) {
					band = append(band, plotter.XY{X: pt.X, Y: pt.Hi})
				}
				lo := sortedByX(pts)
				for i := len(lo) - 1; i >= 0; i-- {
					band = append(band, plotter.XY{X: lo[i].X, Y: lo[i].Lo})
				}
				poly, err := plotter.NewPolygon(band)
				if err != nil {
					return nil, fmt.Errorf("dose-response of %s, %s: %w", d.Key, o.Metric, err)
				}
				poly.Color = faded(st.Color, 0x30)
				poly.LineStyle.Width = 0
				p.Add(poly)
			} else {
				// The group's markers at one x spread over its own slot
				// of width spread, the slots side by side around x.
				off := spread * (float64(g) - float64(groups-1)/2)
				xys := make(plotter.XYs, len(pts))
				errs := make(plotter.YErrors, len(pts))
				seen := map[float64]int{}
				for i, pt := range pts {
					k := seen[pt.X]
					seen[pt.X]++
					within := 0.0
					if n := xs[pt.X]; n > 1 {
						within = 0.8 * spread * (float64(k)/float64(n-1) - 0.5)
					}
					xys[i] = plotter.XY{X: pt.X + off + within, Y: pt.Mean}
					errs[i].Low, errs[i].High = pt.Mean-pt.Lo, pt.Hi-pt.Mean
				}
				dots, err := plotter.NewScatter(xys)
				if err != nil {
					return nil, fmt.Errorf("dose-response of %s, %s: %w", d.Key, o.Metric, err)
				}
				dots.GlyphStyle = draw.GlyphStyle{Color: faded(st.Color, 0xb0), Radius: vg.Points(1.2), Shape: draw.CircleGlyph{}}
				p.Add(dots)
				for i := range line {
					line[i].X += off // the average at the centre of the group's slot
				}
				bars, err := plotter.NewYErrorBars(struct {
					plotter.XYer
					plotter.YErrorer
				}{xys, errs})
				if err != nil {
					return nil, fmt.Errorf("dose-response of %s, %s: %w", d.Key, o.Metric, err)
				}
				bars.LineStyle = st.line(vg.Points(0.8))
				bars.LineStyle.Dashes = nil
				bars.LineStyle.Color = faded(st.Color, 0x90)
				bars.CapWidth = vg.Points(3)
				p.Add(bars)
			}
			l, err := plotter.NewLine(line)
			if err != nil {
				return nil, fmt.Errorf("dose-response of %s, %s: %w", d.Key, o.Metric, err)
			}
			l.LineStyle = st.line(vg.Points(1.4))
			sc, err := plotter.NewScatter(line)
			if err != nil {
				return nil, fmt.Errorf("dose-response of %s, %s: %w", d.Key, o.Metric, err)
			}
			sc.GlyphStyle = st.glyph(vg.Points(2.5))
			p.Add(l, sc)
			if k == 0 && len(d.Groups) > 0 {
				leg.Add(d.Groups[g], l, sc)
			}
		}
		if !d.Numeric {
			p.NominalX(d.Values...)
		}
		p.X.Min, p.X.Max = d.xRange()
		ps = append(ps, p)
	}
	cols := min(4, len(ps))
	rows := (len(ps) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for i, p := range ps {
		fitLabels(p, vg.Points(dosePanelW), vg.Points(dosePanelH))
		grid[i/cols] = append(grid[i/cols], p)
	}
	legW := 0.0
	if len(d.Groups) > 0 {
		leg.TextStyle.Font = fontOf(9)
		leg.ThumbnailWidth = vg.Points(28)
		leg.Padding = vg.Points(3)
		leg.Top, leg.Left = true, true
		legW = float64(leg.Rectangle(draw.Canvas{}).Max.X-leg.Rectangle(draw.Canvas{}).Min.X) + 24
	}
	title := fmt.Sprintf("Each outcome against %s: mean of the runs at each point, %.0f %% confidence interval", d.Key, 100*d.Level)
	w := vg.Points(dosePanelW*float64(cols) + legW)
	h := vg.Points(dosePanelH*float64(rows) + 40)
	groupBy := d.GroupBy
	return &Figure{Width: w, Height: h, draw: func(c draw.Canvas) {
		body := figureTitle(c, title)
		panels := body
		panels.Max.X -= vg.Points(legW)
		t := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(10), PadY: vg.Points(8), PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2), PadRight: vg.Points(4)}
		for r := range grid {
			for len(grid[r]) < cols {
				grid[r] = append(grid[r], nil)
			}
		}
		cs := plot.Align(grid, t, panels)
		for r := range grid {
			for k, p := range grid[r] {
				if p != nil {
					p.Draw(cs[r][k])
				}
			}
		}
		if legW > 0 {
			side := body
			side.Min.X = panels.Max.X + vg.Points(12)
			side.Max.Y -= vg.Points(16)
			if groupBy != "" {
				sty := leg.TextStyle
				c.FillText(sty, vg.Point{X: side.Min.X, Y: side.Max.Y}, groupBy)
				side.Max.Y -= sty.Height(groupBy) + vg.Points(4)
			}
			leg.Draw(side)
		}
	}}, nil
}

// step returns the smallest gap between neighbouring values on the x
// axis (1 for values that are not numbers).
func (d *DoseResponse) step() float64 {
	if !d.Numeric {
		return 1
	}
	var xs []float64
	for _, v := range d.Values {
		x, err := strconv.ParseFloat(v, 64)
		if err == nil {
			xs = append(xs, x)
		}
	}
	slices.Sort(xs)
	gap := math.Inf(1)
	for i := 1; i < len(xs); i++ {
		if g := xs[i] - xs[i-1]; g > 0 {
			gap = min(gap, g)
		}
	}
	if math.IsInf(gap, 1) {
		return 1
	}
	return gap
}

// xRange returns the x axis: the values with a margin that holds the
// markers spread around the first and last value (a whole position for
// values that are not numbers).
func (d *DoseResponse) xRange() (float64, float64) {
	if !d.Numeric {
		return -0.5, float64(len(d.Values)) - 0.5
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, o := range d.Outcomes {
		for _, p := range o.Points {
			lo, hi = min(lo, p.X), max(hi, p.X)
		}
	}
	pad := max(0.05*(hi-lo), 0.3*d.step())
	return lo - pad, hi + pad
}

// sortedByX returns pts in increasing X.
func sortedByX(pts []DosePoint) []DosePoint {
	out := slices.Clone(pts)
	slices.SortStableFunc(out, func(a, b DosePoint) int { return cmp.Compare(a.X, b.X) })
	return out
}

// meanLine returns the average of the means at each x, in increasing x.
func meanLine(pts []DosePoint) plotter.XYs {
	var out plotter.XYs
	for _, pt := range sortedByX(pts) {
		n := len(out)
		if n > 0 && out[n-1].X == pt.X {
			continue
		}
		sum, k := 0.0, 0
		for _, q := range pts {
			if q.X == pt.X {
				sum += q.Mean
				k++
			}
		}
		out = append(out, plotter.XY{X: pt.X, Y: sum / float64(k)})
	}
	return out
}
