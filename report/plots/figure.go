package plots

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PNGDPI is the resolution of PNG output, in dots per inch.
const PNGDPI = 144

// Figure is a drawn chart of a given size, ready to be written as PNG or
// SVG. Build one with the Figure method of an input type.
type Figure struct {
	Width, Height vg.Length
	draw          func(draw.Canvas)
}

// single returns a figure of one plot, its title and axis labels
// wrapped to fit.
func single(p *plot.Plot, w, h vg.Length) *Figure {
	fitLabels(p, w, h)
	return &Figure{Width: w, Height: h, draw: p.Draw}
}

// beside returns a figure of plot p, w wide and h high, with p's legend
// moved out of the axes into a column to the right, where it can cover
// no data. A plot without legend entries is drawn alone.
func beside(p *plot.Plot, w, h vg.Length) *Figure {
	leg, legW := takeLegend(p)
	if legW == 0 {
		return single(p, w, h)
	}
	fitLabels(p, w, h)
	return &Figure{Width: w + legW, Height: h, draw: func(c draw.Canvas) {
		area := c
		area.Max.X -= legW
		p.Draw(area)
		side := c
		side.Min.X = area.Max.X + vg.Points(8)
		side.Max.Y -= vg.Points(30)
		leg.Draw(side)
	}}
}

// takeLegend removes p's legend and returns it set to be drawn from the
// top left of a column, with the width of that column (0 when the legend
// is empty).
func takeLegend(p *plot.Plot) (plot.Legend, vg.Length) {
	leg := p.Legend
	p.Legend = plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.XOffs, leg.YOffs = 0, 0
	r := leg.Rectangle(draw.Canvas{})
	if r.Max.Y-r.Min.Y == 0 {
		return leg, 0
	}
	return leg, r.Max.X - r.Min.X + vg.Points(20)
}

// fitLabels wraps the title and axis labels of p, a plot drawn w wide and
// h high, so that none runs past the edge of the figure.
func fitLabels(p *plot.Plot, w, h vg.Length) {
	p.Title.Text = wrapText(p.Title.Text, p.Title.TextStyle.Font, w-vg.Points(16))
	p.X.Label.Text = wrapText(p.X.Label.Text, p.X.Label.TextStyle.Font, w-vg.Points(60))
	p.Y.Label.Text = wrapText(p.Y.Label.Text, p.Y.Label.TextStyle.Font, h-vg.Points(60))
}

// row returns a figure of plots side by side under a title, their axes
// aligned, and the first plot's legend in a column to the right (the
// plots share their legend; the others' are dropped).
func row(title string, ps []*plot.Plot, w, h vg.Length) *Figure {
	leg, legW := takeLegend(ps[0])
	for _, p := range ps {
		fitLabels(p, w/vg.Length(len(ps)), h)
		p.Legend = plot.NewLegend()
	}
	return &Figure{Width: w + legW, Height: h, draw: func(c draw.Canvas) {
		c = figureTitle(c, title)
		area := c
		area.Max.X -= legW
		t := draw.Tiles{Rows: 1, Cols: len(ps), PadX: vg.Points(8), PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
		cs := plot.Align([][]*plot.Plot{ps}, t, area)
		for i, p := range ps {
			p.Draw(cs[0][i])
		}
		if legW > 0 {
			side := c
			side.Min.X = area.Max.X + vg.Points(8)
			side.Max.Y -= vg.Points(24)
			leg.Draw(side)
		}
	}}
}

// WritePNG writes the figure as a PNG image at PNGDPI.
func (f *Figure) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(PNGDPI))
	if err := f.render(draw.New(c)); err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return fmt.Errorf("writing PNG: %w", err)
	}
	return nil
}

// WriteSVG writes the figure as an SVG document. Text names the font
// family with fallbacks of the same metrics (see fixFonts); images such
// as heat maps are embedded as PNG data.
func (f *Figure) WriteSVG(w io.Writer) error {
	c := vgsvg.New(f.Width, f.Height)
	if err := f.render(draw.New(c)); err != nil {
		return err
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return fmt.Errorf("writing SVG: %w", err)
	}
	if _, err := io.WriteString(w, fixFonts(b.String())); err != nil {
		return fmt.Errorf("writing SVG: %w", err)
	}
	return nil
}

// render draws the figure, turning a panic of the plotting library (which
// it raises on data it cannot draw) into an error.
func (f *Figure) render(c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing figure: %v", r)
		}
	}()
	f.draw(c)
	return nil
}

// fixFonts lets a browser without Liberation Sans use a font of the same
// metrics (Arial, Helvetica) rather than its default serif font, so that
// labels keep the width the layout gave them. Embedding the font instead
// would add hundreds of kilobytes to every SVG. Images are also labelled
// with their true type (the SVG writer calls embedded PNG data JPEG) and
// stretched to their rectangle as in PNG output: SVG's default keeps an
// image's aspect ratio, which letterboxes a heat map in a non-square plot
// and shrinks a colour bar to a line.
func fixFonts(svg string) string {
	svg = strings.ReplaceAll(svg, "font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
	svg = strings.ReplaceAll(svg, "<image ", `<image preserveAspectRatio="none" `)
	return strings.ReplaceAll(svg, "data:image/jpg;base64,", "data:image/png;base64,")
}
