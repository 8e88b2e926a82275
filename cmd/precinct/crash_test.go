package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/study"
)

// buildProgram builds the program into dir and returns its path.
func buildProgram(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "precinct")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killedBySIGKILL reports whether err is that of a process killed by
// SIGKILL.
func killedBySIGKILL(err error) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// TestKill9AndResume is the kill -9 test of the study runner: it kills
// the program with SIGKILL at several moments (mid-run from outside, and
// at named points through study.TestPointEnv: after a replicate is
// written, while a checkpoint, a final file, the summary or the report
// is being renamed into place, while the state of a complete study is
// being removed, before the study has its manifest), resumes it (or runs
// it again when it had not started) and checks that the directory equals
// an uninterrupted run's file for file, the started, finished and
// workers fields of summary.json aside. While the first run is alive, a
// second writer into its directory is refused.
func TestKill9AndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it 20 times")
	}
	dir := t.TempDir()
	bin := buildProgram(t, dir)
	args := []string{"run", "baseline", "--reps", "12", "--days", "6", "--set", "warmup_days=1", "--workers", "2", "--quiet"}
	whole := filepath.Join(dir, "whole")
	if out, err := exec.Command(bin, append(args, "--out", whole)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	resume := func(t *testing.T, cut string) {
		t.Helper()
		if out, err := exec.Command(bin, "run", "--resume", cut, "--workers", "1", "--quiet").CombinedOutput(); err != nil {
			t.Fatalf("resume: %v\n%s", err, out)
		}
		if d := diffFiles(t, whole, cut); len(d) > 0 {
			t.Errorf("after kill -9 and resume the directory differs from an uninterrupted run in %v", d)
		}
	}

	t.Run("from outside", func(t *testing.T) {
		cut := filepath.Join(dir, "outside")
		cmd := exec.Command(bin, append(args, "--out", cut)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		partial := filepath.Join(cut, ".precinct", study.RunsFile+".partial")
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if data, _ := os.ReadFile(partial); bytes.Count(data, []byte("\n")) >= 3 {
				break
			}
		}
		var stderr bytes.Buffer
		second := exec.Command(bin, append(args, "--out", cut)...)
		second.Stderr = &stderr
		err := second.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(stderr.String(), "is being written by another precinct process (pid ") {
			t.Errorf("a second writer while the first runs: %v, %s; want exit 2 naming the holder", err, stderr.String())
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); !killedBySIGKILL(err) {
			t.Skipf("the run ended before the kill (%v): nothing to test", err)
		}
		resume(t, cut)
	})

	for _, at := range []string{"deliver#5", "rename checkpoint.json#2", "rename runs.csv", "rename daily.csv", "rename hoods.csv",
		"rename summary.json", "rename report.html", "cleanup", "rename manifest.json"} {
		t.Run(at, func(t *testing.T) {
			cut := filepath.Join(dir, strings.NewReplacer(" ", "_", "#", "_").Replace(at))
			cmd := exec.Command(bin, append(args, "--out", cut)...)
			cmd.Env = append(os.Environ(), study.TestPointEnv+"=kill "+at)
			if out, err := cmd.CombinedOutput(); !killedBySIGKILL(err) {
				t.Fatalf("want the run killed at %s, got %v\n%s", at, err, out)
			}
			if at != "rename manifest.json" {
				resume(t, cut)
				return
			}
			// Killed before the study had its manifest: --out runs it again.
			if out, err := exec.Command(bin, append(args, "--out", cut)...).CombinedOutput(); err != nil {
				t.Fatalf("running again: %v\n%s", err, out)
			}
			if d := diffFiles(t, whole, cut); len(d) > 0 {
				t.Errorf("run again after a kill before the manifest, the directory differs in %v", d)
			}
		})
	}
}

// TestCrashExitStatus checks that a panic, on the main goroutine or on a
// replicate's worker, exits 1 (internal failure) with the panic and its
// stack, not the Go runtime's 2, which means bad input here.
func TestCrashExitStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	dir := t.TempDir()
	bin := buildProgram(t, dir)
	for _, at := range []string{"worker", "deliver"} {
		cmd := exec.Command(bin, "run", "baseline", "--reps", "2", "--days", "2", "--quiet", "--out", filepath.Join(dir, at))
		cmd.Env = append(os.Environ(), study.TestPointEnv+"=panic "+at)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "internal error") ||
			!strings.Contains(stderr.String(), "panic: "+study.TestPointEnv) {
			t.Errorf("a panic at %s: %v, stderr:\n%s\nwant exit status 1, the panic and its stack", at, err, stderr.String())
		}
	}
}
