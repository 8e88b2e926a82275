package report

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/study"
)

// TestWorkloadCharts checks the inputs of the workload charts against
// the runs they come from: each response bar adds up its parts, each
// activity bar's shares add up to the committed share, and the response
// by hour has every hour of both groups.
func TestWorkloadCharts(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 3, 4, 6)
	parts := workloadParts(res)
	if parts == nil || len(parts.Priorities) != 3 {
		t.Fatalf("response parts %+v, want 3 priorities", parts)
	}
	for _, pr := range parts.Priorities {
		if len(pr.Bars) != 3 {
			t.Errorf("%s: %d bars, want 3", pr.Name, len(pr.Bars))
		}
		for _, b := range pr.Bars {
			sum := b.Means[0] + b.Means[1] + b.Means[2]
			if b.N != 4 || math.Abs(sum-b.Total) > 1e-9 || b.CI == nil || !(b.CI.Lo <= b.Total && b.Total <= b.CI.Hi) {
				t.Errorf("%s, %s: n %d, parts add to %g, total %g, interval %+v", pr.Name, b.Scenario, b.N, sum, b.Total, b.CI)
			}
		}
	}
	// P3 waits longest in the made-up numbers: its queue is the larger part.
	if q1, q3 := parts.Priorities[0].Bars[0].Means[1], parts.Priorities[2].Bars[0].Means[1]; !(q3 > 10*q1) {
		t.Errorf("queue P1 %g, P3 %g: parts in the wrong order", q1, q3)
	}
	act := activityShares(res)
	if act == nil || len(act.Bars) != 3 || len(act.Activities) != len(activities) {
		t.Fatalf("activity shares %+v", act)
	}
	for i, b := range act.Bars {
		sum := 0.0
		for _, v := range b.Shares {
			sum += v
		}
		want, _ := res.mean(res.names()[i], "committed_share")
		if math.Abs(sum-b.Committed) > 1e-9 || math.Abs(b.Committed-100*want) > 1e-9 || b.CI == nil {
			t.Errorf("%s: shares add to %g, committed %g, want %g (interval %+v)", b.Scenario, sum, b.Committed, 100*want, b.CI)
		}
		if !(b.Shares[0] > b.Shares[1] && b.Shares[1] > b.Shares[4]) {
			t.Errorf("%s: shares %v, want primary > secondary > arrests as in the hours", b.Scenario, b.Shares)
		}
	}
	h := hourlyResponse(res)
	if h == nil || len(h.Panels) != 2 {
		t.Fatalf("hourly %+v, want all calls and P1", h)
	}
	for _, pn := range h.Panels {
		for s, l := range pn.Lines {
			if len(l) != 24 || l[0].Hour != 0 || l[23].Hour != 23 {
				t.Errorf("%s, scenario %d: %d hours", pn.Name, s, len(l))
			}
		}
	}
	tab := workloadTable(res)
	if tab == nil || len(tab.Rows) != 3 || len(tab.Cols) != 6 {
		t.Fatalf("table %+v, want 3 rows of 6 columns", tab)
	}
	want := 0.0
	for _, k := range partKeys(1) {
		m, _ := res.mean(res.names()[0], k)
		want += m
	}
	if c := tab.Rows[0].Cells[0]; c.Mean != formatValue(want, "minutes") || strings.Count(c.Parts, " + ") != 2 || c.CI == "" {
		t.Errorf("P1 cell %+v, want a mean of %.2f (the sum of the parts' means), its parts and interval", c, want)
	}
}

// TestWorkloadSection checks the workload section of the report: charts
// and table for a comparison, the table alone for a 48-point sweep, and
// no section for outputs without the workload columns.
func TestWorkloadSection(t *testing.T) {
	for _, c := range []struct {
		name         string
		n            int
		prepare      func(*Results)
		charts, rows int
		wantSection  bool
	}{
		{"compare", 3, func(*Results) {}, 3, 3, true},
		{"sweep", 48, asSweep, 0, 48, true},
		{"no workload columns", 2, stripWorkload, 0, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := synthetic(t, t.TempDir(), smallWorld, c.n, 4, 6)
			c.prepare(res)
			path, charts := writeReport(t, res)
			n := 0
			for _, ch := range charts {
				if ch.Section == "workload" {
					n++
				}
			}
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			html := string(page)
			if n != c.charts || strings.Contains(html, `<section id="workload"`) != c.wantSection {
				t.Errorf("%d workload charts (want %d), section %v (want %v)", n, c.charts, !c.wantSection, c.wantSection)
			}
			if c.wantSection {
				sec := html[strings.Index(html, `<section id="workload"`):]
				sec = sec[:strings.Index(sec, "</section>")]
				if got := strings.Count(sec, `<tr><th scope="row">`); got != c.rows {
					t.Errorf("workload table has %d rows, want %d", got, c.rows)
				}
				upc, _ := res.label("units_per_call")
				cross, _ := res.label("cross_beat_share")
				for _, want := range []string{"P1 emergency, mean response", upc, cross} {
					if !strings.Contains(sec, want) {
						t.Errorf("workload section lacks %q", want)
					}
				}
			}
		})
	}
}

// stripWorkload removes the workload columns from runs.csv and
// summary.json, as in an output directory of an earlier version.
func stripWorkload(res *Results) {
	workload := func(k string) bool {
		return strings.Contains(k, "_mean_h") || strings.HasPrefix(k, "hours_") || strings.HasSuffix(k, "_processing_mean") ||
			strings.HasSuffix(k, "_queue_mean") || strings.HasSuffix(k, "_travel_mean") ||
			slices.Contains([]string{"committed_share", "units_per_call", "cross_beat_share"}, k)
	}
	runs := res.Output.Runs
	var keep []int
	var metrics []string
	for i, k := range runs.Metrics {
		if !workload(k) {
			keep, metrics = append(keep, i), append(metrics, k)
		}
	}
	for r := range runs.Rows {
		var vs []float64
		for _, i := range keep {
			vs = append(vs, runs.Rows[r].Values[i])
		}
		runs.Rows[r].Values = vs
	}
	runs.Metrics = metrics
	sum := res.Output.Summary
	sum.Metrics = slices.DeleteFunc(sum.Metrics, func(m study.MetricInfo) bool { return workload(m.Key) })
	for i := range sum.Scenarios {
		sum.Scenarios[i].Metrics = slices.DeleteFunc(sum.Scenarios[i].Metrics, func(s study.Stats) bool { return workload(s.Metric) })
	}
	for i := range sum.Comparisons {
		sum.Comparisons[i].Metrics = slices.DeleteFunc(sum.Comparisons[i].Metrics, func(p study.Paired) bool { return workload(p.Metric) })
	}
}
