package study_test

import (
	"context"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/internal/cputime"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

// BenchmarkReplicate16 runs 16 replicates of 30 days of the baseline on 1
// worker and then on 2 in every iteration, and reports from the same run:
//
//   - speedup: wall time on 1 worker over wall time on 2 (the goal: at
//     least 1.6 on two free cores);
//   - cores-1w and cores-2w: CPU time over wall time while 1 and 2
//     workers ran, the cores the process got. Near 1 and 2 the machine
//     was free and speedup measures the program; well under, the machine
//     was busy, and a low speedup says so rather than that the program is
//     slow;
//   - cpu-2w/1w: CPU time on 2 workers over CPU time on 1, the extra work
//     running in parallel costs (1: none), which a busy machine does not
//     change.
func BenchmarkReplicate16(b *testing.B) {
	cfg := load(b, "baseline", "days=30")
	jobs := make([]study.Job, 16)
	for r := range jobs {
		jobs[r] = study.Job{Config: &cfg, Rep: r}
	}
	var wall [2]time.Duration
	var cpu [2]time.Duration
	for b.Loop() {
		for i, w := range []int{1, 2} {
			c0, t0 := cputime.Process(b), time.Now()
			err := study.Replicate(context.Background(), jobs, w, func(int, *sim.Result) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			wall[i] += time.Since(t0)
			cpu[i] += cputime.Process(b) - c0
		}
	}
	speedup := wall[0].Seconds() / wall[1].Seconds()
	b.ReportMetric(speedup, "speedup")
	b.ReportMetric(cpu[0].Seconds()/wall[0].Seconds(), "cores-1w")
	b.ReportMetric(cpu[1].Seconds()/wall[1].Seconds(), "cores-2w")
	b.ReportMetric(cpu[1].Seconds()/cpu[0].Seconds(), "cpu-2w/1w")
}
