package sim

import "math"

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
type presence struct {
	cr   *Crime
	w, h int

	cell []cellPresence
}

// cellPresence is one cell's presence, kept together so that a patrol
// leg reads one cache line of a large grid, not four.
type cellPresence struct {
	// Officers dwelling in the cell cover [dwellFrom, dwellTo]
	// (overlapping dwells merged).
	dwellFrom, dwellTo float64
	// The residual deterrence in force in the cell: its strength at the
	// departure resLeft (-Inf: none yet).
	resStrength, resLeft float64
	// The cell's beat and neighborhood, copied here from the grid so that
	// the end of a dwell reads one record.
	beat, hood int32
}

func newPresence(cr *Crime, g *Grid) presence {
	p := presence{cr: cr, w: g.Width, h: g.Height, cell: make([]cellPresence, g.Cells())}
	for i := range p.cell {
		p.cell[i] = cellPresence{dwellFrom: math.Inf(-1), dwellTo: math.Inf(-1), resLeft: math.Inf(-1),
			beat: int32(g.Beat[i]), hood: int32(g.Neighborhood[i])}
	}
	return p
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

// deterrence returns the share of offending suppressed in cell i at
// minute t: the cell's own deterrence or DeterrenceSpread of its most
// deterred neighbour's, whichever is larger.
func (p *presence) deterrence(i int, t float64) float64 {
	d := p.own(i, t)
	s := p.cr.DeterrenceSpread
	if s == 0 || d >= s*max(p.cr.Deterrence, p.cr.ResidualDeterrence) {
		return d // no neighbour can deter more
	}
	x, y := i%p.w, i/p.w
	for cy := max(0, y-1); cy <= min(p.h-1, y+1); cy++ {
		for cx := max(0, x-1); cx <= min(p.w-1, x+1); cx++ {
			if j := cy*p.w + cx; j != i {
				d = max(d, s*p.own(j, t))
			}
		}
	}
	return d
}

// own returns the deterrence of cell i's own presence at minute t: direct
// while an officer dwells there, else the residual in force; a residual
// larger than the direct deterrence holds through a later dwell.
func (p *presence) own(i int, t float64) float64 {
	var d float64
	c := &p.cell[i]
	if s, l := c.resStrength, c.resLeft; s > 0 && t >= l {
		d = s * math.Exp(-(t-l)/p.cr.DeterrenceLife)
	}
	if c.dwellFrom <= t && t <= c.dwellTo {
		d = max(d, p.cr.Deterrence)
	}
	return d
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
	c := &p.cell[i]
	if old := c.resStrength; old > 0 && s <= old*math.Exp(-(left-c.resLeft)/p.cr.DeterrenceLife) {
		return
	}
	c.resStrength, c.resLeft = s, left
}

// present reports whether an officer dwells in cell i at minute t.
func (p *presence) present(i int, t float64) bool {
	c := &p.cell[i]
	return c.dwellFrom <= t && t <= c.dwellTo
}
