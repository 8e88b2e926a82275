package sim

import (
	"math/rand/v2"
	"testing"
)

// TestPlaceMap checks placeMap.at against the grid's own arrays on every
// cell of grids of blocks (as scenarios make them), of scattered places
// and of one row or one column.
func TestPlaceMap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, tc := range []struct {
		name   string
		w, h   int
		beats  int
		hoods  int
		blocks bool // places in blocks of 8 x 8 cells, else each cell's drawn alone
	}{
		{"blocks", 64, 48, 12, 4, true},
		{"scattered", 37, 23, 9, 5, false},
		{"one cell", 1, 1, 1, 1, true},
		{"one row", 50, 1, 3, 2, false},
		{"one column", 1, 40, 4, 3, false},
		{"uniform", 16, 16, 1, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &Grid{Width: tc.w, Height: tc.h, Beats: tc.beats, Beat: make([]int, tc.w*tc.h), Neighborhood: make([]int, tc.w*tc.h)}
			blockBeat := make(map[[2]int]int)
			blockHood := make(map[[2]int]int)
			for i := range g.Beat {
				if tc.blocks {
					k := [2]int{i % tc.w / 8, i / tc.w / 8}
					if _, ok := blockBeat[k]; !ok {
						blockBeat[k], blockHood[k] = r.IntN(tc.beats), r.IntN(tc.hoods)
					}
					g.Beat[i], g.Neighborhood[i] = blockBeat[k], blockHood[k]
				} else {
					g.Beat[i], g.Neighborhood[i] = r.IntN(tc.beats), r.IntN(tc.hoods)
				}
			}
			m := newPlaceMap(g)
			for i := range g.Beat {
				if got := m.at(i); int(got.beat) != g.Beat[i] || int(got.hood) != g.Neighborhood[i] {
					t.Fatalf("cell %d: beat %d, neighborhood %d; want %d, %d", i, got.beat, got.hood, g.Beat[i], g.Neighborhood[i])
				}
			}
			if tc.blocks && len(m.runs) > tc.h*((tc.w+7)/8) {
				t.Errorf("%d runs, want at most one per block and row (%d)", len(m.runs), tc.h*((tc.w+7)/8))
			}
		})
	}
}
