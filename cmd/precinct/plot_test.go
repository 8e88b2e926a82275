package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// smallStudy runs two short scenarios of the feedback fixture (hot-spot
// and random patrol) three times each into a temporary output directory.
func smallStudy(t *testing.T) string {
	t.Helper()
	var specs []study.Spec
	for _, strategy := range []string{"hotspot", "random"} {
		sets := []string{"days=20", "patrol.strategy=" + strategy}
		s, err := scenarios.Load(filepath.Join(fixtures, "scenarios", "good", "feedback.toml"), sets)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, study.Spec{Name: strategy, Ref: "feedback.toml", Overrides: sets, Variant: []study.Setting{{Key: "patrol.strategy", Value: strategy}}, Scenario: s})
	}
	st, err := study.NewStudy("compare", 3, []string{"patrol.strategy"}, specs)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := st.Execute(context.Background(), dir, study.Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPlot(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	dir := smallStudy(t)
	code, _, stderr := cli(t, "plot", dir, "--metric", "mean_trust_end")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"forest", "spread_offenses_true", "spread_offenses_recorded", "spread_p1_response_p90", "spread_mean_trust_end",
		"histogram_mean_trust_end", "daily_mean_trust", "daily_offenses_recorded", "daily_p1_response_mean", "response_cdf",
		"map_offenses", "map_recorded", "map_stops", "map_trust"} {
		for _, ext := range []string{".png", ".svg"} {
			if fi, err := os.Stat(filepath.Join(dir, "plots", name+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("plots/%s%s: %v", name, ext, err)
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hotspot compared with random", "<img src=\"data:image/svg", "Where these numbers come from"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if strings.Contains(string(html), "http://") || strings.Contains(string(html), "https://") {
		t.Error("report.html refers to the network")
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot"}, "want one output directory"},
		{[]string{"plot", t.TempDir()}, "is not an output directory"},
		{[]string{"plot", dir, "--metric", "nope"}, "--metric nope: no such column"},
	} {
		code, _, stderr := cli(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestStaleReportRemoved checks that a drawing that fails leaves no
// report or charts of an earlier state of the data beside it (issue 13
// item 14: after a resume whose charts failed, the old "interrupted"
// report of 20 runs stayed beside complete data).
func TestStaleReportRemoved(t *testing.T) {
	dir := smallStudy(t)
	page := filepath.Join(dir, "report.html")
	old := filepath.Join(dir, "plots", "old.svg")
	for _, f := range []string{page, old} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("interrupted, 20 runs"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := report.DrawDir(dir, "no_such_metric"); err == nil {
		t.Fatal("drawing with an unknown histogram metric did not fail")
	}
	for _, f := range []string{page, old} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s survives a failed drawing (%v)", f, err)
		}
	}
	if err := report.WritePending(dir, "precinct compare --resume "+dir, 3, 12); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(page)
	if err != nil || !strings.Contains(string(html), "precinct compare --resume "+dir) || !strings.Contains(string(html), "3 of 12 replicates") {
		t.Errorf("pending page (%v):\n%s", err, html)
	}
}

// TestSingleRunOutDraws: a single run with --out draws its charts and
// report, and 'plot' redraws its folder (issue 13 item 18: it drew none
// and plot refused the folder).
func TestSingleRunOutDraws(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	dir := filepath.Join(t.TempDir(), "one")
	if code, _, stderr := cli(t, "run", "baseline", "--days", "5", "--out", dir); code != 0 {
		t.Fatalf("run --out: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"run.json", "scenario.toml", "report.html", "plots/daily_mean_trust.svg", "plots/map_offenses.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("run --out: %v", err)
		}
	}
	if code, _, stderr := cli(t, "plot", dir); code != 0 {
		t.Errorf("plot of a single run's folder: exit %d: %s", code, stderr)
	}
}
