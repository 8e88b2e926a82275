// Package cputime reads the CPU time the process has used, for the
// benchmarks that report CPU seconds beside wall time: on a shared
// machine wall time grows with the load of others, CPU time much less, so
// the two together tell a busy machine from a slow program. Only tests
// import it.
//
// The time is read with getrusage, on Unix systems only; elsewhere
// Process returns 0 and Report adds nothing.
package cputime

import (
	"testing"
	"time"
)

// Report adds to b's results the CPU seconds per operation since start
// (a Process reading taken before the loop), as the metric cpu-s/op.
func Report(b *testing.B, start time.Duration) {
	b.Helper()
	if Available && b.N > 0 {
		b.ReportMetric((Process(b)-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}
