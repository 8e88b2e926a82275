package study_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

// ExampleCompare pairs the replicates of two staffing plans: replicate r
// of both saw the same calls, so the differences vary far less than the
// plans' own results do, and the paired interval is far narrower than
// the unpaired one.
func ExampleCompare() {
	planA := []float64{4.1, 5.6, 3.9, 6.2, 4.8} // mean P1 response, minutes, replicates 0-4
	planB := []float64{3.6, 5.0, 3.5, 5.5, 4.3}
	p := study.Compare("p1_response_mean", planA, planB)
	fmt.Printf("B - A = %.2f min, 95%% CI [%.2f, %.2f], distinguishable from 0: %v\n", *p.Diff, p.CI.Lo, p.CI.Hi, p.Distinguishable)
	fmt.Printf("ignoring the pairing: [%.2f, %.2f]\n", p.UnpairedCI.Lo, p.UnpairedCI.Hi)
	// Output:
	// B - A = -0.54 min, 95% CI [-0.68, -0.40], distinguishable from 0: true
	// ignoring the pairing: [-1.89, 0.81]
}

// ExampleReplicate runs three replicates of a short scenario on two
// workers; results arrive in replicate order whatever the worker count.
func ExampleReplicate() {
	s, err := scenarios.Load("baseline", []string{"days=7", "staffing.headcount=40"})
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := s.Config()
	jobs := []study.Job{{Config: &cfg, Rep: 0}, {Config: &cfg, Rep: 1}, {Config: &cfg, Rep: 2}}
	err = study.Replicate(context.Background(), jobs, 2, func(i int, res *sim.Result) error {
		fmt.Printf("replicate %d: %d calls, P1 mean response %.2f min\n", res.Replicate, res.Calls, *res.ByPriority[0].Response.Mean)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// replicate 0: 1270 calls, P1 mean response 12.84 min
	// replicate 1: 1248 calls, P1 mean response 13.47 min
	// replicate 2: 1202 calls, P1 mean response 12.73 min
}

// ExampleStudy_Execute runs the baseline and a leaner roster over the
// same three replicates and reads the paired difference in P1 response
// time from the summary; the output directory holds runs.csv, daily.csv,
// the aggregate files and summary.json.
func ExampleStudy_Execute() {
	var specs []study.Spec
	for _, head := range []string{"100", "60"} {
		sets := []string{"days=7", "staffing.headcount=" + head}
		s, err := scenarios.Load("baseline", sets)
		if err != nil {
			fmt.Println(err)
			return
		}
		specs = append(specs, study.Spec{Name: "headcount=" + head, Ref: "baseline", Overrides: sets,
			Variant: []study.Setting{{Key: "staffing.headcount", Value: head}}, Scenario: s})
	}
	st, err := study.NewStudy("compare", 3, []string{"staffing.headcount"}, specs)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "study-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	sum, err := st.Execute(context.Background(), filepath.Join(dir, "out"), study.Options{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range sum.Comparisons[0].Metrics {
		if p.Metric == "p1_response_mean" {
			fmt.Printf("%s - %s, P1 mean response: %+.2f min over %d pairs, 95%% CI [%.2f, %.2f]\n",
				sum.Comparisons[0].Scenario, sum.Comparisons[0].Baseline, *p.Diff, p.N, p.CI.Lo, p.CI.Hi)
		}
	}
	runs, err := study.ReadRuns(filepath.Join(dir, "out"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("runs.csv: %d rows, first %s replicate %d, then %s replicate %d\n", len(runs.Rows),
		runs.Rows[0].Scenario, runs.Rows[0].Replicate, runs.Rows[1].Scenario, runs.Rows[1].Replicate)
	// Output:
	// headcount=60 - headcount=100, P1 mean response: +1.81 min over 3 pairs, 95% CI [-0.88, 4.49]
	// runs.csv: 6 rows, first headcount=100 replicate 0, then headcount=60 replicate 0
}

// ExampleDescribe summarizes a metric over five replicates, one of which
// does not define it (NaN: an empty cell in runs.csv).
func ExampleDescribe() {
	s := study.Describe("p1_response_mean", []float64{4.1, 5.6, math.NaN(), 6.2, 4.8})
	fmt.Printf("n %d, mean %.2f, sd %.2f, 95%% CI [%.2f, %.2f], median %.1f\n", s.N, *s.Mean, *s.SD, s.CI.Lo, s.CI.Hi, s.Quantiles.P50)
	// Output:
	// n 4, mean 5.17, sd 0.92, 95% CI [3.71, 6.64], median 4.8
}
