package sim

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

// nearRepeat reports whether an offense of type typ at cell at minute t
// has an earlier one of the same type within the near-repeat radius and
// time, and marks this one.
func (m *community) nearRepeat(typ, cell int, t float64) bool {
	last := m.lastOffense[typ]
	w := m.grid.Width
	x, y := cell%w, cell/w
	found := false
	for cy := max(0, y-m.nrCells); cy <= min(m.grid.Height-1, y+m.nrCells) && !found; cy++ {
		for cx := max(0, x-m.nrCells); cx <= min(w-1, x+m.nrCells); cx++ {
			if t-last[cy*w+cx] <= nearRepeatDays*MinutesPerDay {
				found = true
				break
			}
		}
	}
	last[cell] = t
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
