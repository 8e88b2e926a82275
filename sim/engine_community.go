package sim

import (
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/agents"
)

// crimeHour schedules the offense candidates of the hour starting now.
func (e *engine) crimeHour() {
	for i, c := range e.com.drawHour(e.now) {
		e.schedule(c.t, evOffense, int32(i), 0)
	}
	e.schedule(e.now+60, evCrimeHour, 0, 0)
}

// offense handles candidate ci: deterrence may thin it out; otherwise it
// happens, boosts the near-repeat risk around it, and is discovered by a
// dwelling officer, reported by its victim, or left unrecorded.
func (e *engine) offense(ci int) {
	m := e.com
	cr := &e.cfg.Community.Crime
	cand := m.cands[ci]
	cell := int(cand.cell)
	if cand.uKeep < m.deterrence(cell, e.now) {
		if e.crec.in(e.now) {
			e.crec.deterred++
		}
		return
	}
	typ := m.field.TypeAt(cell, cand.uType)
	ct := &cr.Types[typ]
	hood := e.cfg.Grid.Neighborhood[cell]
	victim := -1
	if !ct.Victimless {
		victim = m.pop.At(cell, hood, m.rngOut)
	}
	id := int32(len(m.offenses))
	m.offenses = append(m.offenses, offense{t: e.now, cell: int32(cell), typ: int8(typ), hood: int16(hood),
		victim: int32(victim), inWindow: e.crec.in(e.now)})
	e.crec.happened(&m.offenses[id], m.nearRepeat(typ, cell, e.now))
	if b := cr.NearRepeat * ct.NearRepeatScale; b > 0 {
		m.field.Boost(cell, e.now, b, cr.NearRepeatSpread, func(c int) { m.reweight(c, e.now) })
	}
	if m.present(cell, e.now) && m.rngOut.Float64() < cr.Discovery {
		e.record(id, cell, viaPatrol)
		if m.rngOut.Float64() < cr.DiscoveryArrest {
			e.crec.arrested(&m.offenses[id])
		}
		return
	}
	if victim >= 0 {
		p := agents.Likelihood{Base: ct.Report, Slope: e.cfg.Community.Trust.ReportSlope}.At(m.pop.Trust[victim], m.pop.Base[hood])
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

// crimeCallServed settles a crime call when the officer leaves the scene:
// the victim may cooperate, which raises the chance of an arrest, and
// judges the response by how long it took. It reports whether the
// offense was cleared by an arrest.
func (e *engine) crimeCallServed(c *call) bool {
	m := e.com
	tr := &e.cfg.Community.Trust
	o := &m.offenses[c.offense]
	ct := &e.cfg.Community.Crime.Types[o.typ]
	coop := false
	if o.victim >= 0 {
		coop = m.rngOut.Float64() < tr.Cooperation.At(m.pop.Trust[o.victim], m.pop.Base[o.hood])
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
	}
	if o.victim < 0 {
		return arrested
	}
	satisfied := c.firstAt-c.received <= tr.Satisfied
	m.pop.Contact(int(o.victim), satisfied, 1, &tr.Rules)
	if e.crec.in(e.now) {
		if satisfied {
			e.crec.contacts.Satisfied++
		} else {
			e.crec.contacts.Dissatisfied++
		}
	}
	return arrested
}

// endDwell ends o's current dwell, at its end or early; an officer on
// patrol made proactive stops during the time it dwelt.
func (e *engine) endDwell(o *agents.Officer) {
	m := e.com
	cell := o.Present
	dwelt := m.leave(o, e.now)
	if dwelt > 0 {
		e.crec.dwelt(cell, o.Arrive, o.Arrive+dwelt)
	}
	st := &e.cfg.Community.Stops
	if o.State != agents.OnPatrol || st.PerHour <= 0 || dwelt <= 0 {
		return
	}
	n := int(distuv.Poisson{Lambda: st.PerHour * dwelt / 60, Src: m.rngOut}.Rand())
	hood := e.cfg.Grid.Neighborhood[cell]
	for range n {
		r := m.pop.At(cell, hood, m.rngOut)
		if r < 0 {
			return
		}
		hit := false
		if m.rngOut.Float64() < st.HitRate {
			if id := m.unrecorded(hood, e.now); id >= 0 {
				hit = true
				e.record(int32(id), cell, viaStop)
				e.crec.arrested(&m.offenses[id])
			}
		}
		e.crec.stopped(e.now, cell, hood, int(m.pop.Group[r]), hit)
		e.useOfForce(o, encStop, -1, cell, r, e.cfg.Force.Stop, e.rngForce)
		if o.Trained {
			if e.crec.in(e.now) {
				e.crec.contacts.StopsPJ++
			}
			continue
		}
		m.pop.Contact(r, false, 1, &e.cfg.Community.Trust.Rules)
		if e.crec.in(e.now) {
			e.crec.contacts.Stops++
		}
	}
}

// engage starts a community-engagement session: the officer goes to a
// random cell of its beat and spends the session there.
func (e *engine) engage(o *agents.Officer) {
	e.setState(o, agents.Engage)
	o.Token++
	dst := e.world.RandomPointInBeat(o.Beat, e.rngPatrol)
	o.Move(e.now, 0, dst, e.world.patrolTime(o.Pos(e.now), dst))
	end := o.Arrive + e.cfg.Community.Engagement.Session
	e.com.plan(o, dst, o.Arrive, end)
	e.schedule(end, evEngageEnd, int32(o.ID), o.Token)
}

// engageEnd completes a session: the officer meets residents of its beat
// (positive contacts) and works on the beat's worst place (problem
// solving), then moves on to its next stretch of free time.
func (e *engine) engageEnd(o *agents.Officer) {
	m := e.com
	en := &e.cfg.Community.Engagement
	cells := e.world.beatCells[o.Beat]
	for range en.Contacts {
		if r := m.pop.InCells(cells, m.rngOut); r >= 0 {
			m.pop.Contact(r, true, 1, &e.cfg.Community.Trust.Rules)
			if e.crec.in(e.now) {
				e.crec.contacts.Engagement++
			}
		}
	}
	if en.ProblemCut > 0 {
		if c := m.field.SolveProblem(cells, en.ProblemCut, en.ProblemFloor); c >= 0 {
			m.reweight(c, e.now)
		}
	}
	if e.crec.in(e.now) {
		e.crec.sessions++
	}
	e.patrol(o)
}

// leaveFree ends an officer's free time: it stops dwelling, and an
// engagement session in progress is cut short.
func (e *engine) leaveFree(o *agents.Officer) {
	if e.com == nil {
		return
	}
	e.endDwell(o)
	if o.State == agents.Engage && e.crec.in(e.now) {
		e.crec.interrupted++
	}
}

// day runs at every midnight: trust drifts back toward the neighborhood
// baselines, the hot-spot window moves on, and the offense rates are
// refreshed (decay of the near-repeat risk, legitimacy).
func (e *engine) day() {
	m := e.com
	if e.now > 0 {
		m.pop.Drift(&e.cfg.Community.Trust.Rules)
		m.newDay()
	}
	var all float64
	m.hoodTrust, all = m.pop.MeanTrust()
	e.crec.endOfDay(e.now, m.hoodTrust, all)
	m.refreshRates(e.now)
	if next := e.now + MinutesPerDay; next <= e.end {
		e.schedule(next, evDay, 0, 0)
	}
}
