//go:build unix

package study

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileAtomicDestinations checks what an atomic write replaces: a
// symbolic link is followed (the link stays, its target gets the data and
// keeps its permissions); a FIFO, a directory or a link to nothing is
// refused with ErrNotRegular and left as it was.
func TestWriteFileAtomicDestinations(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.toml")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink("target.toml", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v, %v", fi.Mode(), err)
	}
	if data, err := os.ReadFile(target); err != nil || string(data) != "new" {
		t.Errorf("the link's target holds %q (%v), want new", data, err)
	}
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the target's permissions: %v (%v), want 0600 kept", fi.Mode().Perm(), err)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink("missing/file", dangling); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]fs.FileMode{fifo: fs.ModeNamedPipe, sub: fs.ModeDir, dangling: fs.ModeSymlink} {
		if err := WriteFileAtomic(path, []byte("x")); !errors.Is(err, ErrNotRegular) {
			t.Errorf("writing %s: %v, want ErrNotRegular", path, err)
		}
		if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != kind {
			t.Errorf("%s is now %v (%v), want it left as it was", path, fi.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 5 {
		t.Errorf("%d entries, want the 5 made here: temporary files left behind?", len(entries))
	}
}
