package cputime

import (
	"testing"
	"time"
)

// TestProcess checks that the CPU time read grows over a busy loop.
func TestProcess(t *testing.T) {
	if !Available {
		t.Skip("no CPU time on this system")
	}
	c0, t0 := Process(t), time.Now()
	x := 1.0
	for time.Since(t0) < 50*time.Millisecond {
		for range 1000 {
			x = x*1.0000001 + 1e-9
		}
	}
	used, wall := Process(t)-c0, time.Since(t0)
	if used <= 0 {
		t.Fatalf("CPU time grew by %v over a busy loop of %v (x %v)", used, wall, x)
	}
}
