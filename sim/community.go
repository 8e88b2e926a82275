package sim

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/agents"
)

// The community half's own random streams.
const (
	StreamCrime     Stream = 3 // offense candidates: counts, cells, times, types, thinning draws
	StreamResidents Stream = 4 // the synthetic population and the prior recorded crime
	StreamOutcomes  Stream = 5 // victims, reporting, discovery, stops, cooperation, clearance, contacts
)

// nearRepeatRadiusM and nearRepeatDays define the near-repeat metric: an
// offense within this distance and time of an earlier one of the same type.
const (
	nearRepeatRadiusM = 100
	nearRepeatDays    = 7
)

// offense is one true offense.
type offense struct {
	t        float64
	cell     int32
	typ      int8
	hood     int16
	victim   int32 // resident, or -1
	inWindow bool
	recorded bool
}

// candidate is a possible offense drawn at the start of its hour; it
// happens unless deterrence thins it out.
type candidate struct {
	t     float64
	cell  int32
	uType float64
	uKeep float64
}

// Ways an offense gets recorded.
const (
	viaReport = iota
	viaPatrol
	viaStop
	numVia
)

// community is the crime, resident and trust state of a replicate.
type community struct {
	cfg  *Community
	grid *Grid

	pop   *agents.Population
	field *agents.CrimeField

	sampler   distuv.Categorical
	weight    []float64 // offense rate per cell (per day) before deterrence
	total     float64
	hoodMult  []float64 // legitimacy x services, per neighborhood
	hoodTrust []float64 // mean trust per neighborhood, updated daily
	hoodCells [][]int32
	off       bool // no offense can ever happen

	rngCrime, rngOut *rand.Rand

	// Presence: officers dwelling in cell i cover [dwellFrom[i], dwellTo[i]]
	// (overlapping dwells merged); leftAt[i] is the end of the cover
	// before that, for the residual deterrence.
	dwellFrom, dwellTo, leftAt []float64

	offenses []offense
	pool     [][]int32 // per neighborhood, unrecorded offenses in order of occurrence
	cands    []candidate

	ring        [][]int32 // per day of the hot-spot window, recorded offenses per cell
	counts      []int32   // recorded offenses per cell over the window
	score       []float64 // hot-spot score per cell
	useHotspots bool      // some patrol strategy reads the hot spots
	hot         []int32   // current hot spots
	hotCum      []float64 // cumulative recorded counts of the hot spots
	dayIndex    int

	lastOffense [][]float64 // per type, per cell, minute of the last offense (near-repeat metric)
	nrCells     int         // near-repeat radius in cells

	rec *communityRecorder
}

func newCommunity(cfg *Config, rep int, rec *communityRecorder) *community {
	c := &cfg.Community
	g := &cfg.Grid
	n := g.Cells()
	m := &community{
		cfg: c, grid: g, weight: make([]float64, n),
		hoodMult: make([]float64, len(g.Neighborhoods)), hoodCells: make([][]int32, len(g.Neighborhoods)),
		rngCrime: NewStream(cfg.Seed, rep, StreamCrime), rngOut: NewStream(cfg.Seed, rep, StreamOutcomes),
		dwellFrom: make([]float64, n), dwellTo: make([]float64, n), leftAt: make([]float64, n),
		lastOffense: make([][]float64, len(c.Crime.Types)),
		pool:        make([][]int32, len(g.Neighborhoods)),
		rec:         rec, useHotspots: cfg.Patrol.Kind == agents.PatrolHotspot,
	}
	for i := range n {
		m.hoodCells[g.Neighborhood[i]] = append(m.hoodCells[g.Neighborhood[i]], int32(i))
		m.leftAt[i], m.dwellFrom[i], m.dwellTo[i] = math.Inf(-1), math.Inf(-1), math.Inf(-1)
	}
	for t := range m.lastOffense {
		m.lastOffense[t] = make([]float64, n)
		for i := range n {
			m.lastOffense[t][i] = math.Inf(-1)
		}
	}
	res := &c.Residents
	rr := NewStream(cfg.Seed, rep, StreamResidents)
	m.pop = agents.NewPopulation(agents.PopulationSpec{
		Count: res.Count, Cells: m.hoodCells, GroupShares: res.GroupShares, BaseTrust: res.BaseTrust,
		TrustSD: res.TrustSD, Ties: res.Ties, LocalTies: res.LocalTies, NumCells: n,
	}, rr)
	m.hoodTrust, _ = m.pop.MeanTrust()

	cr := &c.Crime
	spec := agents.CrimeFieldSpec{Width: g.Width, Height: g.Height, LandUse: cr.LandUse, PerDay: cr.PerDay,
		Life: max(cr.NearRepeatLife, 1)}
	for _, t := range cr.Types {
		spec.Shares = append(spec.Shares, t.Share)
		spec.Affinity = append(spec.Affinity, t.Affinity)
	}
	m.field = agents.NewCrimeField(spec)
	m.nrCells = max(1, int(math.Round(nearRepeatRadiusM/g.CellM)))

	// One slot per day of the window plus today's, which fills as the day
	// goes: the midnight ranking sees exactly the window's full days.
	m.ring = make([][]int32, cr.HotspotWindow+1)
	for d := range m.ring {
		m.ring[d] = make([]int32, n)
	}
	m.counts = make([]int32, n)
	m.score = make([]float64, n)
	// Prior records fall where offending is likely: in proportion to the
	// static rate of the neighborhood's cells, on random days of the window.
	for h, k := range cr.PriorRecorded {
		cells := m.hoodCells[h]
		cum := make([]float64, len(cells))
		var acc float64
		for j, c := range cells {
			acc += m.field.Static[c]
			cum[j] = acc
		}
		for range k {
			j := 0
			if acc > 0 {
				j, _ = slices.BinarySearch(cum, rr.Float64()*acc)
				j = min(j, len(cells)-1)
			} else {
				j = rr.IntN(len(cells))
			}
			m.ring[1+rr.IntN(len(m.ring)-1)][cells[j]]++
			m.counts[cells[j]]++
		}
	}
	m.refreshRates(0)
	if !m.off {
		m.sampler = distuv.NewCategorical(m.weight, m.rngCrime)
	}
	m.rankHotspots()
	return m
}

