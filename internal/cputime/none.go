//go:build !unix

package cputime

import (
	"testing"
	"time"
)

// Available reports whether Process reads the CPU time here: not on this
// system.
const Available = false

// Process returns 0: the process's CPU time is read on Unix systems
// only.
func Process(tb testing.TB) time.Duration { return 0 }
