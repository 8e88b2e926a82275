package sim

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/agents"
)

// offense is one true offense.
type offense struct {
	t        float64
	cell     int32
	typ      int8
	hood     int16
	victim   int32 // resident, victimBusiness, or -1 (none)
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
	uBus  float64 // decides a business victim (7.14): drawn with the candidate, so paired scenarios agree on it; 1 when no type has business victims
}

// Ways an offense gets recorded.
const (
	viaReport = iota
	viaPatrol
	viaStop
	numVia
)

// crimeHour schedules the offense candidates of the hour starting now.
func (e *engine) crimeHour() {
	for i, c := range e.com.drawHour(e.now) {
		e.schedule(c.t, evOffense, int32(i), 0)
	}
	e.schedule(e.now+60, evCrimeHour, 0, 0)
}

// drawHour draws the offense candidates of the hour starting at minute t:
// one Poisson count for the whole precinct, then a cell for each from the
// rate-weighted sampler, a uniform time within the hour, and the uniforms
// that later pick the type, decide deterrence and whether the victim is a
// business. The event queue puts
// the candidates in time order.
func (m *community) drawHour(t float64) []candidate {
	m.cands = m.cands[:0]
	if m.off {
		return m.cands
	}
	if m.rates.dirty {
		if m.refreshTotal(); m.off {
			return m.cands
		}
	}
	h := int(math.Mod(t, MinutesPerDay) / 60)
	lambda := m.total / 24 * m.cfg.Crime.Profile[h] / profileMean(&m.cfg.Crime.Profile)
	if m.days != nil {
		lambda *= dayFactor(m.days, t)
	}
	n := int(distuv.Poisson{Lambda: lambda, Src: m.rngCrime}.Rand())
	bus := hasBusiness(m.cfg.Crime.Types)
	for range n {
		c := candidate{
			cell: int32(m.rates.draw(m.rngCrime.Float64(), m.hoodMult)), t: t + 60*m.rngCrime.Float64(),
			uType: m.rngCrime.Float64(), uKeep: m.rngCrime.Float64(), uBus: 1,
		}
		if bus {
			c.uBus = m.rngCrime.Float64()
		}
		m.cands = append(m.cands, c)
	}
	return m.cands
}

// offense handles candidate ci: deterrence may thin it out; otherwise it
// happens, boosts the near-repeat risk around it, and is discovered by a
// dwelling officer, reported by its victim, or left unrecorded.
func (e *engine) offense(ci int) {
	m := e.com
	cr := &e.cfg.Community.Crime
	cand := m.cands[ci]
	cell := int(cand.cell)
	if m.deters(cell, e.now, cand.uKeep) {
		if e.crec.in(e.now) {
			e.crec.deterred++
		}
		return
	}
	typ, happens := m.areaType(cell, cand.uType)
	if !happens {
		return // area deterrence or incapacitation (areadeterrence.go)
	}
	ct := &cr.Types[typ]
	hood := int(m.place.at(cell).hood)
	victim := -1
	switch {
	case ct.Victimless:
	case cand.uBus < m.businessShare(typ, cell):
		victim = victimBusiness
	default:
		victim = m.pop.At(cell, hood, m.rngOut)
	}
	id := int32(len(m.offenses))
	m.offenses = append(m.offenses, offense{t: e.now, cell: int32(cell), typ: int8(typ), hood: int16(hood),
		victim: int32(victim), inWindow: e.crec.in(e.now)})
	e.crec.happened(&m.offenses[id], m.nearRepeat(typ, cell, e.now))
	e.nearRepeatBoost(cell, ct)
	if m.present(cell, e.now) && m.rngOut.Float64() < cr.Discovery {
		e.record(id, cell, viaPatrol)
		if m.rngOut.Float64() < cr.DiscoveryArrest {
			e.crec.arrestedOnView(&m.offenses[id])
			m.detain(&m.offenses[id])
		}
		return
	}
	if victim >= 0 || victim == victimBusiness {
		p := ct.BusinessReport
		if victim >= 0 {
			p = agents.Likelihood{Base: ct.Report, Slope: e.cfg.Community.Trust.ReportSlope}.At(m.pop.TrustOf(victim), m.pop.Base[hood])
		}
		if m.rngOut.Float64() < p {
			delay := 0.0
			if ct.ReportDelay > 0 {
				delay = m.rngOut.ExpFloat64() * ct.ReportDelay
			}
			e.schedule(e.now+delay, evCrimeCall, id, 0)
			return
		}
	}
	m.pool[hood] = append(m.pool[hood], id)
}

