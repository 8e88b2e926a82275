package staffing

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
)

// erlangC returns the probability that an arrival waits in an M/M/c queue
// offered a erlangs (arrival rate x mean service time), by the Erlang B
// recursion; 1 when the queue is unstable.
func erlangC(c int, a float64) float64 {
	if a >= float64(c) {
		return 1
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// minServers is the fewest servers whose waiting probability is at most
// target.
func minServers(a, target float64) int {
	c := 1
	for erlangC(c, a) > target {
		c++
	}
	return c
}

func minutes(m float64) scenarios.Duration {
	return scenarios.Duration{Duration: time.Duration(m * float64(time.Minute))}
}

// mmc is an M/M/c scenario: one P1 call type arriving as a Poisson process
// at a flat rate of perDay, exponential service of mean service minutes
// and no report, no call processing, holding, telephone reports, second
// units, officer-initiated work, out-of-service time, co-responders or
// community model, zero travel and turnout, and one shift around the clock.
func mmc(t *testing.T, perDay, service float64) *scenarios.Scenario {
	t.Helper()
	s := scenarios.Default()
	s.Name = "mmc"
	s.Days, s.WarmupDays = 60, 2
	s.Travel.Metric, s.Travel.Turnout = "none", minutes(0)
	s.Staffing = scenarios.Staffing{Pattern: "24x1", AnnualHours: 1680, OfficersPerShift: []int{3}}
	s.Dispatch.HoldReserve = 0
	s.Dispatch.Processing = scenarios.Processing{P1: scenarios.DurationDist{Dist: "exponential"},
		P2: scenarios.DurationDist{Dist: "exponential"}, P3: scenarios.DurationDist{Dist: "exponential"}}
	s.Dispatch.Telephone = scenarios.Telephone{}
	s.SelfInit.Traffic.PerHour, s.SelfInit.Directed.PerHour, s.SelfInit.Followup.PerHour = 0, 0, 0
	s.OutOfService.Meal.Mean, s.OutOfService.AdminPerHour, s.OutOfService.CourtPerShift = minutes(0), 0, 0
	s.Stops.PerHour, s.Stops.Duration = 0, scenarios.DurationDist{Dist: "exponential"}
	s.Calls.Profile = make([]float64, 24)
	for h := range s.Calls.Profile {
		s.Calls.Profile[h] = 1
	}
	s.Calls.Types = map[string]scenarios.CallType{"call": {Priority: 1, PerDay: perDay,
		Service: scenarios.DurationDist{Dist: "exponential", Mean: minutes(service)},
		Report:  scenarios.DurationDist{Dist: "exponential"}}}
	s.Crime.PerDay, s.Crime.Types = 0, nil
	for i := range s.World.Neighborhoods {
		s.World.Neighborhoods[i].Population = 0
	}
	s.CoResponders.Types, s.CoResponders.Eligible = nil, nil
	if err := scenarios.Validate(&s); err != nil {
		t.Fatalf("the M/M/c scenario: %v", err)
	}
	return &s
}

// TestErlangMinimum checks the search against queueing theory: on M/M/c
// scenarios with a target on the share of calls that wait, the fewest
// officers it finds is Erlang C's minimum number of servers. Each case's
// exact minimum clears the target by a margin (the test checks it), so
// that sampling noise cannot move the answer.
func TestErlangMinimum(t *testing.T) {
	for _, tc := range []struct {
		perDay, service, target float64
	}{
		{96, 30, 0.10},  // a = 2 erlangs
		{240, 24, 0.20}, // a = 4
		{60, 60, 0.08},  // a = 2.5
		{400, 18, 0.24}, // a = 5
	} {
		a := tc.perDay * tc.service / (24 * 60)
		want := minServers(a, tc.target)
		t.Run(fmt.Sprintf("a=%.1f/target=%.2f", a, tc.target), func(t *testing.T) {
			at, below := erlangC(want, a), erlangC(want-1, a)
			if at > 0.8*tc.target || below < 1.25*tc.target {
				t.Fatalf("case without a margin: C(%d) = %.3f, C(%d) = %.3f against %.2f", want, at, want-1, below, tc.target)
			}
			target, err := ParseTarget(fmt.Sprintf("waited_share<=%g", tc.target))
			if err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(context.Background(), mmc(t, tc.perDay, tc.service), Options{
				Targets: []Target{target}, Reps: 8, Confidence: 0.95, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			got := sol.Answer.Posts[0]
			t.Logf("Erlang C: %d servers (C = %.3f; %d: %.3f); found %d (measured %.3f), %d runs, %d rosters",
				want, at, want-1, below, got, sol.Answer.Measures[0].Mean, sol.Runs, len(sol.Evaluated))
			if !sol.Feasible || got != want {
				t.Errorf("found %d officers (feasible %v), want Erlang C's %d", got, sol.Feasible, want)
			}
			if len(sol.NonMonotone) > 0 {
				t.Errorf("non-monotone steps on an M/M/c queue: %+v", sol.NonMonotone)
			}
		})
	}
}

// TestInfeasibleAndBlocks: on an M/M/c queue whose exact minimum is above
// the stated maximum, the search says the target is infeasible and gives
// the best achievable (every group at the maximum, still missing); and by
// four-hour blocks it staffs six groups with Erlang C's minimum in each
// (calls arrive at the same rate around the clock).
func TestInfeasibleAndBlocks(t *testing.T) {
	const perDay, service, share = 240.0, 24.0, 0.20 // a = 4 erlangs
	want := minServers(perDay*service/(24*60), share)
	target, err := ParseTarget(fmt.Sprintf("waited_share<=%g", share))
	if err != nil {
		t.Fatal(err)
	}
	sol, err := Solve(context.Background(), mmc(t, perDay, service), Options{
		Targets: []Target{target}, Reps: 6, Confidence: 0.95, Workers: 2, Max: want - 2})
	if err != nil {
		t.Fatal(err)
	}
	if sol.Feasible || sol.Answer == nil || sol.Answer.Posts[0] != want-2 || sol.Answer.Measures[0].Mean <= share {
		t.Errorf("max %d below Erlang C's %d: feasible %v, answer %+v; want infeasible, best at the max, missing the target",
			want-2, want, sol.Feasible, sol.Answer)
	}
	if testing.Short() {
		return
	}
	sol, err = Solve(context.Background(), mmc(t, perDay, service), Options{
		Targets: []Target{target}, ByBlock: true, Reps: 6, Confidence: 0.95, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(sol.Groups) != 6 || !sol.Feasible {
		t.Fatalf("by block: %d groups, feasible %v; want 6 four-hour blocks, feasible", len(sol.Groups), sol.Feasible)
	}
	for g, n := range sol.Answer.Posts {
		if n < want-1 || n > want+1 {
			t.Errorf("block %s: %d officers, want about Erlang C's %d (the load is the same in every block)", sol.Groups[g].Name, n, want)
		}
	}
}
