package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid is the geometry of the precinct: Width x Height square cells,
// cell i at column i % Width and row i / Width, row 0 at the north edge
// (the top of the map), as in cells.csv.
type Grid struct {
	Width         int      `json:"width"`
	Height        int      `json:"height"`
	CellKm        float64  `json:"cell_km"`       // side of a cell in kilometres
	Neighborhoods []string `json:"neighborhoods"` // names by neighborhood id
	Neighborhood  []int    `json:"neighborhood"`  // neighborhood id of each cell
	Beat          []int    `json:"beat"`          // beat id of each cell
}

// Map is one quantity over the grid, one panel per scenario on a shared
// colour scale, with neighborhood boundaries (solid) and patrol-beat
// boundaries (dashed) drawn over it.
type Map struct {
	Metric string     `json:"metric"`
	Label  string     `json:"label"`
	Unit   string     `json:"unit"` // of a cell's value, e.g. "offenses per cell per year"
	Grid   Grid       `json:"grid"`
	Panels []MapPanel `json:"panels"`
}

// MapPanel is the map of one scenario.
type MapPanel struct {
	Scenario string    `json:"scenario"`
	Values   []float64 `json:"values"` // per cell, indexed like the grid
}

func (g *Grid) check() error {
	n := g.Width * g.Height
	switch {
	case g.Width < 1 || g.Height < 1:
		return fmt.Errorf("grid %dx%d", g.Width, g.Height)
	case len(g.Neighborhood) != n || len(g.Beat) != n:
		return fmt.Errorf("grid %dx%d has %d neighborhood and %d beat entries, want %d", g.Width, g.Height, len(g.Neighborhood), len(g.Beat), n)
	case !(g.CellKm > 0):
		return fmt.Errorf("cell size %v km", g.CellKm)
	}
	for i, h := range g.Neighborhood {
		if h < 0 || h >= len(g.Neighborhoods) {
			return fmt.Errorf("cell %d: neighborhood %d out of range [0, %d)", i, h, len(g.Neighborhoods))
		}
	}
	return nil
}

// heatColors runs from pale yellow (low) to dark purple (high), lightness
// falling steadily so that the scale reads in greyscale; it stops short
// of black so that boundaries stay visible.
func heatColors() palette.ColorMap {
	cm, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{0x4a, 0x10, 0x6a, 0xff},
		color.NRGBA{0xb8, 0x2a, 0x3c, 0xff},
		color.NRGBA{0xf0, 0x8a, 0x3c, 0xff},
		color.NRGBA{0xff, 0xfb, 0xd0, 0xff},
	})
	if err != nil {
		panic("plots: heat colours not ordered by luminance: " + err.Error())
	}
	cm.SetMin(0)
	cm.SetMax(1)
	return &darkHigh{light: cm, min: 0, max: 1}
}

// darkHigh is a colour map whose luminance falls as the value rises. The
// luminance map it wraps (light) runs from dark at 0 to light at 1 on its
// own fixed range; darkHigh maps a value v in [min, max] to the share
// t = (v-min)/(max-min), which is exactly 0 at min and 1 at max, and asks
// light for 1-t. palette.Reverse instead computes max-(v-min), which
// rounds below min for the largest value whenever min > 0.
type darkHigh struct {
	light    palette.ColorMap // on [0, 1]
	min, max float64
}

// At implements palette.ColorMap.
func (d *darkHigh) At(v float64) (color.Color, error) {
	if !(v >= d.min && v <= d.max) {
		return nil, fmt.Errorf("heat colours: value %v outside [%v, %v]", v, d.min, d.max)
	}
	t := 0.0
	if d.max > d.min {
		t = min(1, max(0, (v-d.min)/(d.max-d.min)))
	}
	return d.light.At(1 - t)
}

// Max implements palette.ColorMap.
func (d *darkHigh) Max() float64 { return d.max }

// SetMax implements palette.ColorMap.
func (d *darkHigh) SetMax(v float64) { d.max = v }

// Min implements palette.ColorMap.
func (d *darkHigh) Min() float64 { return d.min }

// SetMin implements palette.ColorMap.
func (d *darkHigh) SetMin(v float64) { d.min = v }

// Alpha implements palette.ColorMap.
func (d *darkHigh) Alpha() float64 { return d.light.Alpha() }

