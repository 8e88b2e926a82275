package agents

import (
	"math"
	"math/rand/v2"
)

// Population is the synthetic resident population: resident i has home
// cell Home[i], neighborhood HoodOf(i), group Group[i] and trust
// TrustOf(i) in [0, 1]. Resident i's social ties are
// TiesOf(i), drawn afresh from a generator of i's own whenever they are
// needed, so that they cost nothing for the residents no contact
// reaches.
//
// The daily drift back to the baseline is applied lazily: res[i].trust
// is resident i's trust as of day res[i].seen, and reading or touching it
// applies the days since in closed form (Drift). Each neighborhood's sum
// of deviations from its baseline is kept up to date instead (dev), so
// that neither Drift nor MeanTrust visits residents.
type Population struct {
	Home  []int32
	Group []uint8

	res  []resident // what reading and moving each resident's trust needs
	day  int32      // days drifted so far (calls of Drift)
	pull float64    // share of the gap to the baseline closed each day
	keep []float64  // keep[k] = (1 - pull)^k, grown as needed
	dev  []float64  // per neighborhood, the sum over its residents of trust minus Base

	// Base is each neighborhood's baseline trust: where trust drifts back
	// to, and the reference of the reporting and cooperation curves.
	Base []float64

	// The residents living in cell c are homes[cellStart[c]:cellStart[c+1]],
	// in order of id.
	homes     []int32
	cellStart []int32
	byHood    [][]int32 // residents living in each neighborhood

	ties      int        // ties per resident before dropping self-ties (PopulationSpec.Ties)
	localTies float64    // PopulationSpec.LocalTies
	tieKey    [2]uint64  // key of the residents' tie generators
	tieSrc    *rand.PCG  // reseeded for each resident whose ties are drawn
	tieRand   *rand.Rand // draws from tieSrc
	tieBuf    []int32    // the ties TiesOf returned last

	// tallyPos and tallyNeg, while non-nil, sum per neighborhood the
	// coefficients of the positive and negative nudges its residents
	// receive (see StartTally).
	tallyPos, tallyNeg []float64
}

// resident is what TrustOf and a contact read and write of one resident,
// in one record so that they touch one cache line of a large population.
type resident struct {
	trust float64 // trust as of day seen
	seen  int32   // day at which trust was last brought up to date
	hood  int16   // neighborhood
}

// PopulationSpec says how to build a population.
type PopulationSpec struct {
	Count       []int       // residents per neighborhood
	Cells       [][]int32   // the cells of each neighborhood (homes are uniform over them)
	GroupShares [][]float64 // per neighborhood, the share of each group; sums to 1
	BaseTrust   []float64   // per neighborhood, mean initial and baseline trust
	TrustSD     float64     // spread of initial trust around the baseline
	Ties        int         // social ties per resident
	LocalTies   float64     // share of ties within the resident's neighborhood
	NumCells    int
}

// NewPopulation builds a population from spec, drawing from r: for each
// resident in turn, neighborhood by neighborhood, a home cell, a group
// and an initial trust; then the two words of the key of the residents'
// tie generators (see TiesOf).
func NewPopulation(spec PopulationSpec, r *rand.Rand) *Population {
	n := 0
	for _, c := range spec.Count {
		n += c
	}
	p := &Population{
		Home: make([]int32, n), Group: make([]uint8, n),
		res: make([]resident, n), keep: []float64{1}, Base: append([]float64(nil), spec.BaseTrust...),
		byHood: make([][]int32, len(spec.Count)),
		ties:   spec.Ties, localTies: spec.LocalTies, tieSrc: rand.NewPCG(0, 0), tieBuf: make([]int32, 0, spec.Ties),
	}
	p.tieRand = rand.New(p.tieSrc)
	// Residents are numbered neighborhood by neighborhood, so those of
	// one neighborhood are a run of ids: byHood's lists share one slice
	// of every id. The cells' lists (filled below) are runs of homes.
	ids := make([]int32, n)
	for i := range ids {
		ids[i] = int32(i)
	}
	p.cellStart = make([]int32, spec.NumCells+1)
	p.dev = make([]float64, len(spec.Count))
	i := 0
	for h, count := range spec.Count {
		p.byHood[h] = ids[i : i+count : i+count]
		cells, shares := spec.Cells[h], spec.GroupShares[h]
		base := spec.BaseTrust[h]
		for range count {
			cell := cells[r.IntN(len(cells))]
			g := pick(shares, r.Float64())
			t := clamp01(base + spec.TrustSD*r.NormFloat64())
			p.Home[i], p.Group[i], p.res[i] = cell, uint8(g), resident{trust: t, hood: int16(h)}
			p.dev[h] += t - base
			p.cellStart[cell+1]++
			i++
		}
	}
	for c := range spec.NumCells {
		p.cellStart[c+1] += p.cellStart[c]
	}
	// fill[c] is where cell c's next resident goes: cellStart[c] at
	// first, cellStart[c+1] once the cell is full.
	fill := append([]int32(nil), p.cellStart[:spec.NumCells]...)
	p.homes = make([]int32, n)
	for i, c := range p.Home {
		p.homes[fill[c]] = int32(i)
		fill[c]++
	}
	p.tieKey = [2]uint64{r.Uint64(), r.Uint64()}
	return p
}

