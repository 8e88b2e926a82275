package study

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

// testStudy is baseline and a lean roster on a short horizon, paired.
func testStudy(t *testing.T, reps int) *Study {
	t.Helper()
	var specs []Spec
	for _, v := range []string{"100", "45"} {
		sets := []string{"days=6", "warmup_days=1", "staffing.headcount=" + v}
		s, err := scenarios.Load("../testdata/scenarios/good/feedback.toml", sets)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, Spec{Name: "headcount=" + v, Ref: "feedback.toml", Overrides: sets[:2],
			Variant: []Setting{{Key: "staffing.headcount", Value: v}}, Scenario: s})
	}
	st, err := NewStudy("compare", reps, []string{"staffing.headcount"}, specs)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStudyFiles(t *testing.T) {
	dir := t.TempDir()
	st := testStudy(t, 3)
	sum, err := st.Execute(context.Background(), dir, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	out, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(out.Runs.Rows); n != 6 {
		t.Errorf("runs.csv has %d rows, want 6", n)
	}
	days := 0
	if err := out.Daily.Scan(nil, func(string, int, int, []float64) { days++ }); err != nil {
		t.Fatal(err)
	}
	if days != 6*6 {
		t.Errorf("daily.csv has %d rows, want 36", days)
	}
	if n := len(out.Cells); n != 2*32*16 {
		t.Errorf("cells.csv has %d rows, want 1024", n)
	}
	if len(out.Hoods) == 0 || len(out.Response) != 2*3*241 {
		t.Errorf("hoods.csv has %d rows, response.csv %d (want 1446)", len(out.Hoods), len(out.Response))
	}
	if _, err := os.Stat(filepath.Join(dir, stateDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the state directory is left after a complete run: %v", err)
	}
	if sum.Interrupted || len(sum.Comparisons) != 1 || sum.Scenarios[1].Replicates != 3 {
		t.Errorf("summary: interrupted %v, %d comparisons, %d replicates", sum.Interrupted, len(sum.Comparisons), sum.Scenarios[1].Replicates)
	}
	var share float64
	for _, r := range out.Response {
		if r.Scenario == "headcount=45" && r.Priority == 1 {
			share += r.Share
		}
	}
	if math.Abs(share-1) > 1e-9 {
		t.Errorf("P1 response shares sum to %v, want 1", share)
	}
}

func TestStudyResume(t *testing.T) {
	whole := t.TempDir()
	if _, err := testStudy(t, 6).Execute(context.Background(), whole, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	// 12 replicates on 2 workers: when the third arrives at most 2 + 8
	// (the reorder window) have started, so cancelling then always
	// interrupts the study.
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := testStudy(t, 6).Execute(ctx, dir, Options{Workers: 2, Progress: func(done, _ int) {
		if done == 3 {
			cancel()
		}
	}})
	var ie *Interrupted
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) || sum == nil || !sum.Interrupted {
		t.Fatalf("cancelled run: err %v, summary %v; want *Interrupted and an interrupted summary", err, sum)
	}
	if _, err := testStudy(t, 6).Execute(context.Background(), dir, Options{}); !errors.Is(err, ErrExists) {
		t.Errorf("a new run into a study's directory: err %v, want ErrExists", err)
	}
	runs, err := ReadRuns(dir)
	if err != nil || len(runs.Rows) != ie.Done || ie.Done < 3 || ie.Done >= ie.Total {
		t.Fatalf("interrupted runs.csv: %v rows (err %v), %d done", len(runs.Rows), err, ie.Done)
	}
	if _, _, err := Resume(context.Background(), dir, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if d, err := DiffDirs(whole, dir); err != nil || len(d) > 0 {
		t.Errorf("the resumed run differs from the uninterrupted one in %v (%v)", d, err)
	}
	if _, _, err := Resume(context.Background(), dir, Options{}); err == nil {
		t.Error("resuming a complete study succeeded")
	}
}

// TestSummaryMatchesDocs decodes a written summary.json and manifest.json
// into the documented types, rejecting unknown fields, and checks the
// fields docs/OUTPUTS.md calls required.
func TestSummaryMatchesDocs(t *testing.T) {
	dir := t.TempDir()
	if _, err := testStudy(t, 2).Execute(context.Background(), dir, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	strict := func(file string, v any) {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s does not match its documented type: %v", file, err)
		}
	}
	var s Summary
	strict(SummaryFile, &s)
	var m Manifest
	strict(ManifestFile, &m)
	if s.Format != SummaryFormat || s.Command == "" || s.Provenance.GoVersion == "" || s.Provenance.Program == "" ||
		s.Started == "" || s.Finished == "" || s.Workers != 1 || s.Reps != 2 || s.Confidence != 0.95 {
		t.Errorf("summary lacks required fields: %+v", s)
	}
	if len(s.Metrics) != len(Metrics) || len(s.Scenarios) != 2 || len(s.Comparisons) != 1 {
		t.Fatalf("summary has %d metrics, %d scenarios, %d comparisons", len(s.Metrics), len(s.Scenarios), len(s.Comparisons))
	}
	for _, sc := range s.Scenarios {
		if sc.Name == "" || sc.TOML == "" || sc.SHA256 != Hash([]byte(sc.TOML)) || len(sc.Metrics) != len(Metrics) {
			t.Errorf("scenario %q lacks required fields", sc.Name)
		}
		for k, st := range sc.Metrics {
			if st.Metric != Metrics[k].Key || (st.N >= 2) != (st.CI != nil) {
				t.Errorf("scenario %s metric %d: %+v", sc.Name, k, st)
			}
		}
	}
	if m.Format != ManifestFormat || m.Reps != 2 || len(m.Scenarios) != 2 || m.Scenarios[0].Seed != m.Scenarios[1].Seed {
		t.Errorf("manifest: %+v", m)
	}
	docs, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Metrics {
		if !strings.Contains(string(docs), "| `"+m.Key+"` |") {
			t.Errorf("docs/OUTPUTS.md does not document metric %s", m.Key)
		}
	}
	for _, m := range DailyMetrics {
		if !strings.Contains(string(docs), "| `"+m.Key+"` |") {
			t.Errorf("docs/OUTPUTS.md does not document daily metric %s", m.Key)
		}
	}
}

// TestExecuteForeignDir checks that a study is written into a directory
// holding other files only with Force, that those files are never
// deleted, and that a state directory precinct did not make is never
// written into.
func TestExecuteForeignDir(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := testStudy(t, 1).Execute(context.Background(), dir, Options{}); !errors.Is(err, ErrNotStudy) || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("a study into a directory holding notes.txt: %v; want ErrNotStudy naming the file", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused study left %d entries, want notes.txt alone", len(entries))
	}
	if _, err := testStudy(t, 1).Execute(context.Background(), dir, Options{Force: true}); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if data, err := os.ReadFile(notes); err != nil || string(data) != "mine" {
		t.Errorf("notes.txt after a forced study: %q, %v", data, err)
	}

	dir = t.TempDir()
	own := filepath.Join(dir, stateDir, "keep.txt")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		if _, err := testStudy(t, 1).Execute(context.Background(), dir, Options{Force: force}); !errors.Is(err, ErrNotStudy) {
			t.Errorf("a study into a directory with a .precinct of its own (force %v): %v; want ErrNotStudy", force, err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(own)); len(entries) != 1 {
		t.Errorf("the user's .precinct holds %d files after refused studies, want keep.txt alone", len(entries))
	}
}

// TestResumeAfterCrash stops a study at every named point of a crash
// (a panic there, which leaves the files as a kill would: temporary
// files, half-removed state), resumes it, and compares every file with
// an uninterrupted study. The kill -9 test of the program
// (cmd/precinct/crash_test.go) does the same with SIGKILL.
func TestResumeAfterCrash(t *testing.T) {
	whole := t.TempDir()
	if _, err := testStudy(t, 3).Execute(context.Background(), whole, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	for _, at := range []string{"deliver#2", "checkpoint#1", "rename checkpoint.json#2", "rename runs.csv", "rename daily.csv",
		"rename cells.csv", "rename response.csv", "rename summary.json", "finish", "cleanup", "rename manifest.json"} {
		t.Run(at, func(t *testing.T) {
			dir := t.TempDir()
			crash(t, at, func() {
				_, err := testStudy(t, 3).Execute(context.Background(), dir, Options{Workers: 2, CheckpointEvery: 1,
					Finish: func(*Summary) error { point("finish"); return nil }})
				t.Errorf("the study ran through: %v", err)
			})
			var err error
			ran := 0
			opt := Options{Workers: 1, Progress: func(int, int) { ran++ }}
			if at == "rename manifest.json" {
				// Stopped before it started: it is run again.
				_, err = testStudy(t, 3).Execute(context.Background(), dir, opt)
			} else {
				_, _, err = Resume(context.Background(), dir, opt)
			}
			if err != nil {
				t.Fatal(err)
			}
			if final := !strings.HasPrefix(at, "deliver") && !strings.Contains(at, "checkpoint") && at != "rename manifest.json"; final && ran > 0 {
				t.Errorf("resuming a study stopped in its final writes ran %d replicates again, want none", ran)
			}
			if d, err := DiffDirs(whole, dir); err != nil || len(d) > 0 {
				t.Errorf("after the crash and resume the study differs from an uninterrupted one in %v (%v)", d, err)
			}
		})
	}
}

// crash runs f with the test point at panicking, and recovers.
func crash(t *testing.T, at string, f func()) {
	t.Helper()
	testPoint = parseTestPoint("panic " + at)
	defer func() {
		testPoint = nil
		if v := recover(); v == nil {
			t.Errorf("no crash at %s", at)
		}
	}()
	f()
}
