package staffing

import (
	"context"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
)

// baseline returns the library's baseline over days measured days.
func baseline(t testing.TB, days int) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Days = days
	return s
}

// TestBaselineFresh checks the answer on the baseline against replicates
// the search never ran (replicates 1000 on): the answer still meets its
// target there, and one officer fewer in the binding shift misses it.
func TestBaselineFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("searches the baseline's roster: about half a minute")
	}
	target, err := ParseTarget("waited_share<=5%")
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Targets: []Target{target}, Reps: 6, Confidence: 0.95, Workers: 2}
	s := baseline(t, 60)
	sol, err := Solve(context.Background(), s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !sol.Feasible || sol.Binding < 0 {
		t.Fatalf("no answer: feasible %v, binding %d", sol.Feasible, sol.Binding)
	}
	for i, f := range sol.Fewer {
		if f != nil && f.Met {
			t.Errorf("one fewer on %s (%s) still meets the target: the answer is not minimal", sol.Groups[i].Name, FormatPosts(f.Posts))
		}
	}
	opt.FirstRep = 1000
	fresh, err := NewProblem(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	fewer := append([]int(nil), sol.Answer.Posts...)
	fewer[sol.Binding]--
	evals, err := fresh.Evaluate(context.Background(), [][]int{sol.Answer.Posts, fewer})
	if err != nil {
		t.Fatal(err)
	}
	at, below := evals[0].Measures[0], evals[1].Measures[0]
	t.Logf("answer %s: search %.4f, fresh %.4f (bound %.4f); one fewer on %s %s: fresh %.4f (bound %.4f); %d runs",
		FormatPosts(sol.Answer.Posts), sol.Answer.Measures[0].Mean, at.Mean, at.Bound, sol.Groups[sol.Binding].Name, FormatPosts(fewer), below.Mean, below.Bound, sol.Runs)
	if !evals[0].Met {
		t.Errorf("the answer %s misses %s on fresh replicates: bound %.4f", FormatPosts(sol.Answer.Posts), target.Text, at.Bound)
	}
	if evals[1].Met {
		t.Errorf("one fewer on %s (%s) meets %s on fresh replicates: bound %.4f", sol.Groups[sol.Binding].Name, FormatPosts(fewer), target.Text, below.Bound)
	}
}

// BenchmarkBaseline solves the baseline's three shifts for one target, a
// full year measured, 10 replicates per roster: the runs used are
// reported beside the time.
func BenchmarkBaseline(b *testing.B) {
	target, err := ParseTarget("p1_response_p90<=10m")
	if err != nil {
		b.Fatal(err)
	}
	s := baseline(b, 365)
	for b.Loop() {
		start := time.Now()
		sol, err := Solve(context.Background(), s, Options{Targets: []Target{target}, Reps: 10, Confidence: 0.95, Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sol.Runs), "runs")
		b.ReportMetric(float64(len(sol.Evaluated)), "rosters")
		b.Logf("answer %s in %v, %d runs", FormatPosts(sol.Answer.Posts), time.Since(start).Round(time.Second), sol.Runs)
	}
}
