package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxPiece is the most points of a long line or band drawn as one path.
// The rasterizer behind PNG output (freetype's, under vgimg) keeps the
// cells a path covers on each scan line in a list that it walks from the
// start for every cell it adds, so the cost of one path grows with its
// length times the cells it leaves on a row: a daily line of 2,315 days
// that fills its chart took about 5 s of CPU as one path, and paths of
// several thousand segments are also known to lose parts of the line
// (gonum/plot issues 559, 645, 687). Pieces of maxPiece points each cover
// a narrow strip of the chart, which keeps every list short; 256 drew the
// daily charts of that run in a twentieth of the time, and larger pieces
// grow the cost again (512 twice as slow) for fewer joints.
const maxPiece = 256

// pieces splits the points 0 to n-1 of a polyline into consecutive
// ranges [from, to], inclusive, of at most size points each (size is at
// least 4), every range starting at the point where the one before it
// ended: each segment (i, i+1) lies in exactly one range and the ranges
// join without a gap. Each joint is the point of least turn(j) among
// the last half of the points its range could reach (the latest of
// equals; a nil turn takes the latest point). A single point is one
// range [0, 0]; no points give no range.
func pieces(n, size int, turn func(j int) float64) [][2]int {
	if n == 0 {
		return nil
	}
	if n == 1 {
		return [][2]int{{0, 0}}
	}
	var out [][2]int
	for from := 0; from < n-1; {
		to := from + size - 1
		if to >= n-1 {
			to = n - 1
		} else if turn != nil {
			best, least := to, turn(to)
			for j := to - 1; j >= from+size/2; j-- {
				if t := turn(j); t < least {
					best, least = j, t
				}
			}
			to = best
		}
		out = append(out, [2]int{from, to})
		from = to
	}
	return out
}

// turning returns how sharply the polyline through ps turns at point j
// (0 < j < len(ps)-1): 1 minus the cosine of the angle between the
// segment into j and the segment out of it, from 0 (straight on) to 2
// (folding back on itself), and 3 where either segment has no length.
// Two strokes that meet where the line folds back overlap along their
// anti-aliased edges, which shows as a pale streak inside the line, so
// joints go where the line runs most nearly straight.
func turning(ps []vg.Point, j int) float64 {
	ax, ay := float64(ps[j].X-ps[j-1].X), float64(ps[j].Y-ps[j-1].Y)
	bx, by := float64(ps[j+1].X-ps[j].X), float64(ps[j+1].Y-ps[j].Y)
	la, lb := math.Hypot(ax, ay), math.Hypot(bx, by)
	if la == 0 || lb == 0 {
		return 3
	}
	return 1 - (ax*bx+ay*by)/(la*lb)
}

// pieceLine is a plotter.Line drawn as consecutive pieces of at most
// maxPiece points (see pieces), joined where the line turns least, each
// piece's dash pattern taking up
// where the one before it stopped, so that it looks like one line. It
// draws neither a fill nor steps: its Line has no FillColor and
// StepStyle NoStep.
type pieceLine struct {
	*plotter.Line
}

// newPieceLine returns a pieceLine through pts, checked as
// plotter.NewLine checks them.
func newPieceLine(pts plotter.XYs) (pieceLine, error) {
	l, err := plotter.NewLine(pts)
	return pieceLine{l}, err
}

// Plot implements plot.Plotter.
func (l pieceLine) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	ps := make([]vg.Point, len(l.XYs))
	for i, p := range l.XYs {
		ps[i] = vg.Point{X: trX(p.X), Y: trY(p.Y)}
	}
	for _, line := range c.ClipLinesXY(ps) {
		sty := l.LineStyle
		turn := func(j int) float64 { return turning(line, j) }
		for _, r := range pieces(len(line), maxPiece, turn) {
			part := line[r[0] : r[1]+1]
			c.StrokeLines(sty, part)
			sty.DashOffs += pathLength(part)
		}
	}
}

// pathLength is the length of the polyline through ps.
func pathLength(ps []vg.Point) vg.Length {
	var s vg.Length
	for i := 1; i < len(ps); i++ {
		s += vg.Length(math.Hypot(float64(ps[i].X-ps[i-1].X), float64(ps[i].Y-ps[i-1].Y)))
	}
	return s
}

// band is the area between a lower and an upper curve over the same x
// values, in increasing order, filled in one colour as consecutive
// polygons of at most maxPiece points along x (see pieces), each sharing
// its left edge with the right edge of the one before.
type band struct {
	X, Lo, Hi []float64
	Color     color.Color
}

// newBand returns the band between lo and hi over x, three slices of
// the same length, or an error if a value is not finite.
func newBand(x, lo, hi []float64, c color.Color) (*band, error) {
	for _, vs := range [][]float64{x, lo, hi} {
		if err := plotter.CheckFloats(vs...); err != nil {
			return nil, err
		}
	}
	return &band{X: x, Lo: lo, Hi: hi, Color: c}, nil
}

// Plot implements plot.Plotter.
func (b *band) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, r := range pieces(len(b.X), maxPiece, nil) {
		poly := make([]vg.Point, 0, 2*(r[1]-r[0]+1))
		for k := r[0]; k <= r[1]; k++ {
			poly = append(poly, vg.Point{X: trX(b.X[k]), Y: trY(b.Hi[k])})
		}
		for k := r[1]; k >= r[0]; k-- {
			poly = append(poly, vg.Point{X: trX(b.X[k]), Y: trY(b.Lo[k])})
		}
		if poly = c.ClipPolygonXY(poly); len(poly) > 0 {
			c.FillPolygon(b.Color, poly)
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for k, x := range b.X {
		xmin, xmax = min(xmin, x), max(xmax, x)
		ymin, ymax = min(ymin, b.Lo[k], b.Hi[k]), max(ymax, b.Lo[k], b.Hi[k])
	}
	return xmin, xmax, ymin, ymax
}
