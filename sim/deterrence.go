package sim

import (
	"iter"
	"math"
)

// presence is where officers dwell and the deterrence their presence
// exerts on offending, cell by cell.
//
// While an officer dwells in a cell, offending there is suppressed by
// Crime.Deterrence. When a dwell of length L ends, the cell keeps the
// residual R(L) = Crime.ResidualDeterrence x koper(L), which decays with
// mean life Crime.DeterrenceLife after the departure (Koper 1995: stops
// must last about ten minutes to deter after they end, with diminishing
// returns past about fifteen). Of overlapping residuals the cell keeps the
// largest still in force. A cell also feels Crime.DeterrenceSpread of the
// deterrence of each of its 8 neighbours, by the max rule: benefits
// diffuse, nothing is displaced (Braga et al. 2019).
//
// Only the cells an officer covers or has lately left hold a record, in a
// small open-addressing table that stays in cache whatever the grid: a
// patrol leg reads no record of a large grid. At every midnight the
// records whose cover is over and whose residual has decayed below
// residualGone are dropped (34.5 mean lives after the departure: 17 hours
// at the default mean life of 30 minutes); a dropped residual and one below 10^-15 differ only for a
// candidate whose uniform falls below it. A record also holds the hours
// dwelt in its cell within the measured window, added to the cells' totals
// when it is dropped and at the end.
type presence struct {
	cr   *Crime
	w, h int

	place placeMap       // each cell's beat and neighborhood
	slot  []presenceSlot // open addressing by cell
	rec   []cellPresence // the records
	hours []float64      // per cell, hours of dropped records (the cells' PresenceHours)
}

// presenceSlot is a slot of the presence table: a cell and its record's
// index + 1, or 0 for an empty slot. A probe for a cell without a record,
// as most of an offense's neighbours are, reads the slots only.
type presenceSlot struct{ cell, rec int32 }

// cellPresence is the presence record of a cell.
type cellPresence struct {
	// Officers dwelling in the cell cover [dwellFrom, dwellTo]
	// (overlapping dwells merged).
	dwellFrom, dwellTo float64
	// The residual deterrence in force in the cell: its strength at the
	// departure resLeft (-Inf: none yet).
	resStrength, resLeft float64
	hours                float64 // officer-hours dwelt within the measured window, not yet in presence.hours
	cell                 int32
}

// residualGone is the residual deterrence below which a cell's record is
// dropped at midnight.
const residualGone = 1e-15

// newPresence returns the empty presence table of grid g, whose cells'
// beats and neighborhoods place holds (the world's map, shared).
func newPresence(cr *Crime, g *Grid, place placeMap) presence {
	return presence{cr: cr, w: g.Width, h: g.Height, place: place,
		slot: make([]presenceSlot, 1024), hours: make([]float64, g.Cells())}
}

// find returns the slot of cell i: the one holding its record, or the
// empty slot where it would go.
func (p *presence) find(i int) int {
	mask := uint32(len(p.slot) - 1)
	k := (uint32(i) * 0x9e3779b1) & mask
	for {
		if s := p.slot[k]; s.rec == 0 || s.cell == int32(i) {
			return int(k)
		}
		k = (k + 1) & mask
	}
}

// get returns cell i's record, or nil when it has none; the pointer
// holds until the next record is made.
func (p *presence) get(i int) *cellPresence {
	if r := p.slot[p.find(i)].rec; r > 0 {
		return &p.rec[r-1]
	}
	return nil
}

// record returns cell i's record, made (no cover, no residual) if it has
// none; the pointer holds until the next record is made.
func (p *presence) record(i int) *cellPresence {
	k := p.find(i)
	if r := p.slot[k].rec; r > 0 {
		return &p.rec[r-1]
	}
	p.rec = append(p.rec, cellPresence{dwellFrom: math.Inf(-1), dwellTo: math.Inf(-1), resLeft: math.Inf(-1), cell: int32(i)})
	if 2*len(p.rec) > len(p.slot) {
		p.reindex(2 * len(p.slot))
	} else {
		p.slot[k] = presenceSlot{cell: int32(i), rec: int32(len(p.rec))}
	}
	return &p.rec[len(p.rec)-1]
}

// reindex rebuilds the table of n slots (a power of two) over the
// records.
func (p *presence) reindex(n int) {
	if len(p.slot) == n {
		clear(p.slot)
	} else {
		p.slot = make([]presenceSlot, n)
	}
	for r := range p.rec {
		c := p.rec[r].cell
		p.slot[p.find(int(c))] = presenceSlot{cell: c, rec: int32(r + 1)}
	}
}

