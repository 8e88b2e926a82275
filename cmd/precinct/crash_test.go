package main

import (
	"bytes"
	"encoding/json"
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

// TestResumeKeepsZeroValues is the kill -9 test of issue 14, item 2,
// where a resumed study was not the study that was started: omitempty
// dropped a call type's empty profile and an exponential's sd = "0s" from
// the saved scenario, so the replicates run after a resume used the
// defaults instead (19 of 30 rows differed, and summary.json said
// complete). The case, run baseline --reps 30 --days 60 --set
// 'calls.types.disorder.profile=[]', checkpointing every 4 replicates
// (study.TestCheckpointEnv), is killed after its 11th replicate (its
// checkpoint says 8), resumed and killed again 6 replicates later (12),
// and resumed to the end; it must equal the uninterrupted run file for
// file (the times and workers of summary.json aside). So must a sweep
// whose scenario sets both values. The scenario.toml of a single run must
// run again to the same scenario hash and results.
func TestResumeKeepsZeroValues(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it 10 times")
	}
	dir := t.TempDir()
	bin := buildProgram(t, dir)
	run := func(t *testing.T, kill string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--quiet")...)
		cmd.Env = append(os.Environ(), study.TestCheckpointEnv+"=4")
		if kill != "" {
			cmd.Env = append(cmd.Env, study.TestPointEnv+"=kill "+kill)
		}
		out, err := cmd.CombinedOutput()
		if kill != "" && !killedBySIGKILL(err) {
			t.Fatalf("precinct %s: want it killed at %s, got %v\n%s", strings.Join(args, " "), kill, err, out)
		}
		if kill == "" && err != nil {
			t.Fatalf("precinct %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	done := func(t *testing.T, dir string) int {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, ".precinct", "checkpoint.json"))
		if err != nil {
			t.Fatal(err)
		}
		var cp struct{ Done int }
		if err := json.Unmarshal(data, &cp); err != nil {
			t.Fatal(err)
		}
		return cp.Done
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run", []string{"run", "baseline", "--reps", "30", "--days", "60", "--set", "calls.types.disorder.profile=[]", "--workers", "2"}},
		{"sweep", []string{"sweep", filepath.Join(fixtures, "scenarios", "good", "sweep_zeros.toml"), "--workers", "2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole, cut := filepath.Join(dir, tc.name+"-whole"), filepath.Join(dir, tc.name+"-cut")
			run(t, "", append(tc.args, "--out", whole)...)
			run(t, "deliver#11", append(tc.args, "--out", cut)...)
			if n := done(t, cut); n != 8 {
				t.Fatalf("killed after 11 replicates, the checkpoint says %d done, want 8", n)
			}
			run(t, "deliver#6", tc.args[0], "--resume", cut)
			if n := done(t, cut); n != 12 {
				t.Fatalf("killed 6 replicates into the resume, the checkpoint says %d done, want 12", n)
			}
			run(t, "", tc.args[0], "--resume", cut)
			if d := diffFiles(t, whole, cut); len(d) > 0 {
				t.Errorf("killed, resumed, killed and resumed, the study differs from an uninterrupted one in %v", d)
			}
		})
	}

	t.Run("scenario.toml runs again", func(t *testing.T) {
		first, again := filepath.Join(dir, "single"), filepath.Join(dir, "again")
		run(t, "", "run", "baseline", "--days", "60", "--set", "calls.types.disorder.profile=[]", "--out", first)
		run(t, "", "run", filepath.Join(first, "scenario.toml"), "--out", again)
		record := func(dir string) (r struct {
			Hash   string          `json:"scenario_sha256"`
			Result json.RawMessage `json:"result"`
		}) {
			data, err := os.ReadFile(filepath.Join(dir, "run.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		a, b := record(first), record(again)
		if a.Hash != b.Hash {
			t.Errorf("the saved scenario.toml runs again to scenario_sha256 %s, the run that saved it had %s", b.Hash, a.Hash)
		}
		if !bytes.Equal(a.Result, b.Result) {
			t.Error("the saved scenario.toml runs again to another result in run.json")
		}
		for _, f := range []string{"scenario.toml", study.RunsFile, study.DailyFile, study.CellsFile, study.HoodsFile, study.ResponseFile} {
			x, errX := os.ReadFile(filepath.Join(first, f))
			y, errY := os.ReadFile(filepath.Join(again, f))
			if errX != nil || errY != nil || !bytes.Equal(x, y) {
				t.Errorf("%s differs between the run and the run of its saved scenario.toml (%v, %v)", f, errX, errY)
			}
		}
	})
}
