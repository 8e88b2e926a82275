package report

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/study"
)

// asSweep turns synthetic results into those of a sweep over a grid of
// staffing.headcount (3 values) x staffing.pattern (2 values) x a
// hypercube of engagement.intensity (n/6 samples), like the README's
// 48-point sweep.
func asSweep(res *Results) {
	keys := []string{"staffing.headcount", "staffing.pattern", "engagement.intensity"}
	man := res.Output.Manifest
	man.Command, res.Output.Summary.Command = "sweep", "sweep"
	man.VariantKeys, res.Output.Runs.VariantKeys = keys, keys
	samples := len(man.Scenarios) / 6
	vals := make(map[string][]string)
	for i := range man.Scenarios {
		v := []string{fmt.Sprint(60 + 20*(i/(2*samples))), []string{"8x3", "12x2"}[(i/samples)%2], fmt.Sprintf("%.3f", 0.05*float64(i%samples)+0.01)}
		man.Scenarios[i].Ref = "roster-study.toml"
		man.Scenarios[i].Variant = []study.Setting{{Key: keys[0], Value: v[0]}, {Key: keys[1], Value: v[1]}, {Key: keys[2], Value: v[2]}}
		vals[man.Scenarios[i].Name] = v
	}
	for i := range res.Output.Runs.Rows {
		res.Output.Runs.Rows[i].Variant = vals[res.Output.Runs.Rows[i].Scenario]
	}
}

// TestManyScenariosReport draws a 48-point sweep: one dose-response
// chart per swept key, no chart with a box, line or panel per point, a
// table of every point, a title of at most maxTitle characters and a
// report of sane size (7.3 MB and a screenful of title in issue 13).
func TestManyScenariosReport(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 48, 4, 10)
	asSweep(res)
	c, err := NewCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Dose) != 3 || len(c.Distributions)+len(c.Series)+len(c.Maps) != 0 || c.Forest != nil || c.Response != nil || c.Histogram != nil {
		t.Fatalf("%d dose-response charts (want 3), %d distributions, %d series, %d maps, forest %v, response %v (want none)",
			len(c.Dose), len(c.Distributions), len(c.Series), len(c.Maps), c.Forest != nil, c.Response != nil)
	}
	for _, d := range c.Dose {
		want := map[string]int{"staffing.headcount": 2, "staffing.pattern": 3, "engagement.intensity": 6}[d.Key]
		if len(d.Groups) != want {
			t.Errorf("dose-response of %s: %d groups %v, want %d", d.Key, len(d.Groups), d.Groups, want)
		}
		for _, o := range d.Outcomes {
			if len(o.Points) != 48 {
				t.Errorf("dose-response of %s, %s: %d points, want 48", d.Key, o.Metric, len(o.Points))
			}
		}
	}
	path, charts := writeReport(t, res)
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report.html of a 48-point sweep: %d bytes, %d charts", len(page), len(charts))
	if len(page) > 2_000_000 {
		t.Errorf("report.html is %d bytes, want under 2 MB", len(page))
	}
	title := regexp.MustCompile(`<h1 id="top">([^<]*)</h1>`).FindSubmatch(page)
	if title == nil || len(title[1]) > maxTitle {
		t.Errorf("title %q, want at most %d characters", title, maxTitle)
	}
	if n := strings.Count(string(page), "<tr><th scope=\"row\" title=\"plan-"); n != 48 {
		t.Errorf("table of points has %d rows, want 48", n)
	}
	if !strings.Contains(string(page), `<section id="dose"`) {
		t.Error("no dose-response section")
	}
}

// TestVaryReport: a --vary comparison of three values keeps every
// per-scenario chart and adds the dose-response chart.
func TestVaryReport(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 3, 4, 10)
	c, err := NewCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Dose) != 1 || c.Dose[0].Key != "staffing.headcount" || !c.Dose[0].Numeric || len(c.Distributions) == 0 || len(c.Maps) == 0 {
		t.Errorf("dose %d, distributions %d, maps %d", len(c.Dose), len(c.Distributions), len(c.Maps))
	}
}

// TestReportIntervalsNotBelowZero checks that the report writes no
// interval of a mean below zero and no "-0.0" (issue 13 item 12: "[-0.000,
// 0.001]" for a queue delay).
func TestReportIntervalsNotBelowZero(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 2, 4, 10)
	for i := range res.Output.Summary.Scenarios {
		for k := range res.Output.Summary.Scenarios[i].Metrics {
			st := &res.Output.Summary.Scenarios[i].Metrics[k]
			if st.Metric == "utilization" {
				m := 0.0001
				st.Mean, st.CI = &m, &study.Interval{Lo: -0.0003, Hi: 0.0005}
			}
		}
	}
	cell := statCell(res, res.names()[0], "utilization")
	if strings.Contains(cell.CI, "-") || strings.Contains(cell.Mean, "-") {
		t.Errorf("utilization %q, interval %q", cell.Mean, cell.CI)
	}
	if got := formatValue(-0.0001, "minutes"); got != "0.00" {
		t.Errorf("formatValue(-0.0001) = %q, want 0.00", got)
	}
	// A difference too small for the usual digits is still written as
	// not zero, as its verdict says.
	for _, c := range []struct {
		v          float64
		unit, want string
	}{{0.0004, "minutes", "+0.0004"}, {0.00002, "share", "+0.002 points"}, {-0.003, "minutes", "-0.003"}} {
		if got := signed(c.v, c.unit); got != c.want {
			t.Errorf("signed(%v, %s) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}
