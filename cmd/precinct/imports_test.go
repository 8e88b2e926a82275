package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// layers is the import order of the project's packages, leaves first
// (docs/ARCHITECTURE.md): a package may import only packages of earlier
// layers.
var layers = [][]string{
	{"internal/enum", "internal/browsertest", "internal/cputime"},
	{"agents"},
	{"sim"},
	{"scenarios"},
	{"study"},
	{"staffing"},
	{"cad"},
	{"report/plots"},
	{"report"},
	{"workbench"},
	{"cmd/precinct"},
}

// TestImportDirection fails when a package imports one of the same or a
// later layer, or when a package is missing from the layers.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	rank := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			rank[p] = i
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var pkg struct {
			ImportPath string
			Module     struct{ Path string }
			Imports    []string
		}
		if err := dec.Decode(&pkg); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		prefix := pkg.Module.Path + "/"
		name := strings.TrimPrefix(pkg.ImportPath, prefix)
		r, ok := rank[name]
		if !ok {
			t.Errorf("package %s is in no layer: add it to layers here and to docs/ARCHITECTURE.md", name)
			continue
		}
		for _, imp := range pkg.Imports {
			dep, internal := strings.CutPrefix(imp, prefix)
			if !internal {
				continue
			}
			if d, ok := rank[dep]; ok && d >= r {
				t.Errorf("%s imports %s: imports must flow %s", name, dep, order())
			}
		}
	}
}

func order() string {
	var names []string
	for _, l := range layers {
		names = append(names, strings.Join(l, ", "))
	}
	return "from " + strings.Join(names, " to ") + ", never back"
}
