package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of this package from the current output")

// smallWorld is an 8 x 6 grid of two neighborhoods and four beats, so
// that golden files of maps stay small.
const smallWorld = `
[world]
width = 8
height = 6
cell_m = 250
station = [4, 3]
beat_cols = 2
beat_rows = 2
places = []

[[world.neighborhoods]]
name = "West"
cells = [0, 0, 3, 6]
call_weight = 1
population = 2000
trust = 0.55
group_shares = [0.7, 0.3]
prior_recorded = 0

[[world.neighborhoods]]
name = "East"
cells = [3, 0, 8, 6]
call_weight = 2
population = 3000
trust = 0.6
group_shares = [0.7, 0.3]
prior_recorded = 0
`

// golden compares got with testdata file name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./report -update' to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("chart data differ from %s (if the change is intended, run 'go test ./report -update')", path)
	}
}

// TestChartData checks the numbers fed to every plotter against a golden
// file: from an output directory of three scenarios to the chart inputs.
func TestChartData(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 3, 4, 6)
	c, err := NewCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "charts.json", append(got, '\n'))

	if len(c.Distributions) != 6 || c.Distributions[5].Metric != "cost_total" {
		t.Errorf("distributions %d, want the 6 key outcomes present (true and recorded crime, P1 p90, committed time, trust, cost)", len(c.Distributions))
	}
	if c.ResponseParts == nil || c.Activity == nil || c.Hourly == nil {
		t.Errorf("response parts %v, activity %v, hourly %v: want all three", c.ResponseParts != nil, c.Activity != nil, c.Hourly != nil)
	}
	if len(c.Maps) != 4 || len(c.Series) != 3 || c.Response == nil || len(c.Response.Priorities) != 3 || c.Forest == nil || c.Histogram == nil {
		t.Errorf("got %d maps, %d series, response %v, forest %v, histogram %v; want 4, 3 and the rest present",
			len(c.Maps), len(c.Series), c.Response != nil, c.Forest != nil, c.Histogram != nil)
	}
	if _, err := NewCharts(res, "no_such_metric"); err == nil || !strings.Contains(err.Error(), "no_such_metric") {
		t.Errorf("unknown histogram metric: err %v", err)
	}
}

// TestReportSize draws every chart and the report for 3 scenarios x 50
// replicates of a year on the baseline grid and checks the report stays
// under 5 MB.
func TestReportSize(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a full-size report")
	}
	dir := t.TempDir()
	res := synthetic(t, dir, "", 3, 50, 365)
	path, charts := writeReport(t, res)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report.html for 3 scenarios x 50 replicates: %d bytes (%.2f MB), %d charts", fi.Size(), float64(fi.Size())/1e6, len(charts))
	if fi.Size() > 5_000_000 {
		t.Errorf("report.html is %d bytes, want under 5 MB", fi.Size())
	}
	for _, ch := range charts {
		for _, ext := range []string{".png", ".svg"} {
			if fi, err := os.Stat(filepath.Join(dir, PlotsDir, ch.Name+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("%s%s: %v", ch.Name, ext, err)
			}
		}
	}
}

// writeReport draws the charts and the report of res.
func writeReport(t testing.TB, res *Results) (string, []Chart) {
	t.Helper()
	c, err := NewCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	charts, err := DrawCharts(c, res.Dir)
	if err != nil {
		t.Fatal(err)
	}
	path, err := WriteHTML(res, charts)
	if err != nil {
		t.Fatal(err)
	}
	return path, charts
}