// refreshRates recomputes every cell's offense rate at minute t: the
// decay of the dynamic attractiveness and the neighborhood multipliers
// (legitimacy, social services).
func (m *community) refreshRates(t float64) {
	cr := &m.cfg.Crime
	for h := range m.hoodMult {
		m.hoodMult[h] = math.Exp(-cr.Legitimacy * (m.hoodTrust[h] - m.pop.Base[h]))
	}
	for i := range cr.Services {
		p := &cr.Services[i]
		f := p.Factor(t)
		for _, h := range p.Hoods {
			m.hoodMult[h] *= f
		}
	}
	m.field.Decay(t)
	m.total = 0
	for i := range m.weight {
		m.weight[i] = m.rate(i, t)
		m.total += m.weight[i]
	}
	m.off = !(m.total > 0)
	if !m.off && m.sampler.Len() > 0 {
		m.sampler.ReweightAll(m.weight)
	}
}

// rate returns cell i's offense rate at minute t before deterrence: the
// crime field's rate times the neighborhood multiplier.
func (m *community) rate(i int, t float64) float64 {
	return m.field.Rate(i, t) * m.hoodMult[m.grid.Neighborhood[i]]
}

// reweight updates cell i's rate at minute t after a change. Should
// problem solving ever bring every cell to zero, offending stops for good
// (the sampler cannot hold an all-zero distribution).
func (m *community) reweight(i int, t float64) {
	if m.off {
		return
	}
	w := m.rate(i, t)
	if total := m.total + w - m.weight[i]; !(total > 1e-9) {
		m.off = true
		return
	}
	m.total += w - m.weight[i]
	m.weight[i] = w
	m.sampler.Reweight(i, w)
}

// drawHour draws the offense candidates of the hour starting at minute t:
// one Poisson count for the whole precinct, then a cell for each from the
// rate-weighted sampler, a uniform time within the hour, and the uniforms
// that later pick the type and decide deterrence. The event queue puts
// the candidates in time order.
func (m *community) drawHour(t float64) []candidate {
	m.cands = m.cands[:0]
	if m.off {
		return m.cands
	}
	h := int(math.Mod(t, MinutesPerDay) / 60)
	lambda := m.total / 24 * m.cfg.Crime.Profile[h] / profileMean(&m.cfg.Crime.Profile)
	n := int(distuv.Poisson{Lambda: lambda, Src: m.rngCrime}.Rand())
	for range n {
		m.cands = append(m.cands, candidate{
			cell: int32(m.sampler.Rand()), t: t + 60*m.rngCrime.Float64(),
			uType: m.rngCrime.Float64(), uKeep: m.rngCrime.Float64(),
		})
	}
	return m.cands
}

// present reports whether an officer dwells in cell i at minute t.
func (m *community) present(i int, t float64) bool {
	return m.dwellFrom[i] <= t && t <= m.dwellTo[i]
}

// deterrence returns the share of offending suppressed in cell i at
// minute t: full while an officer dwells there, then decaying.
func (m *community) deterrence(i int, t float64) float64 {
	d := m.cfg.Crime.Deterrence
	if d == 0 || m.present(i, t) {
		return d
	}
	last := m.leftAt[i]
	if t > m.dwellTo[i] {
		last = max(last, m.dwellTo[i])
	}
	if math.IsInf(last, -1) {
		return 0
	}
	return d * math.Exp(-(t-last)/m.cfg.Crime.DeterrenceLife)
}

