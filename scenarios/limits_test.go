//go:build unix

package scenarios

import (
	"os"
	"path/filepath"
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
