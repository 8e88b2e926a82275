package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/internal/cputime"
)

// erlangC returns the probability that an arrival waits and the mean wait
// in an M/M/c queue with arrival rate lambda and service rate mu per
// server. It uses the Erlang B recursion, which is stable for large c.
func erlangC(c int, lambda, mu float64) (pWait, meanWait float64) {
	a := lambda / mu
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	pWait = float64(c) * b / (float64(c) - a*(1-b))
	return pWait, pWait / (float64(c)*mu - lambda)
}

func TestErlangCFormula(t *testing.T) {
	// Textbook values: M/M/1 has P(wait) = rho and Wq = rho/(mu-lambda);
	// M/M/2 with a = 1 has C = 1/3 (Kleinrock 1975, eq. 3.40).
	p, w := erlangC(1, 0.5, 1)
	if math.Abs(p-0.5) > 1e-12 || math.Abs(w-1) > 1e-12 {
		t.Errorf("M/M/1 rho=0.5: got P=%v Wq=%v, want 0.5, 1", p, w)
	}
	p, _ = erlangC(2, 1, 1)
	if math.Abs(p-1.0/3) > 1e-12 {
		t.Errorf("M/M/2 a=1: got P=%v, want 1/3", p)
	}
}

// queueConfig is an M/M/c system: one call type with Poisson arrivals at a
// flat rate, exponential service of mean 1/mu minutes, no report writing,
// c units on a round-the-clock shift and zero travel time.
func queueConfig(c int, lambda, mu float64, days int) Config {
	g := Grid{Width: 1, Height: 1, CellM: 100, Neighborhoods: []string{"all"},
		Neighborhood: []int{0}, Beats: 1, Beat: []int{0}, CallWeight: []float64{1}}
	var flat [24]float64
	for i := range flat {
		flat[i] = 1
	}
	return Config{
		Seed: 7, Days: days, WarmupDays: 2, Grid: g,
		Travel: Travel{Metric: MetricNone, Speed: 500, PatrolSpeed: 250},
		Shifts: []Shift{{Name: "all day", Start: 0, Length: MinutesPerDay, Officers: c}},
		Patrol: agents.Patrol{Kind: agents.PatrolStay},
		CallTypes: []CallType{{Name: "call", Priority: P1, PerDay: lambda * MinutesPerDay, Profile: flat,
			Service: Dist{Kind: Exponential, Mean: 1 / mu}}},
	}
}

// TestErlangC checks the dispatcher against the exact M/M/c results: the
// share of calls that wait and their mean queue delay must be within 3 % of
// Erlang's formula. The heavy-load case needs many calls because the
// sample mean of a heavily loaded queue converges slowly.
func TestErlangC(t *testing.T) {
	if testing.Short() {
		t.Skip("long queueing validation: skipped under -short")
	}
	for _, tc := range []struct {
		c     int
		rho   float64
		calls float64
	}{{2, 0.5, 1e6}, {5, 0.75, 2e6}, {10, 0.9, 2e6}} {
		t.Run(fmt.Sprintf("c=%d/rho=%.2f", tc.c, tc.rho), func(t *testing.T) {
			mu := 1.0 / 30
			lambda := tc.rho * float64(tc.c) * mu
			days := int(math.Ceil(tc.calls / (lambda * MinutesPerDay)))
			res, err := Run(queueConfig(tc.c, lambda, mu, days), 0)
			if err != nil {
				t.Fatal(err)
			}
			if res.Calls < 200000 {
				t.Fatalf("only %d calls, want >= 200000", res.Calls)
			}
			pW, wQ := erlangC(tc.c, lambda, mu)
			gotW := *res.QueueDelay.Mean
			t.Logf("%d calls: P(wait) %.4f vs %.4f (%+.2f%%); Wq %.3f vs %.3f min (%+.2f%%); utilization %.4f",
				res.Calls, res.WaitedShare, pW, 100*(res.WaitedShare/pW-1), gotW, wQ, 100*(gotW/wQ-1), res.Utilization)
			if math.Abs(res.WaitedShare/pW-1) > 0.03 {
				t.Errorf("P(wait) = %.4f, want %.4f within 3%%", res.WaitedShare, pW)
			}
			if math.Abs(gotW/wQ-1) > 0.03 {
				t.Errorf("mean queue delay = %.3f, want %.3f within 3%%", gotW, wQ)
			}
			if math.Abs(res.Utilization/tc.rho-1) > 0.01 {
				t.Errorf("utilization = %.4f, want %.4f within 1%%", res.Utilization, tc.rho)
			}
		})
	}
}

// BenchmarkMMc runs an M/M/c queue of about a million calls: 10 units,
// utilization 0.9, mean service 30 minutes, zero travel (queueConfig),
// through the same engine as every scenario. bench/ compares it with
// other simulators on the same queue.
func BenchmarkMMc(b *testing.B) {
	const c, mu, rho = 10, 1.0 / 30, 0.9
	lambda := rho * c * mu
	days := int(math.Ceil(1e6 / (lambda * MinutesPerDay)))
	cfg := queueConfig(c, lambda, mu, days)
	b.ReportAllocs()
	cpu0 := cputime.Process(b)
	for b.Loop() {
		res, err := Run(cfg, 0)
		if err != nil {
			b.Fatal(err)
		}
		if res.Calls < 990_000 {
			b.Fatalf("%d calls, want about a million", res.Calls)
		}
	}
	cputime.Report(b, cpu0)
}
