package sim

import (
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// The victims submodel (docs/MODEL.md 7.14, 7.15): who an offense's victim
// is (a resident or a business) and how a victim judges the response.

// victimBusiness is offense.victim for an offense against a business: it
// has a victim who may report, but no resident whose trust a contact moves.
const victimBusiness = -2

// purposeSatisfaction is the purpose of the keyed draw of a victim's
// satisfaction with the response to a crime call; it stands apart from
// the list in streams.go so that no later entry there can take its value.
const purposeSatisfaction uint64 = 64

// businessShare returns P(business victim) for an offense of type typ in
// cell: the type's business share of the non-residential part of the
// cell's attraction for it, Σ_l a_l x landuse_l minus a_residential x
// residential, over the whole. A cell the type has no static attraction
// in (reached only by near-repeat risk) takes the type's precinct-wide
// non-residential part (community.nonResidentialShares).
func (m *community) businessShare(typ, cell int) float64 {
	cr := &m.cfg.Crime
	ct := &cr.Types[typ]
	if ct.Business <= 0 {
		return 0
	}
	w, res := attraction(cr, ct, cell)
	if !(w > 0) {
		return ct.Business * m.nonResidentialShares()[typ]
	}
	return ct.Business * (w - res) / w
}

// hasBusiness reports whether some offense type has business victims:
// only then does a candidate draw the uniform that decides it, so that a
// precinct without them keeps its crime stream.
func hasBusiness(types []CrimeType) bool {
	for i := range types {
		if types[i].Business > 0 {
			return true
		}
	}
	return false
}

// attraction returns cell's land-use attraction for type ct, Σ_l a_l x
// landuse_l, and its residential part.
func attraction(cr *Crime, ct *CrimeType, cell int) (w, res float64) {
	for l := range agents.NumLandUse {
		w += ct.Affinity[l] * cr.LandUse[l][cell]
	}
	return w, ct.Affinity[agents.Residential] * cr.LandUse[agents.Residential][cell]
}

// nonResidentialShares returns, per offense type, the non-residential
// share of its attraction summed over the n cells (0 for a type that
// occurs nowhere): businessShare's fallback.
func nonResidentialShares(cr *Crime, n int) []float64 {
	out := make([]float64, len(cr.Types))
	for t := range cr.Types {
		var w, res float64
		for i := range n {
			a, r := attraction(cr, &cr.Types[t], i)
			w, res = w+a, res+r
		}
		if w > 0 {
			out[t] = (w - res) / w
		}
	}
	return out
}

// satisfaction returns the probability that a victim whose first unit
// arrived r minutes after the call is satisfied, when e minutes is what
// the victim expects for the call's priority: 1 / (1 + (r / e)^s). Half
// are satisfied at r = e; s sets how sharply satisfaction falls around it.
func satisfaction(r, e, s float64) float64 {
	if r <= 0 {
		return 1
	}
	return 1 / (1 + math.Pow(r/e, s))
}

// nonResidentialShares returns nonResidentialShares of the community's
// crime process, computed at the first call: only an offense in a cell
// its type has no static attraction in needs them, and the sums visit
// every cell.
func (m *community) nonResidentialShares() []float64 {
	if m.nonResidential == nil {
		m.nonResidential = nonResidentialShares(&m.cfg.Crime, m.grid.Cells())
	}
	return m.nonResidential
}
