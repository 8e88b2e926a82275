package study_test

import (
	"context"
	"fmt"

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
	// replicate 0: 1306 calls, P1 mean response 8.64 min
	// replicate 1: 1210 calls, P1 mean response 7.44 min
	// replicate 2: 1224 calls, P1 mean response 6.72 min
}
