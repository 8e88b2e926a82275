package plots

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPiecesCoverEverySegmentOnce checks, on random lengths, piece sizes
// and turn functions, that the pieces of a polyline start at its first
// point and end at its last, that each starts where the one before ended,
// that none has more than size points or fewer than two (a joint chosen
// in the last half of its reach makes a piece of at least size/2+1), and
// so that every segment lies in exactly one piece.
func TestPiecesCoverEverySegmentOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(559, 687))
	cases := []struct{ n, size int }{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {4, 4}, {5, 4}, {7, 4}, {256, 256}, {257, 256}, {511, 256}, {4000, 256}}
	for range 300 {
		cases = append(cases, struct{ n, size int }{rng.IntN(3000), 4 + rng.IntN(300)})
	}
	for _, c := range cases {
		turns := make([]float64, c.n)
		for i := range turns {
			turns[i] = float64(rng.IntN(4)) // ties too
		}
		for _, turn := range []func(int) float64{nil, func(j int) float64 { return turns[j] }} {
			ps := pieces(c.n, c.size, turn)
			if c.n == 0 {
				if len(ps) != 0 {
					t.Errorf("n=0: %d pieces", len(ps))
				}
				continue
			}
			if ps[0][0] != 0 || ps[len(ps)-1][1] != c.n-1 {
				t.Errorf("n=%d size=%d: pieces run from %d to %d", c.n, c.size, ps[0][0], ps[len(ps)-1][1])
			}
			covered := make([]int, c.n)
			for k, p := range ps {
				if k > 0 && p[0] != ps[k-1][1] {
					t.Errorf("n=%d size=%d: piece %d starts at %d, the one before ended at %d", c.n, c.size, k, p[0], ps[k-1][1])
				}
				if pts := p[1] - p[0] + 1; pts > c.size || (c.n > 1 && pts < 2) || (p[1] < c.n-1 && pts < c.size/2+1) {
					t.Errorf("n=%d size=%d: piece %d has %d points", c.n, c.size, k, pts)
				}
				for i := p[0]; i < p[1]; i++ {
					covered[i]++
				}
				if turn != nil && p[1] < c.n-1 {
					for j := p[0] + c.size/2; j <= p[0]+c.size-1; j++ {
						if turns[j] < turns[p[1]] {
							t.Errorf("n=%d size=%d: piece %d ends at %d (turn %g), %d turns less (%g)", c.n, c.size, k, p[1], turns[p[1]], j, turns[j])
						}
					}
				}
			}
			for i := 0; i < c.n-1; i++ {
				if covered[i] != 1 {
					t.Errorf("n=%d size=%d: segment %d in %d pieces", c.n, c.size, i, covered[i])
				}
			}
		}
	}
}

// TestTurning checks the turn of a polyline at a point against hand
// values: straight on, a right angle, folding back, a repeated point.
func TestTurning(t *testing.T) {
	for _, c := range []struct {
		ps   []vg.Point
		want float64
	}{
		{[]vg.Point{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 3, Y: 3}}, 0},
		{[]vg.Point{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 5}}, 1},
		{[]vg.Point{{X: 0, Y: 0}, {X: 0, Y: 4}, {X: 0, Y: 1}}, 2},
		{[]vg.Point{{X: 0, Y: 0}, {X: 2, Y: 2}, {X: 2, Y: 2}}, 3},
	} {
		if got := turning(c.ps, 1); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("turning(%v) = %g, want %g", c.ps, got, c.want)
		}
	}
}

// drawPlotters returns the PNG image of a plot of the given plotters
// with fixed axes, 600 by 300 points.
func drawPlotters(t testing.TB, ps ...plot.Plotter) *image.RGBA {
	p := plot.New()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1000, -1.5, 1.5
	p.Add(ps...)
	c := vgimg.NewWith(vgimg.UseWH(vg.Points(600), vg.Points(300)), vgimg.UseDPI(PNGDPI))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

// differing counts the pixels of a and b that differ by more than tol of
// 255 in some channel.
func differing(a, b *image.RGBA, tol int) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for c := range 3 {
			if d := int(a.Pix[i+c]) - int(b.Pix[i+c]); d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

// TestPiecesLookWhole draws a dashed curve of 2,000 points and a band
// around it once in pieces and once as single paths: the pictures must
// agree but for faint seams at the joints (31 pixels differ by more than
// 16 of 255 when written; the bound is 100). A piece whose dash pattern
// started afresh instead of where the one before stopped would shift the
// dashes of the rest of the line, and a gap between the bands' polygons
// would leave a pale strip. The curve is smooth, which single paths
// still draw correctly and quickly.
func TestPiecesLookWhole(t *testing.T) {
	const n = 2000
	xy := make(plotter.XYs, n)
	x, lo, hi := make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		x[k] = float64(k) / 2
		xy[k] = plotter.XY{X: x[k], Y: math.Sin(x[k] / 60)}
		lo[k], hi[k] = xy[k].Y-0.3, xy[k].Y+0.2+0.1*math.Cos(x[k]/20)
	}
	sty := Styles(3).line(vg.Points(1.4)) // dash, gap, dot, gap
	whole, err := plotter.NewLine(xy)
	if err != nil {
		t.Fatal(err)
	}
	whole.LineStyle = sty
	poly := make(plotter.XYs, 0, 2*n)
	for k := range n {
		poly = append(poly, plotter.XY{X: x[k], Y: hi[k]})
	}
	for k := n - 1; k >= 0; k-- {
		poly = append(poly, plotter.XY{X: x[k], Y: lo[k]})
	}
	area, err := plotter.NewPolygon(poly)
	if err != nil {
		t.Fatal(err)
	}
	area.Color, area.LineStyle.Width = faded(Styles(3).Color, 0x30), 0
	split, err := newPieceLine(xy)
	if err != nil {
		t.Fatal(err)
	}
	split.LineStyle = sty
	b, err := newBand(x, lo, hi, faded(Styles(3).Color, 0x30))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pieces(n, maxPiece, nil)); got < 5 {
		t.Fatalf("%d points make only %d pieces", n, got)
	}
	want, got := drawPlotters(t, area, whole), drawPlotters(t, b, split)
	if d := differing(want, got, 16); d > 100 {
		t.Errorf("drawn in pieces, %d pixels differ from single paths by more than 16 of 255", d)
	}
}