// TiesOf returns resident i's social ties, valid until the next call.
// They are drawn from a PCG seeded with (sm(k1 XOR i), sm(k2 XOR i)),
// k1 and k2 the population's tie key and sm the SplitMix64 finalizer, so
// they are the same at every call: PopulationSpec.Ties draws, each with
// probability LocalTies (when the neighborhood has more than one
// resident) a resident of i's neighborhood, else one of the whole
// population, all uniform; a draw that lands on i itself is dropped.
func (p *Population) TiesOf(i int) []int32 {
	p.tieSrc.Seed(splitMix(p.tieKey[0]^uint64(i)), splitMix(p.tieKey[1]^uint64(i)))
	r := p.tieRand
	// Residents are numbered neighborhood by neighborhood: i's
	// neighborhood is the ids first to first + len(own) - 1.
	own := p.byHood[p.res[i].hood]
	first, n := own[0], len(p.Home)
	out := p.tieBuf[:0]
	for range p.ties {
		var j int32
		if r.Float64() < p.localTies && len(own) > 1 {
			j = first + int32(r.IntN(len(own)))
		} else {
			j = int32(r.IntN(n))
		}
		if j != int32(i) {
			out = append(out, j)
		}
	}
	p.tieBuf = out
	return out
}

// splitMix is SplitMix64's output function (Steele, Lea & Flood 2014),
// as sim's streams use it: a bijective mixer that spreads nearby keys
// over the whole word.
func splitMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// TrustOf returns resident i's trust today.
func (p *Population) TrustOf(i int) float64 {
	r := &p.res[i]
	t := r.trust
	k := p.day - r.seen
	if k == 0 {
		return t
	}
	b := p.Base[r.hood]
	return b + (t-b)*p.keepFor(k)
}

// HoodOf returns resident i's neighborhood.
func (p *Population) HoodOf(i int) int { return int(p.res[i].hood) }

// keepFor returns (1 - pull)^k, the share of a gap to the baseline left
// after k days of drift.
func (p *Population) keepFor(k int32) float64 {
	for int(k) >= len(p.keep) {
		p.keep = append(p.keep, p.keep[len(p.keep)-1]*(1-p.pull))
	}
	return p.keep[k]
}

// Trusts returns a new slice of every resident's trust today.
func (p *Population) Trusts() []float64 {
	out := make([]float64, len(p.res))
	for i := range out {
		out[i] = p.TrustOf(i)
	}
	return out
}

// catchUp brings every resident's stored trust up to date.
func (p *Population) catchUp() {
	for i := range p.res {
		p.res[i].trust = p.TrustOf(i)
		p.res[i].seen = p.day
	}
}

func pick(shares []float64, u float64) int {
	for i, s := range shares {
		if u < s {
			return i
		}
		u -= s
	}
	return len(shares) - 1
}

// clamp01 returns x limited to [0, 1], as min(1, max(0, x)) does for a
// number (+0 for either zero), with plain comparisons: trust is never
// NaN, and the built-ins' care for NaN and signed zeros cost a resident's
// setup a fifth of its time.
func clamp01(x float64) float64 {
	switch {
	case !(x > 0):
		return 0
	case x > 1:
		return 1
	}
	return x
}

// Len returns the number of residents.
func (p *Population) Len() int { return len(p.Home) }

// InHood returns the residents of neighborhood h.
func (p *Population) InHood(h int) []int32 { return p.byHood[h] }

// At returns a resident living in cell c or, when nobody lives there, in
// neighborhood h; -1 if h is empty too.
func (p *Population) At(c, h int, r *rand.Rand) int {
	if rs := p.inCell(c); len(rs) > 0 {
		return int(rs[r.IntN(len(rs))])
	}
	if rs := p.byHood[h]; len(rs) > 0 {
		return int(rs[r.IntN(len(rs))])
	}
	return -1
}

// inCell returns the residents living in cell c, in order of id.
func (p *Population) inCell(c int) []int32 {
	return p.homes[p.cellStart[c]:p.cellStart[c+1]]
}

