package report

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/study"
)

// TestErlangC checks the textbook values: one server at rho has P(wait)
// = rho; two servers at 0.5 give 1/3; ten at 0.9 give 0.6687.
func TestErlangC(t *testing.T) {
	for _, c := range []struct {
		c         int
		rho, want float64
	}{{1, 0.5, 0.5}, {1, 0.8, 0.8}, {2, 0.5, 1.0 / 3}, {10, 0.9, 0.66870}, {20, 0.27, 0}, {5, 1.2, 1}} {
		if got := erlangC(c.c, c.rho); math.Abs(got-c.want) > 5e-5 {
			t.Errorf("erlangC(%d, %v) = %.5f, want %.5f", c.c, c.rho, got, c.want)
		}
	}
}

// TestReportStatementsFromData checks that the report's statements come
// from the data: the run length is the scenarios' own (not "one possible
// year" on a 30-day run), the glossary gives Erlang C at the measured
// utilization beside the measured share of calls that waited (not "calls
// start to wait above about 80 %"), and the tables and charts carry
// calls waiting and queue delay.
func TestReportStatementsFromData(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 2, 4, 30)
	out := res.Output
	out.Runs.Metrics = append(out.Runs.Metrics, "waited_share", "queue_delay_mean")
	for _, k := range []string{"waited_share", "queue_delay_mean"} {
		unit := map[string]string{"waited_share": "share", "queue_delay_mean": "minutes"}[k]
		out.Summary.Metrics = append(out.Summary.Metrics, study.MetricInfo{Key: k, Label: k, Unit: unit})
	}
	for i := range out.Runs.Rows {
		out.Runs.Rows[i].Values = append(out.Runs.Rows[i].Values, 0.087, 1.5)
	}
	for i := range out.Summary.Scenarios {
		w, q := 0.087, 1.5
		out.Summary.Scenarios[i].Metrics = append(out.Summary.Scenarios[i].Metrics,
			study.Stats{Metric: "waited_share", N: 4, Mean: &w, CI: &study.Interval{Lo: 0.08, Hi: 0.09}},
			study.Stats{Metric: "queue_delay_mean", N: 4, Mean: &q, CI: &study.Interval{Lo: 1.4, Hi: 1.6}})
	}
	path, charts := writeReport(t, res)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"one possible year", "Above about 80 %"} {
		if strings.Contains(page, bad) {
			t.Errorf("report says %q", bad)
		}
	}
	for _, want := range []string{"the 30 measured days", "An Erlang C queue with", "measured 8.7 %", "waited_share", "queue_delay_mean"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	var names []string
	for _, c := range charts {
		names = append(names, c.Name)
	}
	for _, want := range []string{"spread_waited_share", "spread_queue_delay_mean"} {
		if !slices.Contains(names, want) {
			t.Errorf("no chart %s among %v", want, names)
		}
	}
}
