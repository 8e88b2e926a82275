package plots

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample returns synthetic inputs of every chart type for three
// scenarios: smooth functions of the indices, no random numbers.
func sample() map[string]interface{ Figure() (*Figure, error) } {
	scen := []string{"baseline", "lean-60", "community-engagement"}
	vals := func(base, spread float64) [][]float64 {
		out := make([][]float64, len(scen))
		for i := range scen {
			for k := range 30 {
				out[i] = append(out[i], base*(1+0.1*float64(i))+spread*math.Sin(float64(k*7+i)))
			}
		}
		return out
	}
	g := Grid{Width: 16, Height: 12, CellKm: 0.4, Neighborhoods: []string{"Downtown", "Riverside", "Northgate", "Eastwood"}}
	for i := range g.Width * g.Height {
		c, r := i%g.Width, i/g.Width
		g.Neighborhood = append(g.Neighborhood, 2*(r/6)+c/8)
		g.Beat = append(g.Beat, 4*(r/4)+c/4)
	}
	m := &Map{Metric: "offenses", Label: "offenses", Unit: "per cell per year", Grid: g}
	for i, s := range scen {
		p := MapPanel{Scenario: s}
		for c := range g.Width * g.Height {
			p.Values = append(p.Values, float64(c%7+i)*float64(c/g.Width))
		}
		m.Panels = append(m.Panels, p)
	}
	ts := &TimeSeries{Metric: "trust", Label: "mean trust", Unit: "0 to 1", Scenarios: scen}
	cdf := &ResponseCDF{Scenarios: scen}
	for i := range scen {
		var s []DayPoint
		for d := range 120 {
			v := 0.55 + 0.02*float64(i) + 0.01*math.Sin(float64(d)/9)
			s = append(s, DayPoint{Day: d, Mean: v, Lo: v - 0.02, Hi: v + 0.02})
		}
		ts.Series = append(ts.Series, s)
	}
	for _, name := range []string{"P1 emergency", "P2 urgent", "P3 routine"} {
		pr := PriorityCDF{Name: name}
		for i := range scen {
			var c []CDFPoint
			for m := 1; m <= 20; m++ {
				c = append(c, CDFPoint{Minutes: float64(m), Share: 1 - math.Exp(-float64(m)/(2+float64(i)))})
			}
			pr.Curves = append(pr.Curves, c)
		}
		cdf.Priorities = append(cdf.Priorities, pr)
	}
	f := &Forest{Reference: scen[0], Scenarios: scen[1:], Level: 0.95}
	for k, metric := range []string{"true crime", "recorded crime", "P1 response time, 90th percentile", "mean trust"} {
		for i, s := range scen[1:] {
			d := float64(k-1) * float64(i+1)
			f.Rows = append(f.Rows, ForestRow{Metric: metric, Label: metric, Unit: "u", Scenario: s, Reference: 10, Diff: d, Lo: d - 1, Hi: d + 1.5})
		}
	}
	parts := &ResponseParts{Parts: []string{"call processing", "waiting for a free unit", "travel to the scene"}, Level: 0.95}
	act := &ActivityShares{Activities: []string{"primary", "secondary", "officer-initiated", "out of service", "arrests"}, Level: 0.95}
	hourly := &HourlyResponse{Scenarios: scen}
	for p, name := range []string{"P1 emergency", "P2 urgent", "P3 routine"} {
		pr := PriorityParts{Name: name}
		for i, s := range scen {
			means := []float64{1 + 0.5*float64(p), float64(p*p) * (1 + float64(i)), 5 + float64(p)}
			tot := means[0] + means[1] + means[2]
			pr.Bars = append(pr.Bars, PartsBar{Scenario: s, Means: means, N: 10, Total: tot, CI: &Interval{Lo: 0.95 * tot, Hi: 1.05 * tot}})
		}
		parts.Priorities = append(parts.Priorities, pr)
	}
	for i, s := range scen {
		shares := []float64{30 + 5*float64(i), 12, 4, 8, 3}
		act.Bars = append(act.Bars, ActivityBar{Scenario: s, Shares: shares, Committed: 57 + 5*float64(i), CI: &Interval{Lo: 55 + 5*float64(i), Hi: 59 + 5*float64(i)}})
	}
	for _, name := range []string{"all calls", "P1 emergency calls"} {
		pn := HourlyPanel{Name: name}
		for i := range scen {
			var l []HourPoint
			for h := range 24 {
				l = append(l, HourPoint{Hour: h, Mean: 8 + 2*float64(i) + 3*math.Sin(float64(h)/24*2*math.Pi)})
			}
			pn.Lines = append(pn.Lines, l)
		}
		hourly.Panels = append(hourly.Panels, pn)
	}
	return map[string]interface{ Figure() (*Figure, error) }{
		"response_parts": parts,
		"activity":       act,
		"hourly":         hourly,
		"distribution":   &Distribution{Metric: "p1_p90", Label: "P1 response time, 90th percentile", Unit: "minutes", Scenarios: scen, Values: vals(4, 0.5)},
		"histogram":      &Histogram{Metric: "recorded", Label: "recorded crime", Unit: "offenses per year", Scenarios: scen, Values: vals(8000, 300)},
		"series":         ts,
		"cdf":            cdf,
		"map":            m,
		"forest":         f,
	}
}

// TestFigures draws every chart type as PNG and SVG. With
// PRECINCT_ARTIFACTS set, or go test -artifacts, the files are kept for
// looking at.
func TestFigures(t *testing.T) {
	dir := os.Getenv("PRECINCT_ARTIFACTS")
	if dir == "" {
		dir = t.ArtifactDir()
	}
	for name, in := range sample() {
		fig, err := in.Figure()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var p, s bytes.Buffer
		if err := fig.WritePNG(&p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(p.Bytes()))
		if err != nil {
			t.Fatalf("%s: PNG does not decode: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
			t.Errorf("%s: PNG is %dx%d", name, b.Dx(), b.Dy())
		}
		if err := fig.WriteSVG(&s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(s.String(), "<svg") || strings.Contains(s.String(), "font-family:Liberation Sans;") {
			t.Errorf("%s: SVG without <svg> or with a font family browsers lack", name)
		}
		if n, m := strings.Count(s.String(), "<image "), strings.Count(s.String(), `<image preserveAspectRatio="none" `); n != m {
			t.Errorf("%s: %d of %d SVG images keep their aspect ratio instead of filling their rectangle", name, n-m, n)
		}
		os.WriteFile(filepath.Join(dir, name+".png"), p.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, name+".svg"), s.Bytes(), 0o644)
	}
}
