package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// extract writes a two-day Cincinnati extract and its beat map into dir.
func extract(t *testing.T, dir string) (string, string) {
	t.Helper()
	csvFile, beats := filepath.Join(dir, "calls.csv"), filepath.Join(dir, "beats.geojson")
	if code, _, stderr := cli(t, "extract", "cincinnati", "--days", "2", "--out", csvFile, "--beats-out", beats); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	return csvFile, beats
}

// rewrite writes the records of src, changed by edit, to a new file.
func rewrite(t *testing.T, src, dst string, edit func(recs [][]string)) {
	t.Helper()
	recs := readCSV(t, src)
	edit(recs)
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// readCSV returns every record of the CSV file at path, header included.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func column(recs [][]string, name string) int {
	for i, h := range recs[0] {
		if h == name {
			return i
		}
	}
	return -1
}

// checkFilterCounts checks the breakdown of an extract whose every row
// was filtered: each of the generator's quirks (its duplicates, void and
// test calls, cancelled calls, calls with no unit, a missing timestamp,
// times out of order) is named with a count of at least 1, and with the
// rows of an unknown priority the counts add up to every data row.
func checkFilterCounts(t *testing.T, stderr string, rows int) {
	t.Helper()
	total := 0
	for _, reason := range []string{"duplicate", "void_or_test", "cancelled", "no_unit", "missing_timestamp", "out_of_order", "unknown_priority"} {
		m := regexp.MustCompile(`\b` + reason + ` (\d+)[,;]`).FindStringSubmatch(stderr)
		if m == nil {
			t.Errorf("stderr gives no count of %s:\n%s", reason, stderr)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n < 1 {
			t.Errorf("%s: %d rows, want at least 1 (the generator makes some of each)", reason, n)
		}
		total += n
	}
	if total != rows {
		t.Errorf("the filtered rows add up to %d, want all %d data rows:\n%s", total, rows, stderr)
	}
}

// TestImportBadInput checks that each kind of bad extract or beat map
// exits 2 naming the file, line and column, and that no output of the
// import is left behind.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	good, beats := extract(t, dir)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	semicolon := write("semicolon.csv", strings.ReplaceAll(string(data), ",", ";"))
	noPriority := filepath.Join(dir, "nopriority.csv")
	rewrite(t, good, noPriority, func(recs [][]string) { recs[0][column(recs, "PRIORITY")] = "PRIO" })
	badStamp := filepath.Join(dir, "badstamp.csv")
	rewrite(t, good, badStamp, func(recs [][]string) { recs[3][column(recs, "CREATE_TIME_INCIDENT")] = "2025-01-01T00:10:00" })
	allFiltered := filepath.Join(dir, "allfiltered.csv")
	var rows int // data rows: the generator's quirks are filtered for their own reasons, every other row for its priority
	rewrite(t, good, allFiltered, func(recs [][]string) {
		rows = len(recs) - 1
		for _, r := range recs[1:] {
			r[column(recs, "PRIORITY")] = "9"
		}
	})
	filtered := []string{"allfiltered.csv: no call left", fmt.Sprintf("all %d data rows were filtered", rows)}
	points := write("points.geojson", `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"beat": "B01"}, "geometry": {"type": "Point", "coordinates": [-84.5, 39.1]}}
]}
`)
	statePlane := write("stateplane.geojson", `{"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3735"}},
 "features": [
 {"type": "Feature", "properties": {"beat": "B01"}, "geometry": {"type": "Polygon", "coordinates": [[[1400000, 400000], [1410000, 400000], [1410000, 410000], [1400000, 400000]]]}}
]}
`)
	feet := write("feet.geojson", `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"beat": "B01"},
  "geometry": {"type": "Polygon", "coordinates": [[[1400000, 400000], [1410000, 400000], [1410000, 410000], [1400000, 400000]]]}}
]}
`)
	for _, tc := range []struct {
		name  string
		file  string
		beats string
		hoods string
		want  []string // in stderr
	}{
		{"wrong delimiter", semicolon, "", "", []string{"semicolon.csv:1:1:", `delimited by ";"`}},
		{"missing column", noPriority, "", "", []string{"nopriority.csv:1:1:", `no column "PRIORITY"`, "columns.priority"}},
		{"unparsable timestamp", badStamp, "", "", []string{"badstamp.csv:4:", "column CREATE_TIME_INCIDENT", `cannot read "2025-01-01T00:10:00" as a timestamp`}},
		{"every row filtered", allFiltered, "", "", filtered},
		{"no polygons", good, points, "", []string{"points.geojson:", "holds no Polygon or MultiPolygon"}},
		{"another projection by crs", good, statePlane, "", []string{"stateplane.geojson:2:", `crs "urn:ogc:def:crs:EPSG::3735"`, "WGS84"}},
		{"another projection by coordinates", good, feet, "", []string{"feet.geojson:3:", "not longitude and latitude"}},
		{"no such file", filepath.Join(dir, "nope.csv"), "", "", []string{"nope.csv: no such file"}},
		{"neighborhoods with no polygons", good, beats, points, []string{"points.geojson:", "holds no Polygon or MultiPolygon", "neighborhoods as polygons"}},
		{"neighborhoods in another projection", good, beats, statePlane, []string{"stateplane.geojson:2:", `crs "urn:ogc:def:crs:EPSG::3735"`, "neighborhood map must be in WGS84"}},
		{"neighborhoods in feet", good, beats, feet, []string{"feet.geojson:3:", "not longitude and latitude"}},
		{"neighborhoods without beats", good, "", feet, []string{"--neighborhoods goes onto the beat map's grid: give --beats too"}},
		{"no such neighborhood file", good, beats, filepath.Join(dir, "nohoods.geojson"), []string{"nohoods.geojson: no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "imported.toml")
			args := []string{"import", tc.file, "--profile", "cincinnati", "--out", out}
			if tc.beats != "" {
				args = append(args, "--beats", tc.beats)
			}
			if tc.hoods != "" {
				args = append(args, "--neighborhoods", tc.hoods)
			}
			code, _, stderr := cli(t, args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2\nstderr: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr)
				}
			}
			if tc.file == allFiltered {
				checkFilterCounts(t, stderr, rows)
			}
			left, err := os.ReadDir(filepath.Dir(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range left {
				t.Errorf("bad input left %s behind", e.Name())
			}
		})
	}
	t.Run("good input with the beat and neighborhood maps", func(t *testing.T) {
		hoods := filepath.Join(t.TempDir(), "hoods.geojson")
		if code, _, stderr := cli(t, "extract", "cincinnati", "--days", "1", "--out", filepath.Join(t.TempDir(), "x.csv"), "--hoods-out", hoods); code != 0 {
			t.Fatalf("extract: exit %d: %s", code, stderr)
		}
		out := filepath.Join(t.TempDir(), "imported.toml")
		if code, _, stderr := cli(t, "import", good, "--profile", "cincinnati", "--beats", beats, "--neighborhoods", hoods, "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"neighborhood_rows = [", `name = "Downtown"`, `name = "Eastwood"`} {
			if !strings.Contains(string(data), w) {
				t.Errorf("the scenario has no %q", w)
			}
		}
	})
	t.Run("good input with the beat map", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "imported.toml")
		if code, _, stderr := cli(t, "import", good, "--profile", "cincinnati", "--beats", beats, "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, f := range []string{out, filepath.Join(filepath.Dir(out), "observed.csv"), filepath.Join(filepath.Dir(out), "import.json")} {
			if _, err := os.Stat(f); err != nil {
				t.Error(err)
			}
		}
	})
}

