package scenarios

import (
	"strings"
	"testing"
)

// hoodMap is a 4x2 world whose two neighborhoods are given cell by cell;
// rows replaces its neighborhood_rows and extra is appended.
func hoodMap(rows, extra string) string {
	return `name = "hoodmap"
[world]
width = 4
height = 2
station = [0, 0]
beat_cols = 2
beat_rows = 1
places = []
[[world.neighborhoods]]
name = "west"
call_weight = 1
population = 300
trust = 0.6
group_shares = [0.5, 0.5]
[[world.neighborhoods]]
name = "east"
call_weight = 3
population = 100
trust = 0.4
group_shares = [0.5, 0.5]
` + extra + `
[world.map]
neighborhood_rows = ` + rows + "\n"
}

// TestNeighborhoodRows checks neighborhoods given cell by cell: each cell
// gets its row's neighborhood and that neighborhood's call weight, and
// residents are spread over a neighborhood's own cells; and each kind of
// bad map is named by key and line.
func TestNeighborhoodRows(t *testing.T) {
	s, err := Parse("hoodmap.toml", []byte(hoodMap(`["0001", "0111"]`, "")), nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := s.Config()
	wantHood := []int{0, 0, 0, 1, 0, 1, 1, 1}
	for c, h := range cfg.Grid.Neighborhood {
		if h != wantHood[c] {
			t.Fatalf("cell %d: neighborhood %d, want %d", c, h, wantHood[c])
		}
		if w := []float64{1, 3}[h]; cfg.Grid.CallWeight[c] != w {
			t.Errorf("cell %d: call weight %g, want %g", c, cfg.Grid.CallWeight[c], w)
		}
	}
	// 400 residents over 8 cells is 50 a cell: west's 300 over its 4 cells
	// is 1.5 times that, east's 100 over 4 is 0.5.
	res := cfg.Community.Crime.LandUse[0]
	for c, h := range wantHood {
		if want := []float64{1.5, 0.5}[h]; res[c] != want {
			t.Errorf("cell %d: residential weight %g, want %g", c, res[c], want)
		}
	}
	for _, tc := range []struct {
		name, rows, extra string
		want              []string
	}{
		{"rows", `["0001"]`, "", []string{"hoodmap.toml:", "world.map.neighborhood_rows: must have one string per row of the grid (2), got 1"}},
		{"columns", `["0001", "01"]`, "", []string{"world.map.neighborhood_rows[1]: must have one character per column (4), got 2"}},
		{"character", `["0001", "0121"]`, "", []string{"world.map.neighborhood_rows[1]: column 2: '2' is not one of the 2 neighborhoods"}},
		{"unused", `["0000", "0000"]`, "", []string{"world.neighborhoods[1]", `"east" ('1') has no cell`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("hoodmap.toml", []byte(hoodMap(tc.rows, tc.extra)), nil)
			if err == nil {
				t.Fatal("parsed without error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
		})
	}
	t.Run("cells too", func(t *testing.T) {
		text := strings.Replace(hoodMap(`["0001", "0111"]`, ""), `name = "east"`, "name = \"east\"\ncells = [0, 0, 1, 1]", 1)
		_, err := Parse("hoodmap.toml", []byte(text), nil)
		if err == nil || !strings.Contains(err.Error(), "world.neighborhoods[1].cells: must be left out when world.map.neighborhood_rows") {
			t.Errorf("want the cells named, got %v", err)
		}
	})
}
