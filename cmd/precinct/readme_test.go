package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

const readme = "../../README.md"

// readmeBlock returns the fenced block between "<!-- example: name -->" and
// "<!-- end example -->" in text, without its fences, and the text's
// offsets of the block's content.
func readmeBlock(t *testing.T, text, name string) (string, int, int) {
	t.Helper()
	start := strings.Index(text, "<!-- example: "+name+" -->")
	if start < 0 {
		t.Fatalf("README has no example %q", name)
	}
	open := strings.Index(text[start:], "```")
	body := start + open + strings.Index(text[start+open:], "\n") + 1
	end := body + strings.Index(text[body:], "```\n<!-- end example -->")
	if end < body {
		t.Fatalf("README example %q is not closed", name)
	}
	return text[body:end], body, end
}

// TestREADMERun runs the README's worked examples (the command of each
// output block) and compares the output.
func TestREADMERun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's worked examples")
	}
	for _, name := range []string{"run", "session", "staff"} {
		data, err := os.ReadFile(readme)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		block, body, end := readmeBlock(t, text, name)
		cmdLine, want, _ := strings.Cut(block, "\n")
		args := strings.Fields(strings.TrimPrefix(cmdLine, "$ precinct"))
		for i, a := range args {
			args[i] = strings.Trim(a, "'") // quoted for the shell
		}
		code, got, stderr := cli(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", cmdLine, code, stderr)
		}
		if *update {
			text = text[:body] + cmdLine + "\n" + got + text[end:]
			if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got != want {
			t.Errorf("README's %q example is out of date (run 'go test ./cmd/precinct -update'):\n--- got\n%s\n--- README\n%s", cmdLine, got, want)
		}
	}
}

// TestREADMEScenario checks that the README's commented scenario is valid
// and runs.
func TestREADMEScenario(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	block, _, _ := readmeBlock(t, string(data), "scenario")
	path := filepath.Join(t.TempDir(), "lean-12h.toml")
	if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "run", path, "--days", "5")
	if code != 0 || !strings.Contains(stdout, "Scenario lean-12h") || !strings.Contains(stdout, "noise (P3)") {
		t.Errorf("README scenario: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestREADMESweep checks that the README's sweep is valid and has the
// points it says.
func TestREADMESweep(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	block, _, _ := readmeBlock(t, string(data), "sweep")
	path := filepath.Join(t.TempDir(), "roster-study.toml")
	if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err := scenarios.LoadSweep(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Points) != 48 || !strings.Contains(string(data), "6 x 8 = 48") {
		t.Errorf("README sweep has %d points; the README says 48", len(plan.Points))
	}
}

// TestREADMEImport runs the README's import example, several commands in
// one empty directory (an extract, its import, a compare of two staffing
// plans of the imported scenario), and compares each command's output.
func TestREADMEImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's import example")
	}
	readmePath, err := filepath.Abs(readme)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	block, body, end := readmeBlock(t, text, "import")
	t.Chdir(t.TempDir())
	var got, cmds strings.Builder
	for line := range strings.SplitSeq(block, "\n") {
		if !strings.HasPrefix(line, "$ precinct ") {
			continue
		}
		cmds.WriteString(line)
		args := strings.Fields(strings.TrimPrefix(line, "$ precinct"))
		code, stdout, stderr := cli(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", line, code, stderr)
		}
		got.WriteString(line + "\n" + stdout)
	}
	if cmds.Len() == 0 {
		t.Fatal("README's import example holds no command")
	}
	if *update {
		text = text[:body] + got.String() + text[end:]
		if err := os.WriteFile(readmePath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got.String() != block {
		t.Errorf("README's import example is out of date (run 'go test ./cmd/precinct -update'):\n--- got\n%s\n--- README\n%s", got.String(), block)
	}
}
