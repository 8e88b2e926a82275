package scenarios

import (
	"bytes"
	"embed"
	"io/fs"
	"path"
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
	Summary string
}

// Library lists the embedded scenarios in name order.
func Library() []Entry {
	var out []Entry
	for _, name := range Names() {
		data, _ := libraryFile(name)
		var head struct {
			Summary string `toml:"summary"`
		}
		_, _ = toml.Decode(string(data), &head)
		out = append(out, Entry{Name: name, Summary: head.Summary})
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
