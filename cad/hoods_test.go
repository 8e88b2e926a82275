package cad

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

// hoodFixture is the baseline's neighborhoods as a GeoJSON map at the
// Cincinnati anchor, as WriteHoodsGeoJSON writes it (TestHoodsFixture
// checks that it still is).
const hoodFixture = "testdata/neighborhoods.geojson"

// TestHoodsFixture checks that the committed fixture is what
// WriteHoodsGeoJSON writes for the baseline and stays under 1 MB.
func TestHoodsFixture(t *testing.T) {
	s := scenarios.Default()
	want, err := WriteHoodsGeoJSON(&s, "cincinnati")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(hoodFixture)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the baseline's neighborhoods as WriteHoodsGeoJSON writes them", hoodFixture)
	}
	if len(got) >= 1<<20 {
		t.Errorf("%s is %d bytes, want under 1 MB", hoodFixture, len(got))
	}
}

// diagonal is the baseline with its neighborhoods given cell by cell in
// four diagonal bands (x + y), shapes no rectangle list can give.
func diagonal(t *testing.T) scenarios.Scenario {
	s := scenarios.Default()
	s.Name = "diagonal"
	w := &s.World
	rows := make([]string, w.Height)
	for y := range rows {
		row := make([]byte, w.Width)
		for x := range row {
			row[x] = scenarios.MapAlphabet[min(3, (x+y)*4/(w.Width+w.Height))]
		}
		rows[y] = string(row)
	}
	w.Map = &scenarios.CellMap{NeighborhoodRows: rows}
	for i := range w.Neighborhoods {
		w.Neighborhoods[i].Cells = [4]int{}
	}
	if err := scenarios.Validate(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHoodsRoundTrip imports an extract with its beat map and a
// neighborhood map, the fixture of the baseline's rectangles or the
// diagonal bands written by WriteHoodsGeoJSON, and checks that the
// imported scenario has the neighborhoods cell for cell, by name.
func TestHoodsRoundTrip(t *testing.T) {
	diag := diagonal(t)
	gj, err := WriteHoodsGeoJSON(&diag, "cincinnati")
	if err != nil {
		t.Fatal(err)
	}
	bands := filepath.Join(t.TempDir(), "bands.geojson")
	if err := os.WriteFile(bands, gj, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		s     scenarios.Scenario
		hoods string
	}{{"fixture", scenarios.Default(), hoodFixture}, {"diagonal bands", diag, bands}} {
		t.Run(tc.name, func(t *testing.T) { hoodsRoundTrip(t, &tc.s, tc.hoods) })
	}
}

func hoodsRoundTrip(t *testing.T, s *scenarios.Scenario, hoods string) {
	p, err := LoadProfile("cincinnati")
	if err != nil {
		t.Fatal(err)
	}
	gj, err := WriteBeatsGeoJSON(s, "cincinnati")
	if err != nil {
		t.Fatal(err)
	}
	beats := filepath.Join(t.TempDir(), "beats.geojson")
	if err := os.WriteFile(beats, gj, 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Generate(&buf, p, s, GenOptions{Days: 7, Quirk: 0.005}, rand.New(rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	res, err := Import("calls.csv", &buf, p, Options{Beats: beats, Hoods: hoods, CellM: s.World.CellM, MaxTypes: 10, Name: "imported"})
	if err != nil {
		t.Fatal(err)
	}
	imp, err := scenarios.Parse("imported.toml", res.Scenario, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, got := s.Config().Grid, imp.Config().Grid
	if got.Width != want.Width || got.Height != want.Height {
		t.Fatalf("grid %dx%d, want %dx%d", got.Width, got.Height, want.Width, want.Height)
	}
	if len(got.Neighborhoods) != len(want.Neighborhoods) {
		t.Fatalf("neighborhoods %v, want %v", got.Neighborhoods, want.Neighborhoods)
	}
	for c := range want.Neighborhood {
		if g, w := got.Neighborhoods[got.Neighborhood[c]], want.Neighborhoods[want.Neighborhood[c]]; g != w {
			t.Fatalf("cell %d (%d, %d): neighborhood %q, want %q", c, c%want.Width, c/want.Width, g, w)
		}
	}
}

// TestHoodsBadInput checks that a neighborhood map with no polygons, in
// another projection, off the beat map's grid, or without a beat map is a
// Problem naming the file.
func TestHoodsBadInput(t *testing.T) {
	s := scenarios.Default()
	dir := t.TempDir()
	gj, err := WriteBeatsGeoJSON(&s, "cincinnati")
	if err != nil {
		t.Fatal(err)
	}
	beats := filepath.Join(dir, "beats.geojson")
	if err := os.WriteFile(beats, gj, 0o644); err != nil {
		t.Fatal(err)
	}
	bm, err := ReadBeats(beats, "beat", s.World.CellM)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"points", `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [-84.5, 39.1]}}]}`,
			[]string{"points.geojson:", "holds no Polygon or MultiPolygon feature: want the neighborhoods as polygons"}},
		{"feet", `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[1400000, 400000], [1410000, 400000], [1410000, 410000], [1400000, 400000]]]}}]}`,
			[]string{"feet.geojson:2:", "not longitude and latitude", "WGS84"}},
		{"elsewhere", `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 50], [10.01, 50], [10.01, 50.01], [10, 50]]]}}]}`,
			[]string{"elsewhere.geojson:", "the maps do not overlap"}},
		{"unnamed", `{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"hood": "a"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 50], [10.01, 50], [10.01, 50.01], [10, 50]]]}}]}`,
			[]string{"unnamed.geojson:2:", `no property "name" naming its neighborhood`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, tc.name+".geojson")
			if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := bm.ReadNeighborhoods(file, "name")
			var p *scenarios.Problem
			if !asErr(err, &p) {
				t.Fatalf("want a Problem, got %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q: %v", w, err)
				}
			}
		})
	}
	_, err = Import("calls.csv", strings.NewReader(""), &Profile{}, Options{Hoods: hoodFixture})
	if err == nil || !strings.Contains(err.Error(), "neighborhoods.geojson: a neighborhood map goes onto the beat map's grid") {
		t.Errorf("without beats: %v", err)
	}
}
