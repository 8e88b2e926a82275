package study_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

// BenchmarkReplicate16 runs 16 replicates of 30 days of the baseline on 1
// and 2 workers: the wall time per op of workers=2 over workers=1 is the
// parallel speed-up (the goal: at most 0.6 on two cores).
func BenchmarkReplicate16(b *testing.B) {
	cfg := load(b, "baseline", "days=30")
	jobs := make([]study.Job, 16)
	for r := range jobs {
		jobs[r] = study.Job{Config: &cfg, Rep: r}
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				err := study.Replicate(context.Background(), jobs, w, func(int, *sim.Result) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
