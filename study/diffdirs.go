package study

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
)

// varyingFields matches the summary.json fields that may differ between
// two runs of the same study: when it ran and on how many workers.
var varyingFields = regexp.MustCompile(`"(started|finished|workers)": ("[^"]*"|[0-9]+)`)

// DiffDirs compares two output directories file by file and returns the
// files (relative paths) that differ or exist in only one. summary.json
// is compared without its started, finished and workers fields: two runs
// of the same study, on any number of workers, interrupted and resumed or
// not, differ in nothing else.
func DiffDirs(a, b string) ([]string, error) {
	fa, err := dirFiles(a)
	if err != nil {
		return nil, err
	}
	fb, err := dirFiles(b)
	if err != nil {
		return nil, err
	}
	var diff []string
	for name, x := range fa {
		if y, ok := fb[name]; !ok || !bytes.Equal(x, y) {
			diff = append(diff, name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			diff = append(diff, name)
		}
	}
	slices.Sort(diff)
	return diff, nil
}

func dirFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if rel == SummaryFile {
			data = varyingFields.ReplaceAll(data, []byte(`"$1": "-"`))
		}
		files[rel] = data
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return files, nil
}