// SetAlpha implements palette.ColorMap.
func (d *darkHigh) SetAlpha(a float64) { d.light.SetAlpha(a) }

// Palette implements palette.ColorMap: n colours from light (min) to dark
// (max).
func (d *darkHigh) Palette(n int) palette.Palette {
	c := d.light.Palette(n).Colors()
	slices.Reverse(c)
	return heatPalette(c)
}

// heatPalette is a list of colours as a palette.Palette.
type heatPalette []color.Color

// Colors implements palette.Palette.
func (p heatPalette) Colors() []color.Color { return p }

// Figure draws the panels side by side with one colour bar.
func (m *Map) Figure() (*Figure, error) {
	g := &m.Grid
	if err := g.check(); err != nil {
		return nil, fmt.Errorf("map of %s: %w", m.Metric, err)
	}
	if len(m.Panels) == 0 {
		return nil, fmt.Errorf("map of %s: no panels", m.Metric)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range m.Panels {
		if len(p.Values) != g.Width*g.Height {
			return nil, fmt.Errorf("map of %s, scenario %s: %d values for %d cells", m.Metric, p.Scenario, len(p.Values), g.Width*g.Height)
		}
		for _, v := range finite(p.Values) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	cm := heatColors()
	cm.SetMin(lo)
	cm.SetMax(hi)
	w, h := float64(g.Width)*g.CellKm, float64(g.Height)*g.CellKm
	bounds := boundaries(g)
	labels := hoodLabels(g)
	var ps []*plot.Plot
	for _, panel := range m.Panels {
		img := image.NewNRGBA(image.Rect(0, 0, g.Width, g.Height))
		for i, v := range panel.Values {
			c := color.Color(color.NRGBA{0xcc, 0xcc, 0xcc, 0xff}) // no value
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				var err error
				if c, err = cm.At(v); err != nil {
					return nil, fmt.Errorf("map of %s: %w", m.Metric, err)
				}
			}
			img.Set(i%g.Width, i/g.Width, c) // image rows run top down, like grid rows
		}
		p := newPlot(panel.Scenario, "east (km)", "north (km)")
		p.Add(plotter.NewImage(img, 0, 0, w, h), bounds, labels)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, w, 0, h
		ps = append(ps, p)
	}
	for _, p := range ps[1:] {
		p.Y.Label.Text = ""
	}
	const panelW, barW, titleH = 250.0, 90.0, 22.0
	bar := newPlot("", "", wrapText(m.Unit, fontOf(10), vg.Points(panelW-70)))
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	fw, fh := vg.Points(panelW*float64(len(ps))+barW), vg.Points(panelW+titleH+10)
	title := "Map of " + m.Label
	return &Figure{Width: fw, Height: fh, draw: func(c draw.Canvas) {
		body := figureTitle(c, title)
		maps := body
		maps.Max.X -= vg.Points(barW)
		t := draw.Tiles{Rows: 1, Cols: len(ps), PadX: vg.Points(8), PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2)}
		cs := plot.Align([][]*plot.Plot{ps}, t, maps)
		for i, p := range ps {
			p.Draw(cs[0][i])
		}
		side := body
		side.Min.X = maps.Max.X + vg.Points(10)
		side.Max.X -= vg.Points(8)
		side.Min.Y += vg.Points(40)
		side.Max.Y -= vg.Points(24)
		bar.Draw(side)
	}}, nil
}

// figureTitle writes a title across the top of c and returns the canvas
// below it.
func figureTitle(c draw.Canvas, title string) draw.Canvas {
	sty := text.Style{Color: color.Black, Font: fontOf(12), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
	title = wrapText(title, sty.Font, c.Max.X-c.Min.X-vg.Points(16))
	c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - vg.Points(4)}, title)
	c.Max.Y -= sty.Height(title) + vg.Points(10)
	return c
}

// boundaryLines draws grid edges between cells of different
// neighborhoods or beats.
type boundaryLines struct {
	hood, beat [][2]plotter.XY // segments in km
}

