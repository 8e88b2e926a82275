package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// withLibrary replaces the library with files (name -> TOML) for the
// length of the test.
func withLibrary(t *testing.T, files map[string]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[libraryPath(name)] = &fstest.MapFile{Data: []byte(text)}
	}
	old := library
	library = fsys
	t.Cleanup(func() { library = old })
}

// TestLibraryChains checks extends across library scenarios: a chain
// resolves root first, and a cycle, a missing parent or a parent given as
// a path is a problem that names the file, the line and the chain.
func TestLibraryChains(t *testing.T) {
	withLibrary(t, map[string]string{
		"baseline": `name = "baseline"`,
		"plan":     "name = \"plan\"\nextends = \"baseline\"\ngroup = \"staffing\"\nbriefing = \"b\"\n[staffing]\nheadcount = 60\npattern = \"12x2\"\n",
		"cut":      "name = \"cut\"\nextends = \"plan\"\n[staffing]\nheadcount = 54\n",
		"loop_a":   "name = \"loop_a\"\nextends = \"loop_b\"\n",
		"loop_b":   "name = \"loop_b\"\n\nextends = \"loop_a\"\n",
		"self":     "extends = \"self\"\n",
		"orphan":   "name = \"orphan\"\nextends = \"no_such_parent\"\n",
		"by_path":  "name = \"by_path\"\nextends = \"plan.toml\"\n",
	})
	s, err := Load("cut", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "cut" || s.Staffing.Headcount != 54 || s.Staffing.Pattern != "12x2" || s.Group != "staffing" || s.Briefing != "" {
		t.Errorf("cut -> plan -> baseline resolved to name %q, headcount %d, pattern %s, group %q, briefing %q; want cut, 54, 12x2, staffing and no briefing",
			s.Name, s.Staffing.Headcount, s.Staffing.Pattern, s.Group, s.Briefing)
	}
	bad := filepath.Join(fixtures, "bad")
	for _, tc := range []struct {
		ref  string
		want string
	}{
		{"loop_a", "library/loop_b.toml:3: extends: cycle: library/loop_a.toml -> library/loop_b.toml -> library/loop_a.toml"},
		{"self", "library/self.toml:1: extends: cycle: library/self.toml -> library/self.toml"},
		{"orphan", `library/orphan.toml:2: extends: unknown scenario "no_such_parent": not a library scenario (library: baseline, by_path, cut, loop_a, loop_b, orphan, plan, self)`},
		{"by_path", `library/by_path.toml:2: extends: unknown scenario "plan.toml": a library scenario extends another by its name`},
		{filepath.Join(bad, "library_cycle.toml"), "extends: cycle: " + filepath.Join(bad, "library_cycle.toml") + " -> library/loop_a.toml -> library/loop_b.toml -> library/loop_a.toml"},
		{filepath.Join(bad, "library_orphan.toml"), `library/orphan.toml:2: extends: unknown scenario "no_such_parent"`},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			_, err := Load(tc.ref, nil)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if probs := problems(t, err); len(probs) != 1 {
				t.Errorf("got %d problems, want 1:\n%v", len(probs), err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not say %q:\n%v", tc.want, err)
			}
		})
	}
}

// TestLocalLibraryFolder checks that a user's own folder called library
// is an ordinary folder: its files find their parents beside them, not in
// the working directory.
func TestLocalLibraryFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("library", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"parent.toml":         "name = \"parent\"\n[staffing]\nheadcount = 70\n",
		"library/parent.toml": "name = \"parent\"\n[staffing]\nheadcount = 80\n",
		"library/child.toml":  "name = \"child\"\nextends = \"parent.toml\"\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Load("library/child.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Staffing.Headcount != 80 {
		t.Errorf("headcount %d, want 80 from library/parent.toml beside the child", s.Staffing.Headcount)
	}
}
