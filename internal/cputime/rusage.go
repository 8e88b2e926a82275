//go:build unix

package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Available reports whether Process reads the CPU time here: it does on
// Unix systems.
const Available = true

// Process returns the user and system CPU time the process has used so
// far, every thread included (the garbage collector's too); it fails tb
// when the time cannot be read.
func Process(tb testing.TB) time.Duration {
	tb.Helper()
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
