package study

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// interrupted writes a study of reps replicates per scenario into a new
// directory, cancelled once 3 replicates are in, and returns it.
func interrupted(t *testing.T, reps int) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := testStudy(t, reps).Execute(ctx, dir, Options{Workers: 2, Progress: func(done, _ int) {
		if done == 3 {
			cancel()
		}
	}})
	var ie *Interrupted
	if !errors.As(err, &ie) {
		t.Fatalf("cancelled study: %v, want *Interrupted", err)
	}
	return dir
}

// TestOneWriter checks that a study directory has one writer at a time:
// a second Resume or Execute while one runs exits with ErrLocked naming
// the holder, and a lock file left by a process that has ended does not
// stop the next.
func TestOneWriter(t *testing.T) {
	dir := interrupted(t, 6)
	var second, third error
	_, _, err := Resume(context.Background(), dir, Options{Workers: 1, Progress: func(done, _ int) {
		if second == nil {
			_, _, second = Resume(context.Background(), dir, Options{Workers: 1})
			_, third = testStudy(t, 6).Execute(context.Background(), dir, Options{})
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("pid %d on ", os.Getpid())
	for _, e := range []error{second, third} {
		if !errors.Is(e, ErrLocked) || !strings.Contains(e.Error(), want) {
			t.Errorf("a second writer while a resume runs: %v; want ErrLocked naming %q", e, want)
		}
	}

	stale := interrupted(t, 6)
	if err := os.WriteFile(filepath.Join(stale, stateDir, lockFile), []byte(`{"pid": 999999999, "host": "gone", "started": "2020-01-01T00:00:00Z", "command": "precinct"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Resume(context.Background(), stale, Options{Workers: 2}); err != nil {
		t.Errorf("resuming past the lock file of a process that has ended: %v", err)
	}
}