// plan books o's coming dwell in the cell of point p over [from, to].
func (m *community) plan(o *agents.Officer, p agents.Point, from, to float64) {
	c := min(max(int(p.Y), 0), m.grid.Height-1)*m.grid.Width + min(max(int(p.X), 0), m.grid.Width-1)
	if from > m.dwellTo[c] {
		if m.dwellTo[c] > m.leftAt[c] {
			m.leftAt[c] = m.dwellTo[c]
		}
		m.dwellFrom[c] = from
	} else {
		m.dwellFrom[c] = min(m.dwellFrom[c], from)
	}
	m.dwellTo[c] = max(m.dwellTo[c], to)
	o.Present, o.DwellEnd = c, to
}

// leave ends o's dwell at minute t (early if it is pulled away) and
// returns the minutes it actually dwelt.
func (m *community) leave(o *agents.Officer, t float64) float64 {
	c := o.Present
	if c < 0 {
		return 0
	}
	o.Present = -1
	if t >= o.DwellEnd || m.dwellTo[c] != o.DwellEnd {
		return max(0, min(t, o.DwellEnd)-o.Arrive)
	}
	switch {
	case t > m.dwellFrom[c]:
		m.dwellTo[c] = t // cut short: the cover ends now
	case m.dwellFrom[c] == o.Arrive:
		// Pulled away before arriving, and nobody else covers the cell:
		// the planned cover never happened.
		m.dwellFrom[c], m.dwellTo[c] = math.Inf(-1), math.Inf(-1)
	}
	return max(0, min(t, o.DwellEnd)-o.Arrive)
}

// recordAt counts a recorded offense at cell for hot-spot ranking.
func (m *community) recordAt(cell int) {
	m.ring[m.dayIndex][cell]++
	m.counts[cell]++
}

// rankHotspots scores every cell by its recorded offenses over the window
// plus HotspotKernel x those of its 8 neighbours (the spatial smoothing of
// predictive-policing models), and keeps the HotspotTop best (ties to the
// lower cell index) by insertion into a short sorted list.
func (m *community) rankHotspots() {
	if !m.useHotspots {
		return
	}
	k, w, h := m.cfg.Crime.HotspotTop, m.grid.Width, m.grid.Height
	kernel := m.cfg.Crime.HotspotKernel
	m.hot = m.hot[:0]
	for i, c := range m.counts {
		score := float64(c)
		if kernel > 0 {
			x, y := i%w, i/w
			var near int32
			for cy := max(0, y-1); cy <= min(h-1, y+1); cy++ {
				for cx := max(0, x-1); cx <= min(w-1, x+1); cx++ {
					near += m.counts[cy*w+cx]
				}
			}
			score += kernel * float64(near-c)
		}
		m.score[i] = score
		if score <= 0 || (len(m.hot) == k && score <= m.score[m.hot[k-1]]) {
			continue
		}
		j := len(m.hot)
		if j < k {
			m.hot = append(m.hot, 0)
		} else {
			j--
		}
		for ; j > 0 && m.score[m.hot[j-1]] < score; j-- {
			m.hot[j] = m.hot[j-1]
		}
		m.hot[j] = int32(i)
	}
	m.hotCum = m.hotCum[:0]
	var acc float64
	for _, c := range m.hot {
		acc += math.Pow(m.score[c]/m.score[m.hot[0]], m.cfg.Crime.HotspotFocus)
		m.hotCum = append(m.hotCum, acc)
	}
}

// newDay rolls the hot-spot window forward by a day.
func (m *community) newDay() {
	m.dayIndex = (m.dayIndex + 1) % len(m.ring)
	for i, c := range m.ring[m.dayIndex] {
		m.counts[i] -= c
	}
	clear(m.ring[m.dayIndex])
	m.rankHotspots()
}

// hotspot draws a hot spot in proportion to its score raised to the
// power HotspotFocus.
func (m *community) hotspot(r *rand.Rand) (int, bool) {
	if len(m.hot) == 0 {
		return 0, false
	}
	u := r.Float64() * m.hotCum[len(m.hotCum)-1]
	i, _ := slices.BinarySearch(m.hotCum, u)
	return int(m.hot[min(i, len(m.hot)-1)]), true
}

// unrecorded takes the most recent unrecorded offense of neighborhood h
// still within the evidence life at minute t, or returns -1. The pool is a
// stack in order of occurrence: once its top is too old, so is the rest.
func (m *community) unrecorded(h int, t float64) int {
	q := m.pool[h]
	defer func() { m.pool[h] = q }()
	for len(q) > 0 {
		id := q[len(q)-1]
		q = q[:len(q)-1]
		o := &m.offenses[id]
		switch {
		case o.recorded:
		case t-o.t > m.cfg.Crime.EvidenceLife:
			q = q[:0]
		default:
			return int(id)
		}
	}
	return -1
}

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
