package sim

import "math"

// General (area) deterrence: offenders respond to how much police they
// have seen in their area over recent days, not only to an officer in
// the cell at the moment (deterrence.go). Each beat keeps its perceived
// presence V, an exponentially weighted mean (mean life
// Crime.PresenceLife) of the officer-hours of visible presence booked in
// its cells per km² per hour: dwelling at patrol points (hot-spot visits
// included), engagement sessions and directed patrol, booked when the
// dwell ends. Driving, calls, traffic stops and follow-ups are not
// visible presence (positions are not tracked by cell). Every type k's
// rate in beat b is multiplied by
//
//	G = ((V_b + V0) / (V_ref + V0))^-η_k,  V0 = Crime.PresenceFloor x V_ref,
//
// so G = 1 at the reference presence (Crime.PerDay keeps its meaning) and
// the elasticity of the type's rate to presence is -η_k while V >> V0.
// The multipliers, and incapacitation's (incapacitation.go), are
// refreshed at midnight with the other rates.
//
// The multipliers act by thinning, so that scenarios that differ in
// presence keep their common random numbers: every cell's rate is raised
// by the same constant, the majorant Mmax = max_k G_k(V = 0), so the
// cells and types of the candidates do not depend on presence; a
// candidate of type k in beat b then happens only if the uniform that
// chose its type, rescaled within the type's share, is below
// G_k,b I_k,b / Mmax. One fewer officer removes some offenses and leaves
// the others where and when they were.

// areaState is the per-replicate state of area deterrence and
// incapacitation.
type areaState struct {
	on     bool      // some type has a presence elasticity, or incapacitation is on
	types  int       // number of offense types
	km2    []float64 // area of each beat, km²
	booked []float64 // officer-minutes of visible presence booked since at, per beat
	v      []float64 // perceived presence per beat, officer-hours per km² per hour
	seeded bool      // v holds a measurement (before the first midnight: the reference)
	at     float64   // minute of the last refresh
	mult   []float64 // per beat x type, area deterrence x incapacitation
	max    float64   // the majorant of mult: every cell's rate is raised by it (1 when off)
	jail   detained
}

// newAreaState builds the state for crime process cr on grid g.
func newAreaState(cr *Crime, g *Grid) *areaState {
	k := len(cr.Types)
	a := &areaState{types: k, max: 1}
	for _, t := range cr.Types {
		a.on = a.on || t.PresenceElasticity > 0 || (cr.Detention > 0 && t.OffenderRate > 0)
		a.max = max(a.max, presenceFactor(0, cr.PresenceRef, cr.PresenceFloor, t.PresenceElasticity))
	}
	if !a.on || k == 0 {
		a.on, a.max = false, 1
		return a
	}
	a.km2 = make([]float64, g.Beats)
	cellKm2 := g.CellM * g.CellM / 1e6
	for _, b := range g.Beat {
		a.km2[b] += cellKm2
	}
	a.booked, a.v = make([]float64, g.Beats), make([]float64, g.Beats)
	a.mult = make([]float64, g.Beats*k)
	a.jail = newDetained(g.Beats, k)
	return a
}

// presenceFactor is area deterrence's multiplier G of a type of
// elasticity eta at perceived presence v, reference presence ref and
// floor floor (a share of ref).
func presenceFactor(v, ref, floor, eta float64) float64 {
	if eta == 0 {
		return 1
	}
	v0 := floor * ref
	return math.Pow((v+v0)/(ref+v0), -eta)
}

// bookPresence books minutes of visible presence in cell.
func (m *community) bookPresence(cell int, minutes float64) {
	if a := m.area; a.on {
		a.booked[m.place.at(cell).beat] += minutes
	}
}

// refreshArea brings the beats' perceived presence and detained
// offenders forward to minute t and recomputes every beat's multipliers.
// It runs in refreshRates before the sampling weights are refreshed.
func (m *community) refreshArea(t float64) {
	a := m.area
	if !a.on {
		return
	}
	cr := &m.cfg.Crime
	if dt := t - a.at; dt > 0 {
		w := 0.0
		if a.seeded && cr.PresenceLife > 0 {
			w = math.Exp(-dt / cr.PresenceLife)
		}
		for b := range a.v {
			obs := a.booked[b] / a.km2[b] / dt // officer-minutes per minute per km² = officer-hours per hour per km²
			a.v[b] = w*a.v[b] + (1-w)*obs
			a.booked[b] = 0
		}
		a.seeded = true
		a.jail.decay(dt, cr.DetentionLife)
		a.at = t
	}
	k := a.types
	for b := range a.v {
		v := cr.PresenceRef
		if a.seeded {
			v = a.v[b]
		}
		for j := range k {
			a.mult[b*k+j] = presenceFactor(v, cr.PresenceRef, cr.PresenceFloor, cr.Types[j].PresenceElasticity)
		}
	}
	// Each beat's rate of each type before incapacitation, from the rates
	// as sampled over the day (set at the last midnight, kept current by
	// near-repeat boosts; not yet decayed to t), then incapacitation on
	// top of area deterrence.
	base := a.jail.base
	clear(base)
	m.rates.beatRates(base, m.hoodMult)
	for b := range a.v {
		for j := range k {
			base[b*k+j] *= a.mult[b*k+j]
		}
	}
	for b := range a.v {
		for j := range k {
			a.mult[b*k+j] *= incapacitationFactor(a.jail.held[b*k+j], cr.Types[j].OffenderRate, base[b*k+j])
		}
	}
}

// areaType returns the type of a candidate offense in cell i, drawn
// from the uniform u by the cell's static type mix, and whether it
// happens: the part of u within the type's share, a uniform of its own,
// must fall below the type's multiplier in the beat over the majorant.
func (m *community) areaType(i int, u float64) (int, bool) {
	typ := m.field.TypeAt(i, u)
	a := m.area
	if !a.on {
		return typ, true
	}
	cum := m.field.TypeCum(i)
	lo := 0.0
	if typ > 0 {
		lo = cum[typ-1]
	}
	within := (u*cum[len(cum)-1] - lo) / (cum[typ] - lo)
	return typ, within < a.mult[int(m.place.at(i).beat)*a.types+typ]/a.max
}

// meanPresence is the precinct's mean visible presence over days days
// with hours officer-hours dwelt per cell: officer-hours per km² per hour.
func meanPresence(g *Grid, hours []float64, days int) float64 {
	var h float64
	for _, x := range hours {
		h += x
	}
	km2 := float64(g.Cells()) * g.CellM * g.CellM / 1e6
	if !(km2 > 0) || days <= 0 {
		return 0
	}
	return h / km2 / (float64(days) * 24)
}
