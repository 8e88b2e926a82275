package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 54848: "54,848", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	var tb table
	tb.row("Label", "n", "share")
	tb.row("  a longer label", "1,234", "5.0%")
	var b strings.Builder
	tb.write(&b)
	want := "Label                 n  share\n" +
		"  a longer label  1,234   5.0%\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	for _, content := range []string{"first", "second, longer"} {
		if err := WriteFileAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Errorf("read %q, %v; want %q", got, err, content)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x"), nil); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestProvenance(t *testing.T) {
	p := CurrentProvenance()
	if p.Program != "precinct" || p.GoVersion == "" || p.GOARCH == "" || p.Seeding == "" {
		t.Errorf("incomplete provenance: %+v", p)
	}
	if Hash([]byte("a")) == Hash([]byte("b")) || len(Hash(nil)) != 64 {
		t.Error("Hash is not a SHA-256 hex digest")
	}
}