// boundaries finds the edges between cells of different neighborhoods
// (and beats), merged into the longest straight runs.
func boundaries(g *Grid) *boundaryLines {
	var b boundaryLines
	k := g.CellKm
	north := func(r int) float64 { return float64(g.Height-r) * k } // y of the top edge of row r
	edge := func(ids []int, horizontal bool) [][2]plotter.XY {
		var segs [][2]plotter.XY
		if horizontal { // edges between row r-1 and r, run along x
			for r := 1; r < g.Height; r++ {
				start := -1
				for c := 0; c <= g.Width; c++ {
					diff := c < g.Width && ids[r*g.Width+c] != ids[(r-1)*g.Width+c]
					if diff && start < 0 {
						start = c
					}
					if !diff && start >= 0 {
						segs = append(segs, [2]plotter.XY{{X: float64(start) * k, Y: north(r)}, {X: float64(c) * k, Y: north(r)}})
						start = -1
					}
				}
			}
			return segs
		}
		for c := 1; c < g.Width; c++ { // edges between column c-1 and c, run along y
			start := -1
			for r := 0; r <= g.Height; r++ {
				diff := r < g.Height && ids[r*g.Width+c] != ids[r*g.Width+c-1]
				if diff && start < 0 {
					start = r
				}
				if !diff && start >= 0 {
					segs = append(segs, [2]plotter.XY{{X: float64(c) * k, Y: north(start)}, {X: float64(c) * k, Y: north(r)}})
					start = -1
				}
			}
		}
		return segs
	}
	b.hood = append(edge(g.Neighborhood, true), edge(g.Neighborhood, false)...)
	b.beat = append(edge(g.Beat, true), edge(g.Beat, false)...)
	return &b
}

// Plot implements plot.Plotter: beats thin and dashed, neighborhoods
// thick with a white halo so that they show on dark and light cells.
func (b *boundaryLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	stroke := func(segs [][2]plotter.XY, sty draw.LineStyle) {
		for _, s := range segs {
			c.StrokeLine2(sty, trX(s[0].X), trY(s[0].Y), trX(s[1].X), trY(s[1].Y))
		}
	}
	stroke(b.beat, draw.LineStyle{Color: color.NRGBA{0x30, 0x30, 0x30, 0xc0}, Width: vg.Points(0.6), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}})
	stroke(b.hood, draw.LineStyle{Color: color.White, Width: vg.Points(3)})
	stroke(b.hood, draw.LineStyle{Color: color.Black, Width: vg.Points(1.3)})
}

// haloLabels draws labels in black over a white halo, readable on light
// and dark cells alike.
type haloLabels struct{ *plotter.Labels }

// Plot implements plot.Plotter.
func (l haloLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, text := range l.Labels.Labels {
		x, y := l.XYs[i].X, l.XYs[i].Y
		sty := l.TextStyle[i]
		halo := sty
		halo.Color = color.White
		const d = 1.2
		for _, off := range [][2]float64{{-d, 0}, {d, 0}, {0, -d}, {0, d}, {-d, -d}, {d, d}, {-d, d}, {d, -d}} {
			c.FillText(halo, vg.Point{X: trX(x) + vg.Points(off[0]), Y: trY(y) + vg.Points(off[1])}, text)
		}
		c.FillText(sty, vg.Point{X: trX(x), Y: trY(y)}, text)
	}
}

// hoodLabels names each neighborhood at the centre of its cells.
func hoodLabels(g *Grid) haloLabels {
	n := len(g.Neighborhoods)
	sx, sy, cnt := make([]float64, n), make([]float64, n), make([]int, n)
	for i, h := range g.Neighborhood {
		sx[h] += (float64(i%g.Width) + 0.5) * g.CellKm
		sy[h] += (float64(g.Height-i/g.Width) - 0.5) * g.CellKm
		cnt[h]++
	}
	var xyl plotter.XYLabels
	for h, name := range g.Neighborhoods {
		if cnt[h] == 0 {
			continue
		}
		xyl.XYs = append(xyl.XYs, plotter.XY{X: sx[h] / float64(cnt[h]), Y: sy[h] / float64(cnt[h])})
		xyl.Labels = append(xyl.Labels, name)
	}
	l, err := plotter.NewLabels(xyl)
	if err != nil {
		panic("plots: neighborhood labels: " + err.Error()) // XYLabels built above are consistent
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = fontOf(9)
		l.TextStyle[i].XAlign = draw.XCenter
		l.TextStyle[i].YAlign = draw.YCenter
		l.TextStyle[i].Color = color.Black
	}
	return haloLabels{l}
}
