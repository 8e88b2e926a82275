package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// checkDrawn fails unless dir has report.html embedding every chart of
// dir/plots, each as PNG and SVG, with the charts every study has and
// those its kind adds (the forest of a comparison, a dose-response chart
// per varied key; per-scenario charts up to 12 scenarios, maps up to 6).
func checkDrawn(t *testing.T, what, dir string) {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	svgs, _ := filepath.Glob(filepath.Join(dir, "plots", "*.svg"))
	var names []string
	for _, s := range svgs {
		name := strings.TrimSuffix(filepath.Base(s), ".svg")
		names = append(names, name)
		if fi, err := os.Stat(filepath.Join(dir, "plots", name+".png")); err != nil || fi.Size() == 0 {
			t.Errorf("%s: plots/%s.png: %v", what, name, err)
		}
	}
	if n := strings.Count(string(html), `<img src="data:image/svg`); n != len(svgs) || n == 0 {
		t.Errorf("%s: report.html embeds %d charts, plots/ holds %d", what, n, len(svgs))
	}
	man, err := study.ReadManifest(dir)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	n := len(man.Scenarios)
	var want []string
	if n <= 12 {
		want = append(want, "spread_p1_response_p90", "spread_waited_share", "daily_p1_response_mean", "daily_waited_share", "response_cdf")
	}
	if n <= 6 {
		want = append(want, "map_recorded")
	}
	if n > 1 && n <= 12 {
		want = append(want, "forest")
	}
	for _, k := range man.VariantKeys {
		want = append(want, "dose_"+k)
	}
	for _, w := range want {
		if !slices.Contains(names, w) {
			t.Errorf("%s: no chart %s among %v", what, w, names)
		}
	}
}

// readmeOutputCommands returns the README's commands that write an output
// directory ("go run ./cmd/precinct ... --out DIR"), as arguments; extract
// and import, whose --out is a file, are not among them, nor the commands
// of the import example, which run on the files it imports
// (TestREADMEImport runs those).
func readmeOutputCommands(t *testing.T) [][]string {
	raw, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	data := importExampleRE.ReplaceAllString(string(raw), "")
	re := regexp.MustCompile(`(?m)^\s*(?:go run \./cmd/precinct|\$ precinct) (.*--out .*)$`)
	var out [][]string
	for _, m := range re.FindAllStringSubmatch(data, -1) {
		if args := strings.Fields(m[1]); args[0] != "extract" && args[0] != "import" {
			out = append(out, args)
		}
	}
	if len(out) < 2 {
		t.Fatalf("found %d README commands with --out", len(out))
	}
	return out
}

// importExampleRE matches the README's import example, from its marker
// to the end of its code block.
var importExampleRE = regexp.MustCompile("(?s)<!-- example: import -->\n```\n.*?\n```\n")

// TestREADMEOutputs runs every README command that writes outputs, on a
// short horizon, into a temporary directory, and checks that each exits
// 0 with report.html and every chart present (issue 13: the README's own
// compare commands wrote no report).
func TestREADMEOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's commands")
	}
	for i, args := range readmeOutputCommands(t) {
		dir := filepath.Join(t.TempDir(), "out")
		k := slices.Index(args, "--out")
		args = append(slices.Clone(args[:k+1]), append([]string{dir}, args[k+2:]...)...)
		if !slices.Contains(args, "--days") {
			args = append(args, "--days", "20")
		}
		args = append(args, "--quiet")
		code, _, stderr := cli(t, args...)
		if code != 0 {
			t.Errorf("README command %d (%s): exit %d: %s", i+1, strings.Join(args, " "), code, stderr)
			continue
		}
		checkDrawn(t, strings.Join(args, " "), dir)
	}
}

// TestLibraryOutputs runs every library scenario with 10 replicates over
// a short horizon (long enough for its events) with --out and checks its
// report and charts (issue 13: heat maps crashed on ordinary runs of 10,
// 30 and 40 replicates).
func TestLibraryOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every library scenario")
	}
	lib, err := scenarios.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib {
		t.Run(e.Name, func(t *testing.T) {
			s, err := scenarios.Load(e.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			days := 14
			for _, ev := range s.Events {
				days = max(days, ev.Day+4)
			}
			dir := filepath.Join(t.TempDir(), "out")
			code, _, stderr := cli(t, "run", e.Name, "--reps", "10", "--days", strconv.Itoa(days), "--out", dir, "--quiet")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			checkDrawn(t, e.Name, dir)
		})
	}
}
