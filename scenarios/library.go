package scenarios

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed library/*.toml
var embedded embed.FS

// library holds the library scenarios: the embedded files (tests swap in
// others).
var library fs.FS = embedded

const libraryDir = "library"

// Entry describes one library scenario.
type Entry struct {
	Name    string
	Group   string // training, staffing or policy (see Groups)
	Extends string // the library scenario it extends, "" for none
	Summary string
}

// Library lists the embedded scenarios in reading order: by group in the
// order of Groups (scenarios without a group last), and within a group
// each scenario before the ones that extend it, siblings by name. It
// returns an error if a library scenario does not load, which the tests
// rule out.
func Library() ([]Entry, error) {
	var all []Entry
	for _, name := range Names() {
		s, err := Load(name, nil)
		if err != nil {
			return nil, fmt.Errorf("library scenario %s: %w", name, err)
		}
		data, _ := libraryFile(name)
		var head struct {
			Extends string `toml:"extends"`
		}
		if _, err := toml.Decode(string(data), &head); err != nil {
			return nil, fmt.Errorf("library scenario %s: %w", name, err)
		}
		all = append(all, Entry{Name: name, Group: s.Group, Extends: head.Extends, Summary: s.Summary})
	}
	return readingOrder(all), nil
}

// readingOrder sorts entries (given in name order) by group, and within a
// group depth-first from the scenarios whose parent is not in the group.
// Every group is one of Groups or "" (Validate), and extends has no cycles
// (Load), so every entry is placed once.
func readingOrder(all []Entry) []Entry {
	var out []Entry
	var visit func(parent, group string)
	visit = func(parent, group string) {
		for _, e := range all {
			if e.Group == group && e.Extends == parent {
				out = append(out, e)
				visit(e.Name, group)
			}
		}
	}
	for _, g := range append(Groups(), "") {
		for _, e := range all {
			parentInGroup := slices.ContainsFunc(all, func(p Entry) bool { return p.Name == e.Extends && p.Group == g })
			if e.Group == g && !parentInGroup {
				out = append(out, e)
				visit(e.Name, g)
			}
		}
	}
	return out
}

// Names returns the names of the library scenarios, sorted.
func Names() []string {
	files, err := fs.Glob(library, libraryDir+"/*.toml")
	if err != nil {
		panic("scenarios: " + err.Error())
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".toml")
	}
	return names
}

// Source returns the TOML text of library scenario name as shipped.
func Source(name string) ([]byte, bool) { return libraryFile(name) }

func libraryFile(name string) ([]byte, bool) {
	data, err := fs.ReadFile(library, libraryPath(name))
	return data, err == nil
}

func libraryPath(name string) string { return libraryDir + "/" + name + ".toml" }

// TOML returns the fully resolved scenario as TOML: every key, defaults
// included, so that the text alone reproduces the scenario.
func (s *Scenario) TOML() []byte {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(s); err != nil {
		panic("scenarios: encoding a scenario: " + err.Error())
	}
	return b.Bytes()
}