// InCells returns a resident living in one of cells (chosen uniformly
// among the cells' residents), or -1.
func (p *Population) InCells(cells []int32, r *rand.Rand) int {
	n := 0
	for _, c := range cells {
		n += int(p.cellStart[c+1] - p.cellStart[c])
	}
	if n == 0 {
		return -1
	}
	k := r.IntN(n)
	for _, c := range cells {
		rs := p.inCell(int(c))
		if k < len(rs) {
			return int(rs[k])
		}
		k -= len(rs)
	}
	return -1
}

// TrustRules are the parameters of trust dynamics.
type TrustRules struct {
	Positive  float64 // a positive contact moves trust this share of the way to 1
	Asymmetry float64 // a negative contact moves trust Asymmetry x Positive of the way to 0
	Spread    float64 // each social tie feels this share of a contact's effect
	DailyPull float64 // share of the gap to the neighborhood baseline closed each day
}

// Contact applies a contact with resident i: positive or negative, of
// the given strength (1 for an ordinary contact), to i and, scaled by
// Spread, to i's ties. Trust stays in [0, 1].
func (p *Population) Contact(i int, positive bool, strength float64, tr *TrustRules) {
	p.nudge(i, positive, strength, tr)
	if tr.Spread == 0 {
		return
	}
	for _, j := range p.TiesOf(i) {
		p.nudge(int(j), positive, strength*tr.Spread, tr)
	}
}

// ProgrammeContact is Contact for the contacts of a programme that is not
// part of the status quo a steady-state start refers to (community
// policing): it moves trust the same way but is left out of the tally
// (StartTally), so the programme's effect on trust builds up from the
// start of the measured days instead of being there already.
func (p *Population) ProgrammeContact(i int, positive bool, strength float64, tr *TrustRules) {
	pos, neg := p.tallyPos, p.tallyNeg
	p.tallyPos, p.tallyNeg = nil, nil
	p.Contact(i, positive, strength, tr)
	p.tallyPos, p.tallyNeg = pos, neg
}

func (p *Population) nudge(i int, positive bool, w float64, tr *TrustRules) {
	t0 := p.TrustOf(i)
	t := t0
	if positive {
		k := min(1, w*tr.Positive)
		t += k * (1 - t)
		if p.tallyPos != nil {
			p.tallyPos[p.res[i].hood] += k
		}
	} else {
		k := min(1, w*tr.Positive*tr.Asymmetry)
		t -= k * t
		if p.tallyNeg != nil {
			p.tallyNeg[p.res[i].hood] += k
		}
	}
	t = clamp01(t)
	r := &p.res[i]
	r.trust, r.seen = t, p.day
	p.dev[r.hood] += t - t0
}

// StartTally starts summing, per neighborhood, the coefficients of the
// nudges its residents receive: min(1, w x Positive) for a positive one
// (the share of the gap to 1 it closes) and min(1, w x Positive x
// Asymmetry) for a negative one (the share of trust it removes). The sums
// measure the contact rates without depending on trust itself.
func (p *Population) StartTally() {
	p.tallyPos = make([]float64, len(p.byHood))
	p.tallyNeg = make([]float64, len(p.byHood))
}

// StopTally stops the tally begun by StartTally and returns its sums per
// neighborhood (nil when no tally ran).
func (p *Population) StopTally() (pos, neg []float64) {
	pos, neg = p.tallyPos, p.tallyNeg
	p.tallyPos, p.tallyNeg = nil, nil
	return pos, neg
}

// SteadyTrust is the mean trust at which a neighborhood's expected daily
// change is zero when, each day, its residents receive positive nudges of
// total coefficient a and negative ones of total coefficient b per
// resident, and then drift the share pull of the way back to the baseline
// base (the order of Contact and Drift in a simulated day). One day maps
// the mean T to pull x base + (1 - pull)(a + (1 - a - b) T), whose fixed
// point this is; for small a, b and pull it is (pull x base + a) / (pull
// + a + b), the continuous-time form.
func SteadyTrust(pull, base, a, b float64) float64 {
	den := pull + (1-pull)*(a+b)
	if den <= 0 {
		return base
	}
	return (pull*base + (1-pull)*a) / den
}