// documented returns the backquoted names of the first column of the
// table under the OUTPUTS.md heading, names joined by ", " split apart.
func documented(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile("../../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("docs/OUTPUTS.md has no %q", heading)
	}
	var names []string
	for _, line := range strings.Split(text[i+len(heading)+2:], "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		first, _, ok := strings.Cut(strings.TrimPrefix(line, "| "), " |")
		if !ok || !strings.HasPrefix(first, "`") {
			continue
		}
		for n := range strings.SplitSeq(first, ", ") {
			names = append(names, strings.Trim(n, "`"))
		}
	}
	return names
}

// TestImportOutputsMatchDocs checks that observed.csv has the columns and
// import.json the fields docs/OUTPUTS.md lists, and nothing else.
func TestImportOutputsMatchDocs(t *testing.T) {
	dir := t.TempDir()
	good, _ := extract(t, dir)
	out := filepath.Join(dir, "city.toml")
	if code, _, stderr := cli(t, "import", good, "--profile", "cincinnati", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fh, err := os.Open(filepath.Join(dir, "observed.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	header, err := csv.NewReader(fh).Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := documented(t, "### observed.csv"); strings.Join(header, ",") != strings.Join(want, ",") {
		t.Errorf("observed.csv columns %v, docs/OUTPUTS.md lists %v", header, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "import.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for k, v := range doc {
		if sub, ok := v.(map[string]any); ok {
			for k2 := range sub {
				fields = append(fields, k+"."+k2)
			}
			continue
		}
		fields = append(fields, k)
	}
	slices.Sort(fields)
	want := documented(t, "### import.json")
	slices.Sort(want)
	if !slices.Equal(fields, want) {
		t.Errorf("import.json fields %v, docs/OUTPUTS.md lists %v", fields, want)
	}
	if doc["imported"] == "" {
		t.Error("import.json does not say which program imported it")
	}
}
