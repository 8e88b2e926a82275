package sim_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/precinct-sim/precinct/internal/cputime"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

func load(t testing.TB, ref string, sets ...string) sim.Config {
	t.Helper()
	s, err := scenarios.Load(ref, sets)
	if err != nil {
		t.Fatal(err)
	}
	return s.Config()
}

// runs runs replicates 0..n-1 of the scenario with the overrides and
// checks the books of every run.
func runs(t *testing.T, n int, ref string, sets ...string) []*sim.Result {
	t.Helper()
	cfg := load(t, ref, sets...)
	out := make([]*sim.Result, n)
	for r := range n {
		res, err := sim.Run(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		sim.CheckResult(t, &cfg, res)
		sim.CheckCommunityResult(t, &cfg, res.Community)
		out[r] = res
	}
	return out
}

// checkedRuns runs replicates 0..n-1 of the scenario with the overrides,
// checking every engine invariant after every event and the books.
func checkedRuns(t *testing.T, n int, ref string, sets ...string) []*sim.Result {
	t.Helper()
	cfg := load(t, ref, sets...)
	out := make([]*sim.Result, n)
	for r := range n {
		out[r] = sim.CheckedRun(t, &cfg, r)
	}
	return out
}

func runs1(t *testing.T, cfg *sim.Config) *sim.Result {
	t.Helper()
	res, err := sim.Run(*cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	sim.CheckResult(t, cfg, res)
	return res
}

func mean(rs []*sim.Result, f func(*sim.Result) float64) float64 {
	var s float64
	for _, r := range rs {
		s += f(r)
	}
	return s / float64(len(rs))
}

func sum(rs []*sim.Result, f func(*sim.Result) float64) float64 {
	var s float64
	for _, r := range rs {
		s += f(r)
	}
	return s
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

const goodDir = "../testdata/scenarios/good/"

func typeForce(name string) func(*sim.Result) float64 {
	return func(r *sim.Result) float64 {
		for _, bt := range r.Force.ByType {
			if bt.Type == name {
				return float64(bt.Force)
			}
		}
		return 0
	}
}

func freeHours(r *sim.Result) float64 { return r.OfficerHours.Patrol + r.OfficerHours.Engage }

// TestStaffingMonotone cuts the officers per shift step by step on the
// same calls (same seed): the 90th-percentile P1 response time and the
// utilization must rise at every cut.
func TestStaffingMonotone(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	levels := []int{20, 16, 12, 9, 7}
	var p90, util []float64
	for _, n := range levels {
		cfg := load(t, "baseline", "days=180", "staffing.headcount=0",
			fmt.Sprintf("staffing.officers_per_shift=[%d, %d, %d]", n, n, n))
		res, err := sim.Run(cfg, 0)
		if err != nil {
			t.Fatal(err)
		}
		sim.CheckResult(t, &cfg, res)
		p1 := res.ByPriority[0]
		p90 = append(p90, *p1.Response.P90)
		util = append(util, res.Utilization)
		t.Logf("%2d per shift: P1 p90 %.2f min, utilization %.3f, waited %.3f", n, *p1.Response.P90, res.Utilization, res.WaitedShare)
	}
	for i := 1; i < len(levels); i++ {
		if !(p90[i] > p90[i-1]) {
			t.Errorf("cutting %d -> %d officers per shift: P1 p90 %.2f -> %.2f, want a rise", levels[i-1], levels[i], p90[i-1], p90[i])
		}
		if !(util[i] > util[i-1]) {
			t.Errorf("cutting %d -> %d officers per shift: utilization %.3f -> %.3f, want a rise", levels[i-1], levels[i], util[i-1], util[i])
		}
	}
}

// TestLittleLibrary checks Little's law on every library scenario and on
// loaded variants of the baseline.
func TestLittleLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every library scenario: skipped under -short")
	}
	cases := map[string][]string{}
	for _, name := range scenarios.Names() {
		cases[name] = []string{"days=120"}
	}
	cases["baseline/lean"] = []string{"days=120", "staffing.headcount=35"}
	cases["baseline/lean-preempt"] = []string{"days=120", "staffing.headcount=35", "dispatch.preempt=true"}
	cases["baseline/overloaded-preempt"] = []string{"days=30", "staffing.headcount=25", "dispatch.preempt=true"}
	cases["baseline/10x4"] = []string{"days=120", "staffing.headcount=40", "staffing.pattern=10x4"}
	for name, sets := range cases {
		t.Run(name, func(t *testing.T) {
			ref := name
			if i := len("baseline/"); len(name) > i && name[:i] == "baseline/" {
				ref = "baseline"
			}
			cfg := load(t, ref, sets...)
			res, err := sim.Run(cfg, 0)
			if err != nil {
				t.Fatal(err)
			}
			sim.CheckResult(t, &cfg, res)
			sim.CheckCommunityResult(t, &cfg, res.Community)
			l := res.Little
			lw := l.ArrivalRate * l.MeanWait
			t.Logf("L %.5f, lambda W %.5f, waited %.3f", l.MeanQueueLength, lw, res.WaitedShare)
			if d := math.Abs(l.MeanQueueLength - lw); d > 0.02*lw && d > 1e-9 {
				t.Errorf("Little's law: L = %.6f, lambda x W = %.6f", l.MeanQueueLength, lw)
			}
		})
	}
}

// TestDeterministic checks that a run is a function of (config, replicate).
func TestDeterministic(t *testing.T) {
	cfg := load(t, "baseline", "days=60", "staffing.headcount=40")
	a, _ := sim.Run(cfg, 3)
	b, _ := sim.Run(cfg, 3)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs of the same config and replicate differ")
	}
	c, _ := sim.Run(cfg, 4)
	if reflect.DeepEqual(a.ByPriority, c.ByPriority) {
		t.Error("replicates 3 and 4 gave identical results")
	}
}