// ShiftMeans moves the residents of each neighborhood h by the same
// amount so that their mean trust becomes target[h] (in [0, 1]): a shift
// of target[h] minus the mean, each trust clamped to [0, 1], then further
// shifts of what the clamping lost until the mean is within 1e-9 of the
// target (one more pass at the default precinct, where clamping is
// rare). A neighborhood nobody lives in is left alone. The first scan,
// for the means, only reads: the next brings every resident up to date
// with the same values as it would have stored.
func (p *Population) ShiftMeans(target []float64) {
	mean := p.shiftScan(nil, false)
	shift := make([]float64, len(target))
	for k := range 100 {
		done := true
		for h, rs := range p.byHood {
			shift[h] = 0
			if d := target[h] - mean[h]; len(rs) > 0 && math.Abs(d) > 1e-9 {
				shift[h], done = d, false
			}
		}
		if done {
			if k == 0 {
				p.catchUp()
			}
			return
		}
		mean = p.shiftScan(shift, true)
	}
}

// shiftScan brings every resident's trust up to date, adds shift[h]
// (when non-zero; shift may be nil) to the trust of each resident of
// neighborhood h, clamped to [0, 1], stores the result if write, and
// returns the mean trust of each neighborhood (its baseline when nobody
// lives there), recomputing the sums of deviations from the baselines on
// the way.
// Neighborhoods' residents are runs of ids in order, so visiting them
// neighborhood by neighborhood visits every resident in turn.
func (p *Population) shiftScan(shift []float64, write bool) []float64 {
	mean := make([]float64, len(p.byHood))
	day := p.day
	p.keepFor(day) // every resident's gap: seen is 0 to day
	keep := p.keep[:day+1]
	for h, rs := range p.byHood {
		var d float64
		if shift != nil {
			d = shift[h]
		}
		b := p.Base[h]
		var sum, dev float64
		if len(rs) > 0 {
			// TrustOf of each resident of the run, inline.
			run := p.res[rs[0] : int(rs[0])+len(rs)]
			for i := range run {
				r := &run[i]
				t := r.trust
				if k := day - r.seen; k != 0 {
					t = b + (t-b)*keep[k]
				}
				if d != 0 {
					t = clamp01(t + d)
				}
				if write {
					r.trust, r.seen = t, day
				}
				sum += t
				dev += t - b
			}
		}
		p.dev[h] = dev
		mean[h] = b
		if len(rs) > 0 {
			mean[h] = sum / float64(len(rs))
		}
	}
	return mean
}

// Shock applies a negative contact of the given strength to every
// resident of neighborhood h, or of the whole population when h is -1:
// the effect of news that reaches everyone rather than spreading tie by
// tie.
func (p *Population) Shock(h int, strength float64, tr *TrustRules) {
	if h >= 0 {
		for _, i := range p.byHood[h] {
			p.nudge(int(i), false, strength, tr)
		}
		return
	}
	for i := range p.res {
		p.nudge(i, false, strength, tr)
	}
}

// Drift moves every resident's trust a day's share of the way back to
// the neighborhood baseline: t <- t + pull (base - t), so that after k
// days t = base + (t - base)(1 - pull)^k. The residents' trust takes the
// days in this closed form when next read or touched; each
// neighborhood's sum of deviations from its baseline drifts the same way
// at once. A change of pull first brings every resident up to date,
// which before the first day's drift every resident already is.
func (p *Population) Drift(tr *TrustRules) {
	if tr.DailyPull != p.pull {
		if p.day > 0 {
			p.catchUp()
		}
		p.pull, p.keep = tr.DailyPull, []float64{1}
	}
	p.day++
	for h := range p.dev {
		p.dev[h] *= 1 - p.pull
	}
}

// MeanTrust returns the mean trust of each neighborhood (its baseline
// when nobody lives there) and of everyone (0 for an empty population),
// from the neighborhoods' sums of deviations.
func (p *Population) MeanTrust() ([]float64, float64) {
	mean := make([]float64, len(p.byHood))
	var all float64
	for h := range mean {
		mean[h] = p.Base[h]
		if n := len(p.byHood[h]); n > 0 {
			mean[h] += p.dev[h] / float64(n)
			all += float64(n)*p.Base[h] + p.dev[h]
		}
	}
	if len(p.res) == 0 {
		return mean, 0
	}
	return mean, all / float64(len(p.res))
}

// Likelihood is a probability that rises with trust: the logistic curve
// through Base at the neighborhood's baseline trust, with slope Slope per
// unit of trust on the log-odds scale.
type Likelihood struct {
	Base  float64 // probability at baseline trust, in [0, 1]
	Slope float64 // change in log-odds per unit of trust above baseline
}

// At returns the probability for trust t against baseline trust b.
func (l Likelihood) At(t, b float64) float64 {
	if l.Base <= 0 || l.Base >= 1 {
		return l.Base
	}
	x := math.Log(l.Base/(1-l.Base)) + l.Slope*(t-b)
	return 1 / (1 + math.Exp(-x))
}
