package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// TestRunRepsAnyWorkers is the acceptance check: the same replicates on
// 1 and 2 workers write byte-identical runs.csv and daily.csv (and every
// other file but the times and worker count of summary.json).
func TestRunRepsAnyWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 8 replicates of 20 days twice")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for w, out := range map[string]string{"1": a, "2": b} {
		code, stdout, stderr := cli(t, "run", "baseline", "--reps", "8", "--days", "20", "--workers", w, "--out", out)
		if code != 0 {
			t.Fatalf("--workers %s: exit %d: %s", w, code, stderr)
		}
		if !strings.Contains(stdout, "Scenario baseline: 8 replicates") || !strings.Contains(stdout, "P1 response, mean") {
			t.Errorf("--workers %s: console table lacks the header or a metric:\n%s", w, stdout)
		}
		if strings.Contains(stderr, "\r") {
			t.Errorf("a progress bar was drawn on a stderr that is not a terminal: %q", stderr)
		}
	}
	for _, f := range []string{study.RunsFile, study.DailyFile} {
		x, errA := os.ReadFile(filepath.Join(a, f))
		y, errB := os.ReadFile(filepath.Join(b, f))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}
	if d := diffFiles(t, a, b); len(d) > 0 {
		t.Errorf("files differ between 1 and 2 workers: %v", d)
	}
	f, err := os.Open(filepath.Join(a, study.RunsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("runs.csv is not CSV: %v", err)
	}
	if len(recs) != 9 || recs[0][0] != "scenario" || recs[0][1] != "replicate" || recs[0][2] != "seed" || len(recs[0]) != 3+len(study.Metrics) {
		t.Errorf("runs.csv: %d records, header %v", len(recs), recs[0])
	}
}

// diffFiles returns the files of a and b that differ (see study.DiffDirs).
func diffFiles(t *testing.T, a, b string) []string {
	t.Helper()
	d, err := study.DiffDirs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInterruptAndResume kills a run of the real program with SIGINT
// mid-way, checks that it kept what it finished and said it was
// interrupted, resumes it and compares every file, byte for byte, with an
// uninterrupted run (only the times and worker count of summary.json may
// differ).
func TestInterruptAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "precinct")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	args := []string{"run", "baseline", "--reps", "60", "--days", "10", "--set", "warmup_days=2", "--workers", "2"}
	whole, cut := filepath.Join(dir, "whole"), filepath.Join(dir, "cut")
	if code, _, stderr := cli(t, append(args, "--out", whole)...); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, stderr)
	}

	cmd := exec.Command(bin, append(args, "--out", cut)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	partial := filepath.Join(cut, ".precinct", study.RunsFile+".partial")
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(partial)
		if bytes.Count(data, []byte("\n")) >= 6 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted after") {
		t.Fatalf("interrupted run: %v, stderr:\n%s\nwant exit status 1 and a note that it was interrupted", err, stderr.String())
	}
	sum, err := study.ReadSummary(cut)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := study.ReadRuns(cut)
	if err != nil {
		t.Fatal(err)
	}
	done := sum.Scenarios[0].Replicates
	if !sum.Interrupted || done < 5 || done >= 60 || len(runs.Rows) != done {
		t.Fatalf("after the signal: interrupted %v, %d replicates in the summary, %d in runs.csv; want an interrupted summary of the rows on disk",
			sum.Interrupted, done, len(runs.Rows))
	}
	t.Logf("interrupted after %d of 60 replicates", done)

	if code, _, stderr := cli(t, "run", "--resume", cut, "--workers", "1"); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	if d := diffFiles(t, whole, cut); len(d) > 0 {
		t.Errorf("the resumed run differs from the uninterrupted one in %v", d)
	}
	if code, _, stderr := cli(t, "run", "--resume", cut); code == 0 || !strings.Contains(stderr, "nothing to resume") {
		t.Errorf("resuming a complete run: exit %d, %s", code, stderr)
	}

	// Killed outright (a second Ctrl-C): the folder's report.html says
	// the study did not finish and how to resume it (issue 13 item 14).
	killed := filepath.Join(dir, "killed")
	kill := exec.Command(bin, "run", "baseline", "--reps", "200", "--days", "10", "--set", "warmup_days=2", "--workers", "1", "--out", killed)
	if err := kill.Start(); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(killed, "report.html")
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(page); err == nil {
			break
		}
	}
	if err := kill.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = kill.Wait()
	html, err := os.ReadFile(page)
	if err != nil || !strings.Contains(string(html), "precinct run --resume "+killed) {
		t.Fatalf("after a kill, report.html (%v) does not say how to resume:\n%s", err, html)
	}
	if code, _, stderr := cli(t, "run", "--resume", killed); code != 0 {
		t.Fatalf("resume after a kill: exit %d: %s", code, stderr)
	}
	if html, err := os.ReadFile(page); err != nil || !strings.Contains(string(html), "Where these numbers come from") {
		t.Errorf("after the resume, report.html is not the report (%v)", err)
	}
}

