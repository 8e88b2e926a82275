package study

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TestPointEnv is the environment variable of the crash tests
// (cmd/precinct/crash_test.go): "kill NAME" makes the program kill itself
// with SIGKILL, as kill -9 would, and "panic NAME" makes it panic, the
// first time it passes the named point; "kill NAME#K" the K-th time. The
// points are "deliver" (a replicate's rows are written), "checkpoint" (a
// checkpoint is saved), "worker" (a worker starts a replicate), "rename
// FILE" (an atomic write of FILE has its temporary file complete and is
// about to rename it) and "cleanup" (the state directory of a complete
// study is half removed). Timing alone cannot hit the last two reliably.
// Unset, as it always is outside those tests, it does nothing.
const TestPointEnv = "PRECINCT_TEST_POINT"

var testPoint = parseTestPoint(os.Getenv(TestPointEnv))

// TestCheckpointEnv is the other environment variable of the crash
// tests: "N", a whole number above 0, makes a study save its checkpoint
// after every N-th replicate done (counting those of an earlier,
// interrupted part) instead of once a second, so that a kill at a named
// point finds the checkpoint the test expects however fast the machine.
// Unset, as it always is outside those tests, it does nothing.
const TestCheckpointEnv = "PRECINCT_TEST_CHECKPOINT_EVERY"

var testCheckpointEvery, _ = strconv.Atoi(os.Getenv(TestCheckpointEnv))

// checkpointDue reports whether a study that has done done replicates,
// its last checkpoint saved at last, saves one now: every
// TestCheckpointEnv replicates when that is set, else once every.
func checkpointDue(done int, last time.Time, every time.Duration) bool {
	if testCheckpointEvery > 0 {
		return done%testCheckpointEvery == 0
	}
	return time.Since(last) >= every
}

// testPointSpec is a parsed TestPointEnv.
type testPointSpec struct {
	action, name string
	at           int
	mu           sync.Mutex
	seen         int
}

func parseTestPoint(v string) *testPointSpec {
	action, rest, ok := strings.Cut(v, " ")
	if !ok || (action != "kill" && action != "panic") {
		return nil
	}
	name, count, _ := strings.Cut(rest, "#")
	at, err := strconv.Atoi(count)
	if err != nil {
		at = 1
	}
	return &testPointSpec{action: action, name: name, at: at}
}

// point is passed at the named point of TestPointEnv.
func point(name string) {
	tp := testPoint
	if tp == nil || tp.name != name {
		return
	}
	tp.mu.Lock()
	tp.seen++
	hit := tp.seen == tp.at
	tp.mu.Unlock()
	if !hit {
		return
	}
	if tp.action == "panic" {
		panic(fmt.Sprintf("%s %s: %s", TestPointEnv, tp.action, name))
	}
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Kill()
		for {
			time.Sleep(time.Second) // the signal is on its way
		}
	}
}