// prune drops, at minute t, the records of cells no officer covers from
// t on and whose residual (at most 1 when it was left) has decayed below
// residualGone, adding their hours to the cells' totals.
func (p *presence) prune(t float64) {
	gone := -math.Log(residualGone) * p.cr.DeterrenceLife // a residual of at most 1 has decayed below residualGone
	kept := p.rec[:0]
	for _, c := range p.rec {
		if c.dwellTo >= t || (c.resStrength > 0 && t-c.resLeft < gone) {
			kept = append(kept, c)
		} else if c.hours != 0 {
			p.hours[c.cell] += c.hours
		}
	}
	p.rec = kept
	p.reindex(len(p.slot))
}

// presenceHours returns the officer-hours dwelt in each cell within the
// measured window, records still held included.
func (p *presence) presenceHours() []float64 {
	out := make([]float64, len(p.hours))
	copy(out, p.hours)
	for _, c := range p.rec {
		out[c.cell] += c.hours
	}
	return out
}

// koper is the Koper curve g(L) = (L/L*)^a exp(a (1 - L/L*)) of a dwell of
// L minutes, peak L* = Crime.KoperPeak, shape a = Crime.KoperShape: a
// gamma-density shape equal to 1 at its peak, near 0 for a drive-by.
// Shape 0 makes it 1 for every dwell: the residual does not depend on
// the dwell's length.
func koper(cr *Crime, l float64) float64 {
	a := cr.KoperShape
	switch {
	case a == 0:
		return 1
	case l <= 0:
		return 0
	}
	x := l / cr.KoperPeak
	return math.Exp(a * (math.Log(x) + 1 - x))
}

// deters reports whether offending drawn with uniform u in cell i at
// minute t is suppressed: whether u is below the cell's deterrence, its
// own or DeterrenceSpread of its most deterred neighbour's, whichever is
// larger (the max rule; presence_test.go keeps the deterrence itself, as
// the tests' reference). It works out no deterrence that cannot reach u
// (a residual decays, so its strength at departure bounds it) and looks
// no further once one does.
func (p *presence) deters(i int, t, u float64) bool {
	if p.ownAbove(i, t, u, 1) {
		return true
	}
	s := p.cr.DeterrenceSpread
	if s == 0 || u >= p.spreadMost() {
		return false // no neighbour can deter more
	}
	for j := range p.neighbours(i) {
		if p.ownAbove(j, t, u, s) {
			return true
		}
	}
	return false
}

// spreadMost is the most deterrence a neighbour's presence spreads into a
// cell.
func (p *presence) spreadMost() float64 {
	return p.cr.DeterrenceSpread * max(p.cr.Deterrence, p.cr.ResidualDeterrence)
}

// neighbours yields the up to 8 cells around cell i, row by row.
func (p *presence) neighbours(i int) iter.Seq[int] {
	return func(yield func(int) bool) {
		x, y := i%p.w, i/p.w
		for cy := max(0, y-1); cy <= min(p.h-1, y+1); cy++ {
			for cx := max(0, x-1); cx <= min(p.w-1, x+1); cx++ {
				if j := cy*p.w + cx; j != i && !yield(j) {
					return
				}
			}
		}
	}
}

// ownAbove reports whether u < k x the deterrence of cell i's own
// presence at minute t: direct while an officer dwells there, else the
// residual in force (a residual larger than the direct deterrence holds
// through a later dwell), in the arithmetic of presence.own of the tests.
func (p *presence) ownAbove(i int, t, u, k float64) bool {
	c := p.get(i)
	if c == nil {
		return false
	}
	if c.dwellFrom <= t && t <= c.dwellTo && u < k*p.cr.Deterrence {
		return true
	}
	if s, l := c.resStrength, c.resLeft; s > 0 && t >= l && u < k*s {
		return u < k*(s*math.Exp(-(t-l)/p.cr.DeterrenceLife))
	}
	return false
}

// departed leaves in cell i the residual of a dwell of length l minutes
// that ended at minute left, unless the residual already in force is
// larger from then on (both decay at the same rate, so the larger stays
// larger).
func (p *presence) departed(i int, l, left float64) {
	s := p.cr.ResidualDeterrence * koper(p.cr, l)
	if s <= 0 {
		return
	}
	c := p.record(i)
	if old := c.resStrength; old > 0 && s <= old*math.Exp(-(left-c.resLeft)/p.cr.DeterrenceLife) {
		return
	}
	c.resStrength, c.resLeft = s, left
}

// present reports whether an officer dwells in cell i at minute t.
func (p *presence) present(i int, t float64) bool {
	c := p.get(i)
	return c != nil && c.dwellFrom <= t && t <= c.dwellTo
}
