package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// synthetic writes resolved scenarios for n scenarios into dir and
// returns results with made-up but plausible numbers for them: reps
// replicates of days days on the baseline grid, or on the grid of the
// TOML tables world if it is not empty. The numbers are smooth
// functions of scenario, replicate, day and cell, so the same call gives
// the same results.
func synthetic(t testing.TB, dir, world string, n, reps, days int) *Results {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, study.ScenarioDir), 0o755); err != nil {
		t.Fatal(err)
	}
	metrics := []string{"calls", "p1_response_p90", "utilization", "offenses_true", "offenses_recorded", "stops_per_1000", "mean_trust_end", "cost_total"}
	units := map[string]string{"calls": "calls", "p1_response_p90": "minutes", "utilization": "share", "offenses_true": "offenses",
		"offenses_recorded": "offenses", "stops_per_1000": "per 1,000 a year", "mean_trust_end": "trust (0-1)", "cost_total": "money"}
	base := map[string]float64{"calls": 56000, "p1_response_p90": 3.8, "utilization": 0.27, "offenses_true": 25000,
		"offenses_recorded": 8500, "stops_per_1000": 140, "mean_trust_end": 0.574, "cost_total": 1.2e7}
	// The workload and response time metrics (report/workload.go).
	for p, parts := range [][3]float64{{1.2, 0.6, 4.8}, {1.6, 3, 6.5}, {2, 18, 7.5}} {
		for k, part := range []string{"processing", "queue", "travel"} {
			key := fmt.Sprintf("p%d_%s_mean", p+1, part)
			metrics, units[key], base[key] = append(metrics, key), "minutes", parts[k]
		}
	}
	for key, v := range map[string]float64{"hours_primary": 5200, "hours_secondary": 1900, "hours_self_initiated": 700, "hours_out_of_service": 1300, "hours_arrests": 450} {
		units[key], base[key] = "hours", v
	}
	metrics = append(metrics, "hours_primary", "hours_secondary", "hours_self_initiated", "hours_out_of_service", "hours_arrests", "committed_share", "units_per_call", "cross_beat_share")
	units["committed_share"], base["committed_share"] = "share", 0.52
	units["units_per_call"], base["units_per_call"] = "units", 1.9
	units["cross_beat_share"], base["cross_beat_share"] = "share", 0.18
	for h := range 24 {
		for _, g := range []struct {
			prefix   string
			mid, amp float64
		}{{"response_mean_h", 14, 5}, {"p1_response_mean_h", 7, 1.5}} {
			key := fmt.Sprintf("%s%02d", g.prefix, h)
			metrics, units[key], base[key] = append(metrics, key), "minutes", g.mid+g.amp*math.Sin(float64(h-13)/24*2*math.Pi)
		}
	}
	out := &study.Output{
		Manifest: &study.Manifest{Format: study.ManifestFormat, Command: "compare", Reps: reps, Order: "replicate-major", VariantKeys: []string{"staffing.headcount"}},
		Summary:  &study.Summary{Format: study.SummaryFormat, Command: "compare", Reps: reps, Confidence: 0.95, Provenance: study.CurrentProvenance(), Started: "2026-01-02T03:04:05Z", Finished: "2026-01-02T03:14:05Z"},
		Runs:     &study.Runs{VariantKeys: []string{"staffing.headcount"}, Metrics: metrics},
		Daily:    &study.Daily{Metrics: []string{"calls", "p1_response_mean", "offenses_recorded", "mean_trust"}},
	}
	for _, k := range metrics {
		out.Summary.Metrics = append(out.Summary.Metrics, study.MetricInfo{Key: k, Label: k, Unit: units[k], Description: "made-up " + k})
	}
	var names []string
	vals := map[string][][]float64{} // metric -> scenario -> replicate
	for s := range n {
		name := fmt.Sprintf("plan-%d", s)
		names = append(names, name)
		head := 100 - 15*(s%6)
		file := study.ScenarioDir + "/" + name + ".toml"
		toml := fmt.Sprintf("name = %q\nsummary = \"made up for tests\"\nextends = \"baseline\"\ndays = %d\n[staffing]\nheadcount = %d\n%s", name, days, head, world)
		if err := os.WriteFile(filepath.Join(dir, file), []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		out.Manifest.Scenarios = append(out.Manifest.Scenarios, study.ManifestScenario{Name: name, Ref: "baseline", Overrides: []string{fmt.Sprintf("staffing.headcount=%d", head)},
			Variant: []study.Setting{{Key: "staffing.headcount", Value: fmt.Sprint(head)}}, Seed: 1, File: file, SHA256: study.Hash([]byte(toml))})
	}
	first, err := scenarios.Load(filepath.Join(dir, out.Manifest.Scenarios[0].File), nil)
	if err != nil {
		t.Fatal(err)
	}
	width, height := first.World.Width, first.World.Height
	var hoods []string
	for _, h := range first.World.Neighborhoods {
		hoods = append(hoods, h.Name)
	}
	for r := range reps {
		for s, name := range names {
			row := study.RunRow{Scenario: name, Variant: []string{fmt.Sprint(100 - 15*(s%6))}, Replicate: r, Seed: 1}
			for _, k := range metrics {
				v := base[k] * (1 + 0.05*float64(s)*sign(k) + 0.03*math.Sin(float64(7*r+3)))
				row.Values = append(row.Values, v)
				if vals[k] == nil {
					vals[k] = make([][]float64, n)
				}
				vals[k][s] = append(vals[k][s], v)
			}
			out.Runs.Rows = append(out.Runs.Rows, row)
			for d := range days {
				w := math.Sin(float64(d)/11 + float64(r))
				out.Daily.Rows = append(out.Daily.Rows, study.DailyRow{Scenario: name, Replicate: r, Day: d,
					Values: []float64{150 + 10*w, 2.6 + 0.2*float64(s) + 0.3*w, 23 + 2*w, 0.574 + 0.001*float64(d)/10*float64(s) + 0.002*w}})
			}
		}
	}
	for s, name := range names {
		ss := study.ScenarioSummary{Name: name, Seed: 1, File: out.Manifest.Scenarios[s].File, SHA256: out.Manifest.Scenarios[s].SHA256, Replicates: reps}
		for _, k := range metrics {
			xs := vals[k][s]
			m, sd := stat.MeanStdDev(xs, nil)
			h := 2 * sd / math.Sqrt(float64(len(xs)))
			ss.Metrics = append(ss.Metrics, study.Stats{Metric: k, N: len(xs), Mean: &m, SD: &sd, CI: &study.Interval{Lo: m - h, Hi: m + h}})
		}
		out.Summary.Scenarios = append(out.Summary.Scenarios, ss)
		for c := range width * height {
			x, y := c%width, c/width
			v := float64((x*7+y*3)%23) / 23 * (1 + 0.2*float64(s))
			out.Cells = append(out.Cells, study.CellRow{Scenario: name, Cell: c, X: x, Y: y, Replicates: reps, True: 10 * v, Recorded: 3 * v, Stops: v})
		}
		for h, hood := range hoods {
			out.Hoods = append(out.Hoods, study.HoodRow{Scenario: name, Neighborhood: hood, Residents: 5000, Replicates: reps,
				TrustStart: 0.5 + 0.05*float64(h), TrustEnd: 0.5 + 0.05*float64(h) + 0.01*float64(s)})
		}
		for p := 1; p <= 3; p++ {
			for b := 1; b <= 240; b++ {
				up := 0.5 * float64(b)
				share := math.Exp(-(up-0.5)/(1.5+0.5*float64(s))) - math.Exp(-up/(1.5+0.5*float64(s)))
				out.Response = append(out.Response, study.ResponseRow{Scenario: name, Priority: p, UpperMin: up, MeanCount: 1000 * share, Share: share})
			}
			out.Response = append(out.Response, study.ResponseRow{Scenario: name, Priority: p, UpperMin: math.Inf(1), Share: 0})
		}
	}
	for s := 1; s < n; s++ {
		c := study.Comparison{Scenario: names[s], Baseline: names[0]}
		for _, k := range metrics {
			var d []float64
			for r := range reps {
				d = append(d, vals[k][s][r]-vals[k][0][r])
			}
			m, sd := stat.MeanStdDev(d, nil)
			h := 2*sd/math.Sqrt(float64(reps)) + 0.01*math.Abs(m)
			c.Metrics = append(c.Metrics, study.Paired{Metric: k, N: reps, Diff: &m, SD: &sd, CI: &study.Interval{Lo: m - h, Hi: m + h}, Distinguishable: math.Abs(m) > h})
		}
		out.Summary.Comparisons = append(out.Summary.Comparisons, c)
	}
	res, err := NewResults(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sign makes some metrics fall and others rise with the scenario index.
func sign(k string) float64 {
	switch k {
	case "mean_trust_end", "cost_total", "offenses_recorded":
		return -1
	}
	return 1
}
