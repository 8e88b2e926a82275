package study_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

func load(t testing.TB, ref string, sets ...string) sim.Config {
	t.Helper()
	s, err := scenarios.Load(ref, sets)
	if err != nil {
		t.Fatal(err)
	}
	return s.Config()
}

// shortJobs returns reps replicates each of baseline and a leaner roster,
// replicate-major, on a short horizon.
func shortJobs(t testing.TB, reps int) []study.Job {
	t.Helper()
	a := load(t, "baseline", "days=4", "warmup_days=1")
	b := load(t, "baseline", "days=4", "warmup_days=1", "staffing.headcount=40")
	var jobs []study.Job
	for r := range reps {
		jobs = append(jobs, study.Job{Config: &a, Rep: r}, study.Job{Config: &b, Rep: r})
	}
	return jobs
}

// collect runs jobs on workers and returns the JSON of each delivered
// result, failing the test if delivery is out of order.
func collect(t *testing.T, ctx context.Context, jobs []study.Job, workers int, stop func(i int) error) ([]string, error) {
	t.Helper()
	var got []string
	err := study.Replicate(ctx, jobs, workers, func(i int, res *sim.Result) error {
		if i != len(got) {
			t.Errorf("delivered job %d after %d others, want job %d", i, len(got), len(got))
		}
		if res.Replicate != jobs[i].Rep {
			t.Errorf("job %d: result of replicate %d, want %d", i, res.Replicate, jobs[i].Rep)
		}
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		got = append(got, string(b))
		if stop != nil {
			return stop(i)
		}
		return nil
	})
	return got, err
}

func TestReplicateSameForAnyWorkers(t *testing.T) {
	jobs := shortJobs(t, 4)
	want, err := collect(t, context.Background(), jobs, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != len(jobs) {
		t.Fatalf("delivered %d results, want %d", len(want), len(jobs))
	}
	if want[0] == want[2] {
		t.Error("replicates 0 and 1 gave the same result: streams do not depend on the replicate")
	}
	for _, w := range []int{2, 3, 8, 0} {
		got, err := collect(t, context.Background(), jobs, w, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%d workers: job %d differs from the run on 1 worker", w, i)
			}
		}
	}
	// Jobs that build their configuration on the worker (as a study's do)
	// deliver the same results.
	built := make([]study.Job, len(jobs))
	for i, j := range jobs {
		built[i] = study.Job{Build: func() sim.Config { return *j.Config }, Rep: j.Rep}
	}
	got, err := collect(t, context.Background(), built, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("job %d built on the worker differs from the job given its Config", i)
		}
	}
}

// TestReplicateCancel cancels at the third of 16 jobs on 3 workers: at
// most 2 + 12 (the reorder window) have started by then.
func TestReplicateCancel(t *testing.T) {
	jobs := shortJobs(t, 8)
	want, err := collect(t, context.Background(), jobs, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got, err := collect(t, ctx, jobs, 3, func(i int) error {
		if i == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if len(got) < 3 || len(got) >= len(jobs) {
		t.Errorf("delivered %d of %d jobs after cancelling at the third, want the third and those in flight", len(got), len(jobs))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("job %d delivered after cancellation differs from an uncancelled run", i)
		}
	}
}

func TestReplicateErrors(t *testing.T) {
	jobs := shortJobs(t, 3)
	boom := errors.New("disk full")
	got, err := collect(t, context.Background(), jobs, 2, func(i int) error {
		if i == 1 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || len(got) != 2 {
		t.Errorf("deliver failing at job 1: err %v after %d deliveries, want %v after 2", err, len(got), boom)
	}
	bad := *jobs[0].Config
	bad.Days = 0
	jobs[3] = study.Job{Config: &bad, Rep: 1}
	got, err = collect(t, context.Background(), jobs, 2, nil)
	if err == nil || len(got) > 3 {
		t.Errorf("job 3 inconsistent: err %v after %d deliveries, want an error after at most 3", err, len(got))
	}
	if got, err := collect(t, context.Background(), nil, 2, nil); err != nil || len(got) != 0 {
		t.Errorf("no jobs: %d deliveries, err %v", len(got), err)
	}
}
