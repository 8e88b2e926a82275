package sim

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/agents"
)

// community is the crime, resident and trust state of a replicate.
type community struct {
	cfg  *Community
	grid *Grid

	pop   *agents.Population
	field *agents.CrimeField

	rates     *crimeSampler // where the candidates fall (crimesampler.go)
	total     float64       // offense rate of the precinct before deterrence, per day
	hoodMult  []float64     // legitimacy x services, per neighborhood
	hoodTrust []float64     // mean trust per neighborhood, updated daily
	hoodCells [][]int32
	off       bool      // no offense can ever happen
	days      []float64 // the calendar's multiplier of each day, nil: flat

	rngCrime, rngOut *rand.Rand

	presence // where officers dwell, and the deterrence of their presence

	offenses []offense
	pool     [][]int32 // per neighborhood, unrecorded offenses in order of occurrence
	cands    []candidate

	ring        [][]int32 // per day of the hot-spot window, the cells of its recorded offenses
	counts      []int32   // recorded offenses per cell over the window
	score       []float64 // hot-spot score per cell
	useHotspots bool      // some patrol strategy reads the hot spots
	hot         []int32   // current hot spots
	hotCum      []float64 // cumulative recorded counts of the hot spots
	dayIndex    int

	last           lastOffenses // the minute of the last offense of each type, by cell (near-repeat metric)
	nonResidential []float64    // per type, the non-residential share of its attraction precinct-wide (businessShare), nil until first needed
	nrCells        int          // near-repeat radius in cells

	rec *communityRecorder

	area *areaState // area deterrence and incapacitation (areadeterrence.go)
}

// newCommunity builds the community half of replicate rep of cfg, which
// books into rec; place is the world's map of the cells' beats and
// neighborhoods.
func newCommunity(cfg *Config, rep int, rec *communityRecorder, place placeMap) *community {
	c := &cfg.Community
	g := &cfg.Grid
	n := g.Cells()
	m := &community{
		cfg: c, grid: g,
		hoodMult: make([]float64, len(g.Neighborhoods)), hoodCells: make([][]int32, len(g.Neighborhoods)),
		rngCrime: NewStream(cfg.Seed, rep, StreamCrime), rngOut: NewStream(cfg.Seed, rep, StreamOutcomes),
		days:     cfg.Calendar.dayFactors(&cfg.Calendar.CrimeWeekday, &cfg.Calendar.CrimeMonthly, cfg.WarmupDays+cfg.Days+1),
		presence: newPresence(&c.Crime, g, place),
		last:     newLastOffenses(g, len(c.Crime.Types)),
		pool:     make([][]int32, len(g.Neighborhoods)),
		rec:      rec, useHotspots: cfg.Patrol.Kind == agents.PatrolHotspot,
	}
	for i := range n {
		m.hoodCells[g.Neighborhood[i]] = append(m.hoodCells[g.Neighborhood[i]], int32(i))
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
	if h := cr.CellHeterogeneity; h > 0 {
		g := distuv.Gamma{Alpha: 1 / (h * h), Beta: 1 / (h * h), Src: NewStream(cfg.Seed, 0, StreamPlaces)}
		spec.Place = make([]float64, n)
		for i := range spec.Place {
			spec.Place[i] = g.Rand()
		}
	}
	m.field = agents.NewCrimeField(spec)
	m.area = newAreaState(cr, g)
	m.nrCells = max(1, int(math.Round(nearRepeatRadiusM/g.CellM)))

	// One slot per day of the window plus today's, which fills as the day
	// goes: the midnight ranking sees exactly the window's full days.
	m.ring = make([][]int32, cr.HotspotWindow+1)
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
			d := 1 + rr.IntN(len(m.ring)-1)
			m.ring[d] = append(m.ring[d], cells[j])
			m.counts[cells[j]]++
		}
	}
	// With a stationary start the dynamic rates are set, under the
	// neighborhood multipliers of minute 0, before the sampler first
	// takes the rates; offending then stops for good if it would have
	// under the static rates alone (refreshTotal).
	stationary := cr.NearRepeatStationary && cr.NearRepeat > 0
	if stationary {
		m.refreshHoodMult(0)
		m.stationaryNearRepeat()
	}
	m.rates = newCrimeSampler(g, m.field, len(cr.Types), m.area.on, 0)
	if stationary {
		m.off = !(m.rates.staticTotal(m.hoodMult)*m.area.max > 1e-9)
	}
	m.refreshRates(0)
	if m.pop.Len() > 0 && c.Trust.SteadyStart && cfg.WarmupDays > 0 {
		m.pop.StartTally()
	}
	m.rankHotspots()
	return m
}

// steadyTrust ends the tally of contacts the warm-up's days began and, if
// one ran, shifts each neighborhood's trust to the steady state of the
// contact rates it measured (MODEL.md 5): trust.initial = "steady".
func (m *community) steadyTrust(days int) {
	pos, neg := m.pop.StopTally()
	if pos == nil {
		return
	}
	pull := m.cfg.Trust.Rules.DailyPull
	target := make([]float64, len(pos))
	for h := range target {
		n := float64(len(m.pop.InHood(h)) * days)
		target[h] = m.pop.Base[h]
		if n > 0 {
			target[h] = agents.SteadyTrust(pull, m.pop.Base[h], pos[h]/n, neg[h]/n)
		}
	}
	m.pop.ShiftMeans(target)
}

// day runs at every midnight: trust drifts back toward the neighborhood
// baselines, the hot-spot window moves on, spent presence records are
// dropped, and the offense rates are refreshed (decay of the near-repeat
// risk, legitimacy).
func (e *engine) day() {
	m := e.com
	if e.now > 0 {
		m.pop.Drift(&e.cfg.Community.Trust.Rules)
		m.newDay()
		m.prune(e.now)
	}
	if e.now == float64(e.cfg.WarmupDays)*MinutesPerDay {
		m.steadyTrust(e.cfg.WarmupDays)
	}
	var all float64
	m.hoodTrust, all = m.pop.MeanTrust()
	e.crec.endOfDay(e.now, m.hoodTrust, all)
	m.refreshRates(e.now)
	if next := e.now + MinutesPerDay; next <= e.win.to {
		e.schedule(next, evDay, 0, 0)
	}
}