// BenchmarkBaselineYear runs one simulated year (plus warm-up) of the
// baseline scenario.
func BenchmarkBaselineYear(b *testing.B) {
	benchRuns(b, load(b, "baseline", "days=365"))
}

// BenchmarkBacklogYear runs a baseline year with a quarter of the
// officers: the calls pile up (some 25,000 still wait at the end), so
// that the cost of the dispatcher's waiting list at a long backlog shows.
func BenchmarkBacklogYear(b *testing.B) {
	benchRuns(b, load(b, "baseline", "days=365", "staffing.headcount=25"))
}

// benchRuns runs replicate 0 of cfg in every iteration of b, reporting
// allocations and CPU seconds per run beside wall time.
func benchRuns(b *testing.B, cfg sim.Config) {
	b.ReportAllocs()
	cpu0 := cputime.Process(b)
	for b.Loop() {
		if _, err := sim.Run(cfg, 0); err != nil {
			b.Fatal(err)
		}
	}
	cputime.Report(b, cpu0)
}

// BenchmarkEveryMechanismYear runs one simulated year with every
// mechanism on: co-responder teams, a surge with mutual aid, a
// high-profile incident, a staffing cut and a budget change (events.toml),
// de-escalation training, cameras, oversight and social services.
func BenchmarkEveryMechanismYear(b *testing.B) {
	cfg := load(b, "../testdata/scenarios/good/events.toml", "days=365", "training.deescalation=0.5",
		"accountability.cameras=0.5", "accountability.oversight=true", "services.per_year=1000000")
	benchRuns(b, cfg)
}

// ExampleRun runs a month of the baseline scenario with a lean roster and
// prints what a commander would look at first.
func ExampleRun() {
	s, err := scenarios.Load("baseline", []string{"days=30", "staffing.headcount=40"})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(s.Config(), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	p1 := res.ByPriority[0]
	fmt.Printf("%d calls, %d of them P1\n", res.Calls, p1.Calls)
	fmt.Printf("P1 response: median %.1f min, 90th percentile %.1f min\n", *p1.Response.Median, *p1.Response.P90)
	fmt.Printf("utilization %.0f%%\n", 100*res.Utilization)
	// Output:
	// 5229 calls, 267 of them P1
	// P1 response: median 11.3 min, 90th percentile 21.0 min
	// utilization 79%
}

// TestEmptyNeighborhood runs the baseline with nobody living in one
// neighborhood: crime must go on elsewhere and every number stay finite.
func TestEmptyNeighborhood(t *testing.T) {
	cfg := load(t, "baseline", "days=30", "crime.types.burglary.affinity.commerce=0.3")
	cfg.Community.Residents.Count[3] = 0
	for i := range cfg.Community.Crime.LandUse[0] {
		if cfg.Grid.Neighborhood[i] == 3 {
			cfg.Community.Crime.LandUse[0][i] = 0
		}
	}
	res, err := sim.Run(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Community
	if c.True == 0 || math.IsNaN(c.MeanTrust) || c.Neighborhoods[3].TrustEnd != cfg.Community.Residents.BaseTrust[3] {
		t.Errorf("true %d, mean trust %v, empty neighborhood's trust %v", c.True, c.MeanTrust, c.Neighborhoods[3].TrustEnd)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("result does not encode: %v", err)
	}
}
