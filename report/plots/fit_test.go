package plots

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// placedText is a string drawn on a figure: its two ends, in points.
type placedText struct {
	s       string
	x0, y0  float64
	x1, y1  float64
	rotated bool
}

// texts draws f on a recording canvas and returns every string drawn,
// with where it starts and ends after the translations and rotations in
// force.
func texts(t *testing.T, f *Figure) []placedText {
	t.Helper()
	rec := &recorder.Canvas{}
	if err := f.render(draw.NewCanvas(rec, f.Width, f.Height)); err != nil {
		t.Fatal(err)
	}
	type affine struct{ a, b, c, d, e, f float64 } // x' = a x + c y + e, y' = b x + d y + f
	cur := affine{1, 0, 0, 1, 0, 0}
	var stack []affine
	apply := func(m affine, x, y float64) (float64, float64) { return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f }
	var out []placedText
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.Push:
			stack = append(stack, cur)
		case *recorder.Pop:
			cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case *recorder.Translate:
			cur.e, cur.f = apply(cur, float64(a.Point.X), float64(a.Point.Y))
		case *recorder.Rotate:
			s, c := math.Sin(a.Angle), math.Cos(a.Angle)
			cur.a, cur.b, cur.c, cur.d = cur.a*c+cur.c*s, cur.b*c+cur.d*s, -cur.a*s+cur.c*c, -cur.b*s+cur.d*c
		case *recorder.Scale:
			cur.a, cur.b, cur.c, cur.d = cur.a*a.X, cur.b*a.X, cur.c*a.Y, cur.d*a.Y
		case *recorder.FillString:
			face := font.DefaultCache.Lookup(a.Font, a.Size)
			w := float64(face.Width(a.String))
			x, y := float64(a.Point.X), float64(a.Point.Y)
			x0, y0 := apply(cur, x, y)
			x1, y1 := apply(cur, x+w, y)
			out = append(out, placedText{s: a.String, x0: x0, y0: y0, x1: x1, y1: y1, rotated: math.Abs(cur.b) > 0.5})
		}
	}
	return out
}

// checkInside fails for every string of f that runs past the figure's
// edge.
func checkInside(t *testing.T, name string, f *Figure) {
	t.Helper()
	W, H := float64(f.Width), float64(f.Height)
	const slack = 0.5
	for _, p := range texts(t, f) {
		for _, pt := range [][2]float64{{p.x0, p.y0}, {p.x1, p.y1}} {
			if pt[0] < -slack || pt[0] > W+slack || pt[1] < -slack || pt[1] > H+slack {
				t.Errorf("%s: text %q runs from (%.0f, %.0f) to (%.0f, %.0f), outside the %.0f x %.0f figure", name, p.s, p.x0, p.y0, p.x1, p.y1, W, H)
				break
			}
		}
	}
}

// TestTextInsideFigures draws every chart type with the longest labels
// the report gives them and checks that no title, axis label or tick
// label is cut at the edge ("ap of trust in police at the end (...
// per neighborhoo" in issue 13).
func TestTextInsideFigures(t *testing.T) {
	long := "trust in police at the end, averaged over the residents of each neighborhood"
	for name, in := range sample() {
		switch c := in.(type) {
		case *Map:
			c.Label, c.Unit = "trust in police at the end", "0 = none, 1 = full, per neighborhood"
		case *Distribution:
			c.Label, c.Unit = long, "trust (0-1)"
		case *Histogram:
			c.Label = long
		case *TimeSeries:
			c.Label = long
		}
		f, err := in.Figure()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkInside(t, name, f)
	}
}

// TestWithUnit checks that a unit is not written twice.
func TestWithUnit(t *testing.T) {
	for _, c := range []struct{ label, unit, want string }{
		{"trust at the end", "trust (0-1)", "trust at the end (0-1)"},
		{"cost", "money", "cost (money)"},
		{"offenses", "", "offenses"},
		{"stops", "rate (per 1,000)", "stops: rate (per 1,000)"},
	} {
		if got := WithUnit(c.label, c.unit); got != c.want {
			t.Errorf("WithUnit(%q, %q) = %q, want %q", c.label, c.unit, got, c.want)
		}
	}
}

// TestFlatSeriesAxis checks that a quantity equal in every run is drawn
// on an axis around it, not on one a millionth of it wide.
func TestFlatSeriesAxis(t *testing.T) {
	d := &Distribution{Metric: "cost_total", Label: "cost", Unit: "USD", Scenarios: []string{"a"}, Values: [][]float64{{12e6, 12e6, 12e6}}}
	f, err := d.Figure()
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, p := range texts(t, f) {
		labels = append(labels, p.s)
	}
	all := strings.Join(labels, " | ")
	if strings.Contains(all, "11,999,999") || strings.Contains(all, "12,000,001") || !strings.Contains(all, "the same in all 3 runs") {
		t.Errorf("flat series drawn as %s", all)
	}
}

// TestStylesDistinct checks that the first 36 scenarios each have a
// style of their own (colour and dash pattern), so that a comparison of
// more than six scenarios does not draw two of them alike.
func TestStylesDistinct(t *testing.T) {
	seen := map[string]int{}
	for i := range 36 {
		st := Styles(i)
		k := st.Hex() + "/" + st.SVGDash()
		if j, ok := seen[k]; ok {
			t.Fatalf("scenarios %d and %d are both drawn %s", j, i, k)
		}
		seen[k] = i
	}
}

// TestLegendsClearOfData draws charts of twelve scenarios and checks
// that every legend entry lies to the right of the axes, where it covers
// no data (issue 13: legends inside the axes covered the lines of many
// scenarios).
func TestLegendsClearOfData(t *testing.T) {
	var scen []string
	for i := range 12 {
		scen = append(scen, fmt.Sprintf("scenario-%02d", i))
	}
	ts := &TimeSeries{Metric: "trust", Label: "mean trust", Unit: "0 to 1", Scenarios: scen}
	h := &Histogram{Metric: "x", Label: "x", Scenarios: scen}
	for i := range scen {
		var s []DayPoint
		var v []float64
		for d := range 60 {
			m := 0.5 + 0.01*float64(i) + 0.02*math.Sin(float64(d)/7)
			s = append(s, DayPoint{Day: d, Mean: m, Lo: m - 0.01, Hi: m + 0.01})
			v = append(v, m)
		}
		ts.Series = append(ts.Series, s)
		h.Values = append(h.Values, v)
	}
	// The axes take the plot's own width (600 and 480 points); the legend
	// must start to the right of it.
	for name, c := range map[string]struct {
		in    interface{ Figure() (*Figure, error) }
		plotW float64
	}{"series": {ts, 600}, "histogram": {h, 480}} {
		f, err := c.in.Figure()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range texts(t, f) {
			if strings.HasPrefix(p.s, "scenario-") && p.x0 < c.plotW {
				t.Errorf("%s: legend entry %q starts at x %.0f, inside the axes (which end at %.0f)", name, p.s, p.x0, c.plotW)
			}
		}
		checkInside(t, name, f)
	}
}
