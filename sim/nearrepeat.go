package sim

import (
	"math"
	"slices"
)

// The near-repeat submodel (docs/MODEL.md 7.12): an offense raises the
// risk of its cell and its neighbours for a while (the self-exciting part
// of agents.CrimeField), and each offense is classified as a near repeat
// or not for the metrics.

// nearRepeatRadiusM and nearRepeatDays define the near-repeat metric: an
// offense within this distance and time of an earlier one of the same type.
const (
	nearRepeatRadiusM = 100
	nearRepeatDays    = 7
)

// nearRepeatBlock is the side, in cells, of the blocks of lastOffenses.
const nearRepeatBlock = 8

// lastOffenses holds, per offense type, the minute of the last offense
// in each cell, and in each block of nearRepeatBlock x nearRepeatBlock
// cells the latest of its cells' minutes. The near-repeat metric reads
// the cells of a block only when the block's latest offense is recent
// enough: a window of many cells (a fine grid) costs a read of the few
// blocks it overlaps rather than of each of its cells' lines.
type lastOffenses struct {
	w, h, bw int         // the grid's width and height in cells, its width in blocks
	cell     [][]float64 // per type, per cell (-Inf: none yet)
	block    [][]float64 // per type, per block, the latest of its cells'
}

// newLastOffenses returns the record of types offense types on grid g,
// with no offense yet.
func newLastOffenses(g *Grid, types int) lastOffenses {
	l := lastOffenses{w: g.Width, h: g.Height, bw: (g.Width + nearRepeatBlock - 1) / nearRepeatBlock,
		cell: make([][]float64, types), block: make([][]float64, types)}
	n, nb := g.Cells(), l.bw*((g.Height+nearRepeatBlock-1)/nearRepeatBlock)
	// Every type's minutes in one table, filled with -Inf by copying
	// what is filled onto what is not, so that it costs a few copies of
	// memory rather than a store a cell.
	all := slices.Repeat([]float64{math.Inf(-1)}, types*(n+nb))
	for t := range types {
		l.cell[t] = all[t*n : (t+1)*n : (t+1)*n]
		l.block[t] = all[types*n+t*nb : types*n+(t+1)*nb : types*n+(t+1)*nb]
	}
	return l
}

// nearRepeat reports whether an offense of type typ at cell at minute t
// has an earlier one of the same type within the near-repeat radius and
// time, and marks this one.
func (m *community) nearRepeat(typ, cell int, t float64) bool {
	lo := &m.last
	last, block := lo.cell[typ], lo.block[typ]
	w := lo.w
	x, y := cell%w, cell/w
	x0, x1 := max(0, x-m.nrCells), min(w-1, x+m.nrCells)
	y0, y1 := max(0, y-m.nrCells), min(lo.h-1, y+m.nrCells)
	found := false
	for by := y0 / nearRepeatBlock; by <= y1/nearRepeatBlock && !found; by++ {
		for bx := x0 / nearRepeatBlock; bx <= x1/nearRepeatBlock && !found; bx++ {
			// Every cell of a block is at least as old as its latest.
			if !(t-block[by*lo.bw+bx] <= nearRepeatDays*MinutesPerDay) {
				continue
			}
			cx0, cx1 := max(x0, bx*nearRepeatBlock), min(x1, (bx+1)*nearRepeatBlock-1)
			cy0, cy1 := max(y0, by*nearRepeatBlock), min(y1, (by+1)*nearRepeatBlock-1)
			for cy := cy0; cy <= cy1 && !found; cy++ {
				for cx := cx0; cx <= cx1; cx++ {
					if t-last[cy*w+cx] <= nearRepeatDays*MinutesPerDay {
						found = true
						break
					}
				}
			}
		}
	}
	last[cell] = t
	b := &block[y/nearRepeatBlock*lo.bw+x/nearRepeatBlock]
	*b = max(*b, t)
	return found
}

// stationaryNearRepeat starts the follow-on risk of every cell at its
// stationary mean at minute 0 (MODEL.md 5, crime.initial = "stationary")
// instead of at zero: the risk a long run at the starting rates would
// hold on average, so that offending does not climb through the first
// weeks as the self-exciting part fills up. The neighborhood multipliers
// must be those of minute 0; deterrence, which thins offenses before they
// boost, is left out (MODEL.md 5).
func (m *community) stationaryNearRepeat() {
	cr := &m.cfg.Crime
	offspring := make([]float64, len(cr.Types))
	for k, ct := range cr.Types {
		offspring[k] = cr.NearRepeat * ct.NearRepeatScale
	}
	mult := make([]float64, m.grid.Cells())
	for i := range mult {
		mult[i] = m.hoodMult[m.grid.Neighborhood[i]]
	}
	m.field.SetStationary(0, offspring, mult, cr.NearRepeatSpread)
}

// nearRepeatBoost raises the dynamic attractiveness around cell after an
// offense of type ct: the expected offspring are the precinct's branching
// ratio times the type's scale, spread to the neighbours as configured.
func (e *engine) nearRepeatBoost(cell int, ct *CrimeType) {
	m := e.com
	cr := &e.cfg.Community.Crime
	if b := cr.NearRepeat * ct.NearRepeatScale; b > 0 {
		m.field.Boost(cell, e.now, b, cr.NearRepeatSpread, func(c int) { m.reweight(c, e.now) })
	}
}
