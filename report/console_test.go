package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/precinct-sim/precinct/study"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 54848: "54,848", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	var tb table
	tb.row("Label", "n", "share")
	tb.row("  a longer label", "1,234", "5.0%")
	var b strings.Builder
	tb.write(&b)
	want := "Label                 n  share\n" +
		"  a longer label  1,234   5.0%\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

// consoleSummary is a summary of n scenarios of reps replicates over
// the real metric table, with made-up statistics: means of 0 with
// intervals around them for the queue delay, a tiny distinguishable
// difference in utilization, and large values elsewhere.
func consoleSummary(n, reps int) *study.Summary {
	sum := &study.Summary{Command: "compare", Reps: reps, Confidence: 0.95}
	for _, m := range study.Metrics {
		sum.Metrics = append(sum.Metrics, study.MetricInfo{Key: m.Key, Label: m.Label, Unit: m.Unit})
	}
	for i := range n {
		ss := study.ScenarioSummary{Name: fmt.Sprintf("scenario-%d", i), Replicates: reps}
		for k, m := range study.Metrics {
			mean := 1000 * float64(k%7+1)
			lo, hi := 0.9*mean, 1.1*mean
			if m.Unit == "share" {
				mean, lo, hi = 0.5, 0.45, 0.55
			}
			if m.Key == "queue_delay_mean" {
				mean, lo, hi = 0.0002, -0.0004, 0.0008
			}
			q := &study.Quantiles{P5: lo, P50: mean, P95: hi}
			ss.Metrics = append(ss.Metrics, study.Stats{Metric: m.Key, N: reps, Mean: &mean, CI: &study.Interval{Lo: lo, Hi: hi}, Quantiles: q})
		}
		sum.Scenarios = append(sum.Scenarios, ss)
		if i == 0 {
			continue
		}
		c := study.Comparison{Scenario: ss.Name, Baseline: "scenario-0"}
		for k, m := range study.Metrics {
			d := 0.01 * *ss.Metrics[k].Mean
			lo, hi := 0.5*d, 1.5*d
			if m.Key == "utilization" {
				d, lo, hi = 0.00004, 0.00001, 0.00007
			}
			c.Metrics = append(c.Metrics, study.Paired{Metric: m.Key, N: reps, Diff: &d, CI: &study.Interval{Lo: lo, Hi: hi}, Distinguishable: true})
		}
		sum.Comparisons = append(sum.Comparisons, c)
	}
	return sum
}

// TestConsoleStudy checks the console summaries of issue 13 item 12:
// every line within MaxColumns, no interval of a mean below zero, a
// starred difference never printed as zero, and "1 replicate".
func TestConsoleStudy(t *testing.T) {
	for _, c := range []struct {
		name    string
		n, reps int
		command string
	}{{"one", 1, 1, "run"}, {"four", 4, 10, "compare"}, {"sweep", 12, 10, "sweep"}} {
		t.Run(c.name, func(t *testing.T) {
			sum := consoleSummary(c.n, c.reps)
			sum.Command = c.command
			var b strings.Builder
			if err := WriteStudy(&b, sum); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for i, line := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(line); n > MaxColumns {
					t.Errorf("line %d is %d columns: %q", i+1, n, line)
				}
				if strings.Contains(line, "[-") {
					t.Errorf("line %d: interval of a mean below zero: %q", i+1, line)
				}
				if f := strings.Fields(line); len(f) > 3 && f[len(f)-1] == "*" && isZero(f[len(f)-3]) {
					t.Errorf("line %d: a starred difference printed as zero: %q", i+1, line)
				}
			}
			if c.reps == 1 && (strings.Contains(out, "1 replicates") || !strings.Contains(out, "1 replicate,")) {
				t.Errorf("replicate count: %s", strings.SplitN(out, "\n", 2)[0])
			}
		})
	}
}

// TestWrappedProse checks that a long prose line wraps at a space with
// an indent and a table row within the width is left alone.
func TestWrappedProse(t *testing.T) {
	var b strings.Builder
	ew := &errWriter{w: &b}
	long := strings.Repeat("word ", 40)
	ew.printf("%s\nshort\n", long)
	if err := ew.flush(); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if len(line) > MaxColumns {
			t.Errorf("line of %d columns: %q", len(line), line)
		}
	}
	if !strings.HasSuffix(b.String(), "\nshort\n") || !strings.Contains(b.String(), "\n  word") {
		t.Errorf("wrapped:\n%s", b.String())
	}
}

// TestTableFitsLabels checks that a table whose narrowest part (its
// fixed columns and one group) is wider than MaxColumns wraps its first
// column onto rows of its own, so that no line is longer than
// MaxColumns and no word of a label is lost, while a table that fits is
// left as it is.
func TestTableFitsLabels(t *testing.T) {
	long := "Knox ratio, burglary, 0-200 m, 0-14 days, against the permutations"
	for _, tc := range []struct {
		name    string
		cell    int // width of each value cell
		wrapped bool
	}{
		{"fits", 5, false},
		{"too wide", 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := table{fixed: 3, group: 2}
			v := strings.Repeat("9", tc.cell)
			tb.row("Metric", "unit", "A", "B", "B - A")
			tb.row(long, "ratio", v, v, v)
			tb.row("calls received", "calls", v, v, v)
			var b strings.Builder
			tb.write(&b)
			lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
			for _, l := range lines {
				if n := utf8.RuneCountInString(l); n > MaxColumns && tc.wrapped {
					t.Errorf("line of %d columns: %q", n, l)
				}
			}
			if got := len(lines) > 3; got != tc.wrapped {
				t.Errorf("%d lines, wrapped %v, want wrapped %v:\n%s", len(lines), got, tc.wrapped, b.String())
			}
			words := strings.Fields(b.String())
			for _, w := range strings.Fields(long) {
				if !slices.Contains(words, w) {
					t.Errorf("label word %q lost:\n%s", w, b.String())
				}
			}
		})
	}
}