// record marks offense id as recorded, learned of at cell.
func (e *engine) record(id int32, cell, via int) {
	o := &e.com.offenses[id]
	o.recorded = true
	e.crec.recordedBy(o, via, cell, e.now)
	e.com.recordAt(cell)
}

// crimeCall takes in the victim's call about offense id.
func (e *engine) crimeCall(id int) {
	m := e.com
	o := &m.offenses[id]
	ct := &e.cfg.Community.Crime.Types[o.typ]
	e.crec.reportedBy(o)
	e.record(int32(id), int(o.cell), viaReport)
	e.receive(func(c *call) {
		t := &e.cfg.CallTypes[ct.Call]
		c.typ = int16(ct.Call)
		c.priority = t.Priority
		c.cell = o.cell
		c.service = t.Service.Sample(m.rngOut)
		c.report = t.Report.Sample(m.rngOut)
		c.offense = int32(id)
		c.key = tagCrime<<keyShift | uint64(id)
	})
}

// crimeCallServed settles a crime call when the officer leaves the scene
// (or the telephone report is taken): the victim may cooperate, which
// raises the chance of an arrest, and, when contact is set and the victim
// is a resident, judges the response by how long it took against what it
// expects for the call's priority. It reports whether the offense was
// cleared by an arrest.
func (e *engine) crimeCallServed(c *call, contact bool) bool {
	m := e.com
	tr := &e.cfg.Community.Trust
	o := &m.offenses[c.offense]
	ct := &e.cfg.Community.Crime.Types[o.typ]
	coop := false
	switch {
	case o.victim >= 0:
		coop = m.rngOut.Float64() < tr.Cooperation.At(m.pop.TrustOf(int(o.victim)), m.pop.Base[o.hood])
	case o.victim == victimBusiness:
		coop = m.rngOut.Float64() < tr.Cooperation.Base
	}
	// Cooperation multiplies the clearance probability by (1 + k) against
	// no cooperation, scaled so that at the baseline cooperation rate c0
	// the mean is the type's clearance rate.
	k, c0 := tr.CoopClearance, tr.Cooperation.Base
	p := ct.Clearance / (1 + k*c0)
	if coop {
		p *= 1 + k
	}
	arrested := m.rngOut.Float64() < min(1, p)
	if arrested {
		e.crec.arrested(o)
		m.detain(o)
	}
	if o.victim < 0 || !contact {
		return arrested
	}
	// A keyed draw: the same call's victim draws the same number in any
	// scenario, so paired scenarios differ only by the response time.
	u := e.keyed(c.key, purposeSatisfaction).Float64()
	satisfied := u < satisfaction(c.firstAt-c.received, tr.Expected[c.priority-1], tr.Steepness)
	m.pop.Contact(int(o.victim), satisfied, 1, &tr.Rules)
	if e.crec.in(e.now) {
		if satisfied {
			e.crec.contacts.Satisfied++
			e.crec.contacts.SatisfiedByPriority[c.priority-1]++
		} else {
			e.crec.contacts.Dissatisfied++
			e.crec.contacts.DissatisfiedByPriority[c.priority-1]++
		}
	}
	return arrested
}

// refreshRates brings the offense rates to midnight t: area deterrence
// and incapacitation from the rates as they stood over the day, then the
// neighborhood multipliers (legitimacy, social services) and the decay
// of the dynamic attractiveness (crimesampler.go).
func (m *community) refreshRates(t float64) {
	m.refreshArea(t)
	m.refreshHoodMult(t)
	m.rates.decay(t)
	m.refreshTotal()
}

// refreshHoodMult sets the neighborhood multipliers of minute t from the
// neighborhoods' mean trust (legitimacy) and the social services.
func (m *community) refreshHoodMult(t float64) {
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
}

// refreshTotal recomputes the precinct's offense rate before deterrence,
// raised by the majorant that area deterrence and incapacitation thin
// (areadeterrence.go). Should problem solving ever bring every cell to
// zero, offending stops for good.
func (m *community) refreshTotal() {
	m.total = m.rates.totals(m.hoodMult) * m.area.max
	m.off = m.off || !(m.total > 1e-9)
}

// reweight takes cell i's rate afresh at minute t after a near-repeat
// boost.
func (m *community) reweight(i int, t float64) {
	if !m.off {
		m.rates.take(i, t)
	}
}

// reweightCut takes cell i's rates afresh at minute t after a
// problem-solving step cut its static rate.
func (m *community) reweightCut(i int, t float64) {
	if !m.off {
		m.rates.takeCut(i, t)
	}
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
