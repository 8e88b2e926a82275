package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNearRepeatBlocks checks the near-repeat metric, which skips the
// blocks of cells with no recent offense, against a scan of every cell
// of the window on random offenses: grids smaller and larger than a
// block, radii of one cell and of several blocks.
func TestNearRepeatBlocks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		w, h, nr int
		types    int
		perDay   float64
	}{
		{"baseline-like", 64, 64, 1, 3, 40},
		{"fine grid", 256, 256, 4, 7, 40},
		{"smaller than a block", 5, 3, 2, 2, 5},
		{"radius of blocks", 40, 30, 12, 1, 2},
		{"one row", 70, 1, 3, 2, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, 12))
			g := &Grid{Width: tc.w, Height: tc.h}
			m := &community{nrCells: tc.nr, last: newLastOffenses(g, tc.types)}
			ref := make([][]float64, tc.types)
			for k := range ref {
				ref[k] = make([]float64, g.Cells())
				for i := range ref[k] {
					ref[k][i] = math.Inf(-1)
				}
			}
			now, found := 0.0, 0
			for range 3000 {
				now += r.ExpFloat64() * MinutesPerDay / tc.perDay
				typ, cell := r.IntN(tc.types), r.IntN(g.Cells())
				x, y := cell%tc.w, cell/tc.w
				want := false
				for cy := max(0, y-tc.nr); cy <= min(tc.h-1, y+tc.nr); cy++ {
					for cx := max(0, x-tc.nr); cx <= min(tc.w-1, x+tc.nr); cx++ {
						want = want || now-ref[typ][cy*tc.w+cx] <= nearRepeatDays*MinutesPerDay
					}
				}
				ref[typ][cell] = now
				if got := m.nearRepeat(typ, cell, now); got != want {
					t.Fatalf("minute %g, type %d, cell %d: near repeat %v, want %v", now, typ, cell, got, want)
				}
				if want {
					found++
				}
			}
			if found == 0 {
				t.Errorf("no near repeat among the offenses: the case tests nothing")
			}
		})
	}
}
