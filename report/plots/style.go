package plots

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is how one scenario is drawn in every chart.
type Style struct {
	Color  color.NRGBA      // lines, markers and box outlines
	Dashes []vg.Length      // line dash pattern; nil is a solid line
	Glyph  draw.GlyphDrawer // marker shape
}

// styles alternate dark, medium and light colours of distinct hues, so
// that neighbouring scenarios differ in greyscale too; dashes and marker
// shapes differ for every scenario in the list.
var styles = []Style{
	{Color: color.NRGBA{0x1f, 0x3b, 0x73, 0xff}, Glyph: draw.CircleGlyph{}},                                                    // navy
	{Color: color.NRGBA{0xe0, 0x7b, 0x00, 0xff}, Dashes: []vg.Length{vg.Points(6), vg.Points(3)}, Glyph: draw.TriangleGlyph{}}, // orange
	{Color: color.NRGBA{0x5e, 0xa9, 0xdb, 0xff}, Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}, Glyph: draw.SquareGlyph{}}, // light blue
	{Color: color.NRGBA{0x8c, 0x2d, 0x04, 0xff}, Dashes: []vg.Length{vg.Points(7), vg.Points(2), vg.Points(1.5), vg.Points(2)}, Glyph: draw.CrossGlyph{}},
	{Color: color.NRGBA{0x4d, 0xa0, 0x55, 0xff}, Dashes: []vg.Length{vg.Points(10), vg.Points(4)}, Glyph: draw.PlusGlyph{}},
	{Color: color.NRGBA{0xb0, 0x9c, 0xd8, 0xff}, Dashes: []vg.Length{vg.Points(3), vg.Points(3)}, Glyph: draw.RingGlyph{}},
}

// Styles returns the style of scenario i (0 is the first, the reference
// of a comparison). The first six are the list above; after them the
// colours repeat with another dash pattern and marker, so that the first
// 36 scenarios each have a style of their own: scenario i has colour
// i % 6 and dashes (i + i/6) % 6, and no two of them share both.
func Styles(i int) Style {
	n := len(styles)
	i %= n * n
	s := styles[i%n]
	if i >= n {
		s.Dashes = styles[(i+i/n)%n].Dashes
		s.Glyph = styles[(i+2*(i/n))%n].Glyph
	}
	return s
}

// Hex returns the style's colour as #rrggbb, for HTML.
func (s Style) Hex() string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{s.Color.R, s.Color.G, s.Color.B} {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&0xf]
	}
	return string(b)
}

// SVGDash returns the style's dash pattern as an SVG stroke-dasharray in
// points ("6 3"), or "" for a solid line, for HTML swatches.
func (s Style) SVGDash() string {
	var parts []string
	for _, d := range s.Dashes {
		parts = append(parts, strconv.FormatFloat(float64(d), 'g', 4, 64))
	}
	return strings.Join(parts, " ")
}

// faded returns c with the given opacity.
func faded(c color.NRGBA, alpha uint8) color.NRGBA {
	c.A = alpha
	return c
}

// lineStyle is the style's line of the given width.
func (s Style) line(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: s.Color, Width: width, Dashes: s.Dashes}
}

// glyph is the style's marker of the given radius.
func (s Style) glyph(radius vg.Length) draw.GlyphStyle {
	return draw.GlyphStyle{Color: s.Color, Radius: radius, Shape: s.Glyph}
}

// sans is the font of every chart: Liberation Sans, which has the metrics
// of Arial, so that SVG text laid out with it fits where a browser
// substitutes Arial or Helvetica (see fixFonts).
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with the house fonts and the given title and
// axis labels.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 10)
		a.Tick.Label.Font = font.From(sans, 9)
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks{}, ticks{}
	p.Legend.TextStyle.Font = font.From(sans, 9)
	p.Legend.ThumbnailWidth = vg.Points(28)
	return p
}

