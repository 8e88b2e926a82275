//go:build unix

package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFileLimits checks that only regular files of at most MaxFileBytes
// are read, as a scenario or as its parent, and refused at once
// otherwise, naming the file and the limit (issue 14, item 5): /dev/zero
// was read until memory ran out, a named pipe as a parent hung forever.
// A file that is not text is refused without quoting it (item 10).
func TestFileLimits(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	write(t, big, "name = \"big\"\n"+strings.Repeat("# padding\n", MaxFileBytes/10+1))
	binary := filepath.Join(dir, "env.toml")
	write(t, binary, "SECRET_TOKEN=hunter2\x00HOME=/root\x00")
	for _, tc := range []struct{ ref, want string }{
		{fifo, "not a regular file: a named pipe"},
		{"/dev/zero", `cannot read scenario "/dev/zero": not a regular file: a device; a scenario is a regular TOML file of at most 4 MiB`},
		{dir, "not a regular file: a directory"},
		{big, "larger than 4 MiB (4194304 bytes)"},
		{binary, "env.toml: is not a scenario: a scenario is a TOML text file (UTF-8), and this file holds binary data"},
	} {
		for _, how := range []string{"run", "extends"} {
			ref := tc.ref
			if how == "extends" {
				ref = filepath.Join(dir, "child.toml")
				write(t, ref, "extends = "+tomlQuote(tc.ref)+"\n")
			}
			done := make(chan error, 1)
			go func() { _, err := Load(ref, nil); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s %s: got %v, want %q", how, tc.ref, err, tc.want)
				}
				if err != nil && strings.Contains(err.Error(), "hunter2") || err != nil && strings.Contains(err.Error(), "SECRET") {
					t.Errorf("%s %s: the message quotes the file: %v", how, tc.ref, err)
				}
				if how == "extends" && err != nil && !strings.Contains(err.Error(), "child.toml") && tc.ref != binary {
					t.Errorf("extends %s: the message does not name the child: %v", tc.ref, err)
				}
				problems(t, err)
			case <-time.After(5 * time.Second):
				t.Fatalf("%s %s: no answer after 5 s", how, tc.ref)
			}
		}
	}
	if _, err := os.Stat("/proc/self/environ"); err == nil {
		_, err := Load("/proc/self/environ", nil)
		if err == nil || strings.Contains(err.Error(), "PATH") || strings.Contains(err.Error(), "HOME") {
			t.Errorf("/proc/self/environ: %v", err)
		}
	}
}

// TestWorkBounds checks that a scenario or a study whose keys are each in
// range but whose product is not is refused before it starts, with the
// estimate in the message (issue 14, item 6): 1000 neighborhoods of 1e6
// residents and 200 shifts of 100,000 officers validated and then ran out
// of memory; a 10,000-point sweep held every point and died.
func TestWorkBounds(t *testing.T) {
	dir := t.TempDir()
	var hoods strings.Builder
	hoods.WriteString("name = \"hoods\"\nworld.width = 1000\nworld.height = 1\nworld.station = [0, 0]\nworld.beat_cols = 4\nworld.beat_rows = 1\nworld.places = []\n")
	for i := range 1000 {
		fmt.Fprintf(&hoods, "[[world.neighborhoods]]\nname = \"n%d\"\ncells = [%d, 0, %d, 1]\ncall_weight = 1\npopulation = 1000000\ntrust = 0.5\ngroup_shares = [0.5, 0.5]\n", i, i, i+1)
	}
	var shifts strings.Builder
	shifts.WriteString("name = \"shifts\"\n[staffing]\npattern = \"custom\"\nheadcount = 0\nofficers_per_shift = [" + strings.TrimSuffix(strings.Repeat("100000, ", 200), ", ") + "]\n")
	for i := range 200 {
		fmt.Fprintf(&shifts, "[[staffing.shifts]]\nname = \"s%d\"\nstart = \"00:00\"\nlength = \"24h\"\n", i)
	}
	for _, tc := range []struct{ name, text, want string }{
		{"hoods.toml", hoods.String(), "world.neighborhoods: the scenario needs about 89.4 GiB of memory for one replicate by the estimate (1000 cells, 1000000000 residents with 4 ties each"},
		{"shifts.toml", shifts.String(), "staffing: the scenario needs about 4.8 GiB of memory for one replicate by the estimate"},
	} {
		path := filepath.Join(dir, tc.name)
		write(t, path, tc.text)
		start := time.Now()
		_, err := Load(path, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "at most 2.0 GiB allowed") {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: refused after %v", tc.name, d)
		}
	}
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = CheckStudy(slices.Repeat([]*Scenario{base}, 10000), 1, 2)
	if err == nil || !strings.Contains(err.Error(), "study: needs about 4.7 GiB of memory by the estimate (10000 scenarios or points held at 488 KiB each") {
		t.Errorf("10,000 points: %v", err)
	}
	if err := CheckStudy(slices.Repeat([]*Scenario{base}, 8000), 1, 2); err != nil {
		t.Errorf("8,000 points of baseline, 3.7 GiB by the estimate: %v", err)
	}
	big, err := Load("baseline", []string{"staffing.headcount=100000"})
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckStudy([]*Scenario{big}, 1, 2); err != nil {
		t.Errorf("one replicate of 100,000 officers, a few minutes: %v", err)
	}
	if err := CheckStudy([]*Scenario{big}, 1000, 2); err == nil || !strings.Contains(err.Error(), "work units by the estimate (1 scenarios or points x 1000 replicates), at most 1e+12 allowed") {
		t.Errorf("1000 replicates of 100,000 officers: %v", err)
	}
	if err := CheckStudy([]*Scenario{base, base}, 100, 2); err != nil {
		t.Errorf("an ordinary study refused: %v", err)
	}
}

// TestSweepCountsFirst checks that a sweep's points are counted before
// any value is loaded (issue 14, item 7): 10,001 values took 169 s to be
// rejected and 20,000 did not answer in 300 s.
func TestSweepCountsFirst(t *testing.T) {
	for _, n := range []int{10001, 20000} {
		v := make([]string, n)
		for i := range v {
			v[i] = fmt.Sprint(i + 1)
		}
		path := filepath.Join(t.TempDir(), "sweep.toml")
		write(t, path, "name = \"s\"\n[sweep.grid]\nstaffing.headcount = ["+strings.Join(v, ", ")+"]\n")
		start := time.Now()
		_, err := LoadSweep(path, nil)
		if want := fmt.Sprintf("sweep.toml: sweep: has %d points, at most 10000 allowed", n); err == nil || err.Error() != path[:len(path)-len("sweep.toml")]+want {
			t.Errorf("%d values: got %v, want %s", n, err, want)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%d values: refused after %v", n, d)
		}
	}
}
