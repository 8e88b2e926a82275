package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

var update = flag.Bool("update", false, "rewrite golden files and the README example from the current output")

const fixtures = "../../testdata"

// cli runs the program with args and returns its exit status and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	code := exitStatus(err, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestBadInput(t *testing.T) {
	bad := filepath.Join(fixtures, "scenarios", "bad")
	for _, tc := range []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"malformed TOML", []string{"run", filepath.Join(bad, "malformed.toml")}, []string{"malformed.toml:4:13:", "expected value"}},
		{"unknown key", []string{"run", filepath.Join(bad, "unknown_key.toml")}, []string{"unknown_key.toml:4: staffing.headcont: unknown key"}},
		{"removed key", []string{"validate", filepath.Join(bad, "satisfied_within.toml")}, []string{"satisfied_within.toml:4: trust.satisfied_within: unknown key: removed", "trust.expected_response", "trust.satisfaction_steepness"}},
		{"negative headcount", []string{"run", filepath.Join(bad, "negative_headcount.toml")}, []string{"staffing.headcount: must be between 1 and 100000, got -3"}},
		{"uncovered hours", []string{"run", filepath.Join(bad, "uncovered.toml")}, []string{"leaves 02:00-06:00 with no officer on duty"}},
		{"unknown library name", []string{"run", "no_such_scenario"}, []string{`unknown scenario "no_such_scenario"`, "library: baseline"}},
		{"bad --set", []string{"run", "--set", "staffing.headcount=-3"}, []string{"--set staffing.headcount=-3: staffing.headcount: must be between 1 and 100000, got -3"}},
		{"bad --set syntax", []string{"run", "--set", "headcount"}, []string{"want dotted.key=value"}},
		{"negative --days", []string{"run", "--days", "-5"}, []string{"--days -5: days: must be between 1 and 3650, got -5"}},
		{"many problems", []string{"validate", filepath.Join(bad, "many.toml")}, []string{"precinct: 4 problems:", "days:", "world.cell_m:", "travel.metric:", "calls.types.disorder.priority:"}},
		{"validate without file", []string{"validate"}, []string{"want one scenario"}},
		{"unknown command", []string{"simulate"}, []string{`unknown command "simulate"`}},
		{"no command", nil, []string{"no command given"}},
		{"unknown flag", []string{"run", "--dayz", "3"}, []string{"flag provided but not defined: -dayz"}},
		{"bad flag value", []string{"run", "--days", "many"}, []string{`invalid value "many" for flag -days`}},
		{"two scenarios", []string{"run", "baseline", "baseline"}, []string{"want at most one scenario"}},
		{"show unknown", []string{"scenarios", "show", "nope"}, []string{`no library scenario "nope"`, "library: baseline"}},
		{"show a file", []string{"scenarios", "show", filepath.Join(fixtures, "scenarios", "good", "lean.toml")}, []string{"no library scenario"}},
		{"scenarios without subcommand", []string{"scenarios"}, []string{"want 'list', 'show NAME' or 'export NAME FILE'"}},
		{"scenarios unknown subcommand", []string{"scenarios", "remove"}, []string{`unknown subcommand "remove"`}},
		{"list with an argument", []string{"scenarios", "list", "staffing"}, []string{"takes no arguments"}},
		{"export without a file", []string{"scenarios", "export", "baseline"}, []string{"want a library scenario name and a file to write"}},
		{"export unknown", []string{"scenarios", "export", "nope", "nope.toml"}, []string{`no library scenario "nope"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tc.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2\nstderr: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stdout, "Response time") {
				t.Errorf("bad input still printed a summary:\n%s", stdout)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"help"}, {"--help"}, {"run", "--help"}, {"run", "-h"}, {"validate", "--help"},
		{"scenarios", "--help"}, {"scenarios", "list", "--help"}, {"scenarios", "show", "--help"},
		{"scenarios", "export", "--help"}, {"version", "--help"}, {"compare", "--help"}, {"sweep", "--help"},
	} {
		code, stdout, stderr := cli(t, args...)
		if code != 0 || !strings.Contains(stdout, "Usage") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0 and usage on stdout", args, code, stdout, stderr)
		}
	}
	_, stdout, _ := cli(t, "run", "--help")
	for _, flagName := range []string{"-days", "-seed", "-set", "-out", "-reps", "-workers", "-resume", "-quiet"} {
		if !strings.Contains(stdout, flagName) {
			t.Errorf("run --help does not document %s:\n%s", flagName, stdout)
		}
	}
}

// TestRunDefault runs the default scenario with no argument, as the README
// tells a new user to, and checks the summary against a golden file.
func TestRunDefault(t *testing.T) {
	code, stdout, stderr := cli(t, "run", "--days", "30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, filepath.Join(fixtures, "golden", "run_baseline_30d.txt"), stdout)
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./cmd/precinct -update' to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (if the change is intended, run 'go test ./cmd/precinct -update'):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestOutDeterministic runs the same scenario and seed twice: the JSON
// files must be byte-identical.
func TestOutDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	dir := t.TempDir()
	var runs [2][]byte
	for i := range runs {
		out := filepath.Join(dir, string(rune('a'+i)))
		code, _, stderr := cli(t, "run", "baseline", "--days", "20", "--seed", "42", "--set", "staffing.headcount=45", "--out", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, filepath.Join(out, "run.json")) {
			t.Errorf("stderr does not say where it wrote: %q", stderr)
		}
		var err error
		if runs[i], err = os.ReadFile(filepath.Join(out, "run.json")); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(runs[0], runs[1]) {
		t.Error("two runs with the same scenario and seed wrote different run.json")
	}
	var rec struct {
		Seed     uint64 `json:"seed"`
		Scenario struct {
			Name string `json:"name"`
			Days int    `json:"days"`
		} `json:"scenario"`
		Provenance struct {
			Version string `json:"version"`
			GOARCH  string `json:"goarch"`
		} `json:"provenance"`
		Result struct {
			Calls int `json:"calls"`
		} `json:"result"`
	}
	if err := json.Unmarshal(runs[0], &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Seed != 42 || rec.Scenario.Name != "baseline" || rec.Scenario.Days != 20 || rec.Provenance.Version == "" || rec.Provenance.GOARCH == "" || rec.Result.Calls == 0 {
		t.Errorf("run.json lacks the seed, scenario, version or result: %+v", rec)
	}
}

// TestReproduceFromOutput reruns the scenario.toml written by --out: the
// scenario, seed and result in run.json must come out the same, byte for
// byte (only the record of the --set overrides given differs).
func TestReproduceFromOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	if code, _, stderr := cli(t, "run", filepath.Join(fixtures, "scenarios", "good", "child.toml"), "--days", "15", "--set", "staffing.headcount=30", "--out", first); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := cli(t, "run", filepath.Join(first, "scenario.toml"), "--out", second); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	var a, b map[string]json.RawMessage
	for dir, rec := range map[string]*map[string]json.RawMessage{first: &a, second: &b} {
		data, err := os.ReadFile(filepath.Join(dir, "run.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, rec); err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range []string{"provenance", "scenario_sha256", "scenario_toml", "scenario", "staffing", "seed", "replicate", "result"} {
		if len(a[key]) == 0 || !bytes.Equal(a[key], b[key]) {
			t.Errorf("rerunning the written scenario.toml changed %q in run.json", key)
		}
	}
	if len(b["overrides"]) != 0 {
		t.Errorf("the rerun records overrides %s, want none", b["overrides"])
	}
}

func TestValidateOK(t *testing.T) {
	code, stdout, stderr := cli(t, "validate", filepath.Join(fixtures, "scenarios", "good", "custom.toml"))
	if code != 0 || !strings.Contains(stdout, "ok") || !strings.Contains(stdout, "32 posts in 3 shifts") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestScenariosList checks the grouped listing of the library against a
// golden file.
func TestScenariosList(t *testing.T) {
	code, stdout, stderr := cli(t, "scenarios", "list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, filepath.Join(fixtures, "golden", "scenarios_list.txt"), stdout)
}

// TestScenariosShow checks the briefing and resolved TOML of a scenario
// that extends another library scenario against a golden file.
func TestScenariosShow(t *testing.T) {
	code, stdout, stderr := cli(t, "scenarios", "show", "staffing-10x4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, filepath.Join(fixtures, "golden", "scenarios_show_staffing-10x4.txt"), stdout)
}

// TestScenariosShowLoads checks that the output of show, saved as a file,
// is the library scenario: the same scenario, key for key, without the
// library.
func TestScenariosShowLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("shows every library scenario")
	}
	for _, name := range scenarios.Names() {
		code, stdout, stderr := cli(t, "scenarios", "show", name)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		want, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenarios.Parse(name+"-shown.toml", []byte(stdout), nil)
		if err != nil {
			t.Fatalf("%s: the output of show does not load: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the output of show loads as a different scenario", name)
		}
	}
}

// TestScenariosExport exports every library scenario: the file must load
// and reproduce the scenario; an existing file is kept unless --force.
func TestScenariosExport(t *testing.T) {
	if testing.Short() {
		t.Skip("exports every library scenario")
	}
	dir := t.TempDir()
	for _, name := range scenarios.Names() {
		path := filepath.Join(dir, name+".toml")
		code, stdout, stderr := cli(t, "scenarios", "export", name, path)
		if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote "+path) {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
		want, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := scenarios.Load(path, nil)
		if err != nil {
			t.Fatalf("%s: the exported file does not load: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the exported file loads as a different scenario", name)
		}
	}
	path := filepath.Join(dir, "mine.toml")
	if err := os.WriteFile(path, []byte("# my edits\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, "scenarios", "export", "baseline", path)
	if data, _ := os.ReadFile(path); code != 2 || !strings.Contains(stderr, "exists; not overwritten (use --force") || string(data) != "# my edits\n" {
		t.Errorf("export over an existing file: exit %d, stderr %q, file now %q; want exit 2 and the file kept", code, stderr, data)
	}
	code, _, stderr = cli(t, "scenarios", "export", "--force", "baseline", path)
	if data, _ := os.ReadFile(path); code != 0 || !strings.Contains(string(data), `name = "baseline"`) {
		t.Errorf("export --force: exit %d, stderr %q; the file was not replaced", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := cli(t, "version")
	if code != 0 || !strings.Contains(stdout, `"go_version"`) || !strings.Contains(stdout, `"goarch"`) {
		t.Errorf("version: exit %d: %s", code, stdout)
	}
}

// TestRunSaysWhatBudgetBought: a budget scenario's run prints what the
// money bought, and its scenario.toml records the officers that ran.
func TestRunSaysWhatBudgetBought(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fs")
	code, stdout, stderr := cli(t, "run", "funding-shift-10", "--days", "2", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "The budget buys: 90 officers, 1 co-responder team") {
		t.Errorf("console does not say what the budget bought:\n%s", stdout)
	}
	data, err := os.ReadFile(filepath.Join(out, "scenario.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "headcount = 90") {
		t.Errorf("scenario.toml does not record the 90 officers the budget bought")
	}
}

// TestValidateSweep: validate checks a sweep file as sweep does, every
// problem of its points included, and the README has the section the
// error of a file without [sweep] points to.
func TestValidateSweep(t *testing.T) {
	code, stdout, stderr := cli(t, "validate", filepath.Join(fixtures, "scenarios", "bad", "sweep.toml"))
	if code != 2 || stdout != "" || !strings.Contains(stderr, "6 problems") || !strings.Contains(stderr, "sweep.toml:10: sweep.grid.staffing.headcount") {
		t.Errorf("validate bad sweep: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	code, stdout, stderr = cli(t, "validate", filepath.Join(fixtures, "scenarios", "good", "sweep.toml"))
	if code != 0 || !strings.Contains(stdout, "ok (sweep of 8 points over staffing.headcount, staffing.pattern, engagement.intensity") {
		t.Errorf("validate good sweep: exit %d: %s%s", code, stdout, stderr)
	}
	_, _, stderr = cli(t, "sweep", "baseline")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "the README's section Sweeps") || !strings.Contains(string(data), "\n### Sweeps\n") {
		t.Errorf("sweep baseline says %q; the README must have the section it names", stderr)
	}
}
