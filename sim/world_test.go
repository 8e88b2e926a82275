package sim

import (
	"math/rand/v2"
	"testing"
)

// TestBeatCell checks that the runs give every beat's k-th cell as the
// beat's list of cells does, on beats of blocks, stripes, scattered cells
// and a single cell.
func TestBeatCell(t *testing.T) {
	const w, h = 12, 9
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range []struct {
		name  string
		beats int
		beat  func(x, y int) int
	}{
		{"blocks", 4, func(x, y int) int { return 2*(y/5) + x/6 }},
		{"stripes", 3, func(x, y int) int { return x % 3 }},
		{"scattered", 5, func(x, y int) int { return rng.IntN(5) }},
		{"one cell", 2, func(x, y int) int {
			if x == 7 && y == 4 {
				return 1
			}
			return 0
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &Grid{Width: w, Height: h, CellM: 100, Beats: tc.beats, Beat: make([]int, w*h), Neighborhood: make([]int, w*h)}
			for i := range g.Beat {
				g.Beat[i] = tc.beat(i%w, i/w)
			}
			wd := newWorld(g, Travel{})
			for b, cells := range wd.beatCells {
				for k, c := range cells {
					if got := wd.beatCell(b, k); got != int(c) {
						t.Fatalf("beat %d, cell %d of %d: %d, want %d", b, k, len(cells), got, c)
					}
				}
			}
		})
	}
}