// WithUnit returns "label (unit)", or label alone when unit is empty. A
// unit that names the quantity before a parenthesis, such as "trust
// (0-1)", gives "label (0-1)" when the label already names it, and
// "label: unit" otherwise, so that no unit is written twice.
func WithUnit(label, unit string) string {
	unit = strings.TrimSpace(unit)
	switch {
	case unit == "":
		return label
	case strings.Contains(unit, "("):
		name, rest, _ := strings.Cut(unit, "(")
		if name = strings.TrimSpace(name); name == "" || strings.Contains(strings.ToLower(label), strings.ToLower(name)) {
			return label + " (" + rest
		}
		return label + ": " + unit
	}
	return label + " (" + unit + ")"
}

// wrapText breaks s at spaces into lines no wider than width in the given
// font; a word longer than width stays whole on its own line.
func wrapText(s string, f font.Font, width vg.Length) string {
	sty := text.Style{Font: f, Handler: plot.DefaultTextHandler}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			try := w
			if line != "" {
				try = line + " " + w
			}
			if line != "" && sty.Width(try) > width {
				lines = append(lines, line)
				try = w
			}
			line = try
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// flatPad returns the axis range that shows values all equal to v (or
// within a part in 1e9 of it): 5 % of |v| either side, at least 1, so
// that the axis does not run from 11,999,999 to 12,000,001.
func flatPad(v float64) (lo, hi float64) {
	pad := max(math.Abs(v)*0.05, 1)
	return v - pad, v + pad
}

// flat reports whether the finite values of vs are all equal (to a part
// in 1e9 of their size) and returns that value.
func flat(vs []float64) (float64, bool) {
	f := finite(vs)
	if len(f) == 0 {
		return 0, false
	}
	lo, hi := slices.Min(f), slices.Max(f)
	return (lo + hi) / 2, hi-lo <= 1e-9*max(math.Abs(lo), math.Abs(hi))
}

// fontOf is the house font at the given size in points.
func fontOf(size float64) font.Font { return font.From(sans, vg.Length(size)) }

// grey draws reference lines.
var grey = color.NRGBA{0x70, 0x70, 0x70, 0xff}

// ticks marks an axis where plot.DefaultTicks does, labelled with the
// fewest decimals that write every labelled tick exactly (10, not 10.00;
// 1.5, 2.5, 3.5, not 2, 2, 4) and thousands separated by commas.
type ticks struct{}

// Ticks implements plot.Ticker.
func (ticks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	var major []float64
	for _, t := range ts {
		if t.Label != "" {
			major = append(major, t.Value)
		}
	}
	decimals := tickDecimals(major)
	for i, t := range ts {
		if t.Label != "" {
			ts[i].Label = number(t.Value, decimals)
		}
	}
	return ts
}

// maxTickDecimals bounds the decimals of a tick label.
const maxTickDecimals = 12

// tickDecimals returns the fewest decimals with which every value of vs
// is written exactly: rounded to them, each value is within a part in
// 1e9 of the axis' scale of itself (the ticks of plot.DefaultTicks are
// multiples of the spacing computed in floating point, 0.30000000000000004
// for 0.3).
func tickDecimals(vs []float64) int {
	scale := 0.0
	for _, v := range vs {
		scale = max(scale, math.Abs(v))
	}
	if len(vs) > 1 {
		scale = max(scale, math.Abs(vs[1]-vs[0]))
	}
	if scale == 0 {
		return 0
	}
	tol := 1e-9 * scale
	for d := 0; d < maxTickDecimals; d++ {
		p := math.Pow(10, float64(d))
		exact := true
		for _, v := range vs {
			if math.Abs(math.Round(v*p)/p-v) > tol {
				exact = false
				break
			}
		}
		if exact {
			return d
		}
	}
	return maxTickDecimals
}

// number formats v with the given decimals and comma thousands
// separators.
func number(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if s == "-"+strconv.FormatFloat(0, 'f', decimals, 64) {
		s = s[1:]
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