// TestComparePaired runs two staffing plans and checks that the paired
// intervals of summary.json are far tighter than the unpaired ones on the
// same replicates, and that the console marks the clear differences.
func TestComparePaired(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 2 x 6 replicates of 20 days")
	}
	out := filepath.Join(t.TempDir(), "cmp")
	code, stdout, stderr := cli(t, "compare", "baseline", "--vary", "staffing.headcount=100,60", "--reps", "6", "--days", "20", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"A  baseline_headcount=100", "B  baseline_headcount=60", "B - A", "utilization", "*"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("console lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, study.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var sum study.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	byKey := map[string]study.Paired{}
	for _, p := range sum.Comparisons[0].Metrics {
		byKey[p.Metric] = p
	}
	// Non-crime calls are the same in both plans; crime calls follow the
	// offenses, which policing changes, so calls are not paired exactly.
	for key, most := range map[string]float64{"calls": 0.4, "offenses_true": 0.75, "utilization": 0.75} {
		p := byKey[key]
		paired, unpaired := p.CI.Hi-p.CI.Lo, p.UnpairedCI.Hi-p.UnpairedCI.Lo
		t.Logf("%s: paired width %.4g, unpaired %.4g", key, paired, unpaired)
		if !(paired < most*unpaired) {
			t.Errorf("%s: paired 95%% CI width %.4g, unpaired %.4g: want the paired under %.2f of it", key, paired, unpaired, most)
		}
	}
	if p := byKey["p1_response_mean"]; !p.Distinguishable || *p.Diff <= 0 {
		t.Errorf("cutting 40 officers: P1 response difference %v, distinguishable %v; want a clear rise", *p.Diff, p.Distinguishable)
	}
}

func TestStudyBadInput(t *testing.T) {
	bad := filepath.Join(fixtures, "scenarios", "bad")
	existing := t.TempDir()
	if code, _, stderr := cli(t, "run", "--reps", "1", "--days", "2", "--out", existing); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "runs.csv"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	notFile := t.TempDir() // a directory where export wants a file
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"compare one", []string{"compare", "baseline"}, "want at least two scenarios"},
		{"vary one value", []string{"compare", "baseline", "--vary", "staffing.headcount=5"}, "at least two values"},
		{"vary bad value", []string{"compare", "baseline", "--vary", "staffing.headcount=50,-1"}, "--set staffing.headcount=-1"},
		{"reps zero", []string{"run", "--reps", "0"}, "--reps must be between 1 and 100000"},
		{"negative workers", []string{"compare", "baseline", "baseline", "--workers", "-1"}, "--workers must be 0"},
		{"sweep without table", []string{"sweep", "baseline"}, "has no [sweep] table"},
		{"bad sweep", []string{"sweep", filepath.Join(bad, "sweep.toml")}, "sweep.toml:10: sweep.grid.staffing.headcount"},
		{"out holds a study", []string{"run", "--reps", "1", "--days", "2", "--out", existing}, "already holds a study"},
		{"resume no study", []string{"run", "--resume", t.TempDir()}, "holds no study to resume (no manifest.json)"},
		{"resume complete", []string{"run", "--resume", existing}, "nothing to resume, the study is complete"},
		{"out holds other files", []string{"run", "--reps", "1", "--days", "2", "--out", foreign}, "holds files that are not a precinct study (it holds runs.csv)"},
		{"one run, out holds other files", []string{"run", "--days", "2", "--out", foreign}, "holds files that are not a precinct study (it holds runs.csv)"},
		{"resume with reps", []string{"run", "--resume", existing, "--reps", "5"}, "run --resume: takes only --workers and --quiet, got --reps"},
		{"resume with scenario flags", []string{"compare", "--resume", existing, "--days", "3", "--set", "seed=4", "--seed", "2"}, "got --days, --seed, --set"},
		{"resume with scenarios", []string{"compare", "--resume", existing, "baseline", "lean"}, "got the scenario arguments baseline lean"},
		{"resume with vary", []string{"compare", "--resume", existing, "--vary", "staffing.headcount=5,6"}, "got --vary"},
		{"resume sweep with a file", []string{"sweep", "--resume", existing, filepath.Join(bad, "sweep.toml")}, "sweep --resume: takes only"},
		{"vary the seed", []string{"compare", "baseline", "--vary", "seed=1,2", "--reps", "1", "--days", "2"}, "seed: cannot be varied"},
		{"export onto a directory", []string{"scenarios", "export", "baseline", notFile, "--force"}, "a directory is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 (bad input) mentioning %q", code, stderr, tc.want)
			}
		})
	}
	if data, err := os.ReadFile(filepath.Join(foreign, "runs.csv")); err != nil || string(data) != "mine\n" {
		t.Errorf("a refused study changed the user's runs.csv: %q, %v", data, err)
	}
	if fi, err := os.Lstat(notFile); err != nil || !fi.IsDir() {
		t.Errorf("the directory export was refused is no longer one: %v, %v", fi.Mode(), err)
	}
	if code, _, stderr := cli(t, "run", "--reps", "1", "--days", "2", "--out", foreign, "--force"); code != 0 {
		t.Errorf("--force into a directory holding other files: exit %d, %s", code, stderr)
	}
}

func TestSweepCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	out := filepath.Join(t.TempDir(), "sweep")
	code, stdout, stderr := cli(t, "sweep", filepath.Join(fixtures, "scenarios", "good", "sweep.toml"), "--reps", "2", "--days", "3", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "8 scenarios x 2 replicates") || !strings.Contains(stdout, "headcount  pattern  intensity") {
		t.Errorf("sweep console:\n%s", stdout)
	}
	runs, err := study.ReadRuns(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"staffing.headcount", "staffing.pattern", "engagement.intensity"}
	if len(runs.Rows) != 16 || strings.Join(runs.VariantKeys, ",") != strings.Join(want, ",") || runs.Rows[0].Variant[1] != "8x3" {
		t.Errorf("runs.csv: %d rows, variant keys %v, first row %v", len(runs.Rows), runs.VariantKeys, runs.Rows[0])
	}
	// sweep --out draws as run and compare do: a dose-response chart per
	// swept key and the report (issue 13 item 9).
	for _, k := range want {
		if fi, err := os.Stat(filepath.Join(out, "plots", "dose_"+k+".svg")); err != nil || fi.Size() == 0 {
			t.Errorf("plots/dose_%s.svg: %v", k, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Errorf("sweep --out wrote no report: %v", err)
	}
}

// TestCompareRefusesIncomparable: scenarios measuring different horizons
// or counting money in different currencies are refused as bad input
// (exit 2), each named with the key that differs, instead of starring
// differences that come from the horizon or the unit.
func TestCompareRefusesIncomparable(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"horizons", []string{"compare", "baseline", filepath.Join(fixtures, "scenarios", "good", "lean.toml"), "--reps", "1"},
			[]string{"lean.toml: days: measures 90 days but baseline measures 365", "--days N"}},
		{"vary days", []string{"compare", "baseline", "--vary", "days=30,60", "--reps", "1"},
			[]string{"baseline_days=60: days: measures 60 days but baseline_days=30 measures 30"}},
		{"currencies", []string{"compare", "baseline", "--vary", "costs.currency=USD,EUR", "--reps", "1", "--days", "2"},
			[]string{"costs.currency: counts money in EUR but baseline_currency=USD in USD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tc.args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing run", code, stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestCurrencyUnit: every money figure of a study carries the scenario's
// currency as its unit, and the overtime is a cost line.
func TestCurrencyUnit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "eur")
	code, stdout, stderr := cli(t, "run", "--reps", "2", "--days", "3", "--set", "costs.currency=EUR", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "cost") && !strings.Contains(line, "EUR") {
			t.Errorf("cost row without its currency: %q", line)
		}
	}
	if strings.Contains(stdout, "money") {
		t.Errorf("console still says money:\n%s", stdout)
	}
	data, err := os.ReadFile(filepath.Join(out, study.SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	var sum study.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	for _, m := range sum.Metrics {
		if strings.HasPrefix(m.Key, "cost") && !strings.HasPrefix(m.Unit, "EUR") {
			t.Errorf("summary.json: %s in %q, want EUR", m.Key, m.Unit)
		}
	}
	code, stdout, _ = cli(t, "run", "--days", "3")
	if code != 0 || !strings.Contains(stdout, "USD") || !strings.Contains(stdout, "overtime") {
		t.Errorf("single run: exit %d, want its cost in USD with an overtime line:\n%s", code, stdout)
	}
}

// TestOverridesShown: a study says which overrides it ran with, refuses
// overrides that make two compared plans the same or that set a key the
// study varies, and its scenarios' summaries say they were changed.
func TestOverridesShown(t *testing.T) {
	code, stdout, stderr := cli(t, "run", "--reps", "2", "--days", "2", "--set", "staffing.headcount=30")
	if code != 0 || !strings.HasPrefix(stdout, "Overridden: staffing.headcount=30, days=2\n") {
		t.Errorf("run --reps: exit %d, want the overrides first:\n%s%s", code, stdout, stderr)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"same plan", []string{"compare", "staffing-8x3", "staffing-cut-10", "--set", "staffing.headcount=30", "--reps", "1"},
			"--set staffing.headcount=30: makes staffing-8x3 and staffing-cut-10 the same plan"},
		{"sweep key", []string{"sweep", filepath.Join(fixtures, "scenarios", "good", "sweep.toml"), "--set", "staffing.headcount=30"},
			"--set staffing.headcount=30 sets staffing.headcount, which the study varies"},
		{"vary key", []string{"compare", "baseline", "--vary", "staffing.headcount=100,60", "--set", "staffing.headcount=30"},
			"which the study varies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tc.args...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, stdout, stderr, tc.want)
			}
		})
	}
	specs := []study.Spec{}
	for _, v := range []string{"100", "60"} {
		s, err := scenarios.Load("baseline", []string{"staffing.headcount=" + v})
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, study.Spec{Name: "h" + v, Ref: "baseline", Variant: []study.Setting{{Key: "staffing.headcount", Value: v}}, Scenario: s})
	}
	st, err := study.NewStudy("compare", 1, []string{"staffing.headcount"}, specs)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Scenarios()[1].Summary; !strings.HasSuffix(got, "(as written, before staffing.headcount=60)") {
		t.Errorf("the 60-officer scenario's summary %q does not say it was changed", got)
	}
}

// TestBadDirFlags: a --resume directory without a study and an empty
// --out or --resume are bad input (exit 2), never ignored.
func TestBadDirFlags(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"resume missing", []string{"run", "--resume", missing}, "holds no study to resume (no manifest.json)"},
		{"resume empty dir", []string{"compare", "--resume", t.TempDir()}, "holds no study to resume"},
		{"out empty, one run", []string{"run", "--days", "1", "--out", ""}, "empty directory name"},
		{"out empty, study", []string{"run", "--reps", "1", "--days", "1", "--out", ""}, "empty directory name"},
		{"resume empty", []string{"sweep", "--resume", ""}, "empty directory name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tc.args...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, stdout, stderr, tc.want)
			}
		})
	}
}
