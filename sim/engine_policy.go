package sim

import (
	"math"
	"math/rand/v2"

	"github.com/precinct-sim/precinct/agents"
)

// StreamForce is the stream of the use-of-force draws at proactive stops.
// Draws at calls come from the call's own keyed generator (engine.keyed).
const StreamForce Stream = 6

// streamSurge is the first of the surge generators' streams: event i's
// surge draws from stream streamSurge + i.
const streamSurge Stream = 16

// Purposes of a call's keyed draws: each gets its own sequence.
const (
	purposePolice uint64 = 1 + iota // arrest, force, injuries, complaint at a police response
	purposeTeam                     // a team's time on scene and its call for backup
)

// Kinds of police encounter.
const (
	encCall   = iota // a call answered without arrest
	encArrest        // a call answered with an arrest
	encStop          // a proactive stop
	numEnc
)

// keyed returns a generator that depends only on the replicate, the call
// key and the purpose: the same call gets the same draws in any scenario
// that receives it, whoever answers it and whenever. It reseeds one PCG
// in place, so it allocates nothing; its draws must be used before the
// next call to keyed.
func (e *engine) keyed(key, purpose uint64) *rand.Rand {
	e.keyPCG.Seed(e.keyBase^splitmix64(purpose), splitmix64(key))
	return e.keyRand
}

// active returns how many officers of shift s are on its roster now:
// its posts plus mutual aid, at most the officers the shift was built
// with.
func (e *engine) active(s int) int { return min(len(e.byShift[s]), e.posts[s]+e.aid) }

// encounter settles a police response at the end of its scene: an arrest
// (known already for a crime call), perhaps force, injuries and a
// complaint.
func (e *engine) encounter(o *agents.Officer, c *call, arrested bool) {
	r := e.keyed(c.key, purposePolice)
	ct := &e.cfg.CallTypes[c.typ]
	if u := r.Float64(); c.offense < 0 {
		arrested = u < ct.Arrest
	}
	kind, p := encCall, ct.Force
	if arrested {
		kind, p = encArrest, e.cfg.Force.Arrest
		if e.prec.in(e.now) {
			e.prec.arrests++
		}
	}
	e.useOfForce(o, kind, int(c.typ), int(c.cell), -1, p, r)
}

// useOfForce draws whether officer o uses force (with probability p,
// less when trained in de-escalation) in an encounter of the given kind
// at cell, against resident subject (-1: someone at the cell), and what
// follows: injuries, a complaint and its outcome, and the trust the
// subject and its ties lose. It always makes the same draws from r.
func (e *engine) useOfForce(o *agents.Officer, kind, typ, cell, subject int, p float64, r *rand.Rand) {
	f := &e.cfg.Force
	if o.Deescal {
		p *= 1 - f.DeescalationEffect
	}
	force := r.Float64() < p
	civ := r.Float64() < f.CivilianInjury
	off := r.Float64() < f.OfficerInjury
	pc := f.ComplaintOther
	if force {
		pc = f.Complaint
	}
	complaint := r.Float64() < pc
	camera := 0.0
	if o.Camera {
		camera = 1
	}
	ps := f.Sustained * (1 + f.CameraSustained*camera)
	if f.Oversight {
		ps *= 1 + f.OversightSustained
	}
	sustained := r.Float64() < ps
	e.prec.encounter(e.now, kind, typ, force, force && civ, force && off, complaint, complaint && sustained)
	if !force || e.com == nil || f.SubjectTrust == 0 {
		return
	}
	m := e.com
	if subject < 0 {
		hood := e.cfg.Grid.Neighborhood[cell]
		if subject = m.pop.At(cell, hood, r); subject < 0 {
			if in := m.pop.InHood(hood); len(in) > 0 {
				subject = int(in[r.IntN(len(in))])
			}
		}
	}
	if subject >= 0 {
		m.pop.Contact(subject, false, f.SubjectTrust*f.Mitigation(camera), &e.cfg.Community.Trust.Rules)
	}
}

// startShift brings shift s's roster on duty: its first active(s)
// officers come on (or carry on with a call from the previous occurrence
// of a round-the-clock shift, no longer on overtime); the others go off,
// after their call if they have one. It also serves to resize a shift
// that is on when its posts change.
func (e *engine) startShift(s int) {
	e.onShift[s] = true
	n := e.active(s)
	for k, id := range e.byShift[s] {
		o := &e.officers[id]
		switch {
		case o.State == agents.OffDuty && k < n:
			o.From, o.To = e.world.station, e.world.station
			o.Depart, o.Arrive = e.now, e.now
			e.becomeFree(o)
		case o.State == agents.OffDuty:
		case k >= n && o.State.Free():
			e.goOff(o)
		default:
			e.setState(o, o.State)
			o.OffAfter = k >= n
		}
	}
}

// resizeShifts applies a change of posts or aid to the shifts on duty now;
// the others pick it up when they next start.
func (e *engine) resizeShifts() {
	for s, on := range e.onShift {
		if on {
			e.startShift(s)
		}
	}
	for s, on := range e.teamOnShift {
		if on {
			e.startTeamShift(s)
		}
	}
}

// startTeamShift brings co-responder shift s's teams on duty, like
// startShift does for officers.
func (e *engine) startTeamShift(s int) {
	e.teamOnShift[s] = true
	n := min(len(e.teamsByShift[s]), e.teamPosts[s])
	for k, id := range e.teamsByShift[s] {
		t := &e.teams[id]
		switch {
		case !t.OnDuty && k < n:
			t.OnDuty, t.Since, t.Pos = true, e.now, e.cfg.Grid.Center(e.cfg.Grid.Station)
		case !t.OnDuty:
		case k >= n && !t.Busy:
			e.teamOff(t)
		default:
			t.OffAfter = k >= n
		}
	}
}

func (e *engine) endTeamShift(s int) {
	if e.cfg.CoResponders.Shifts[s].Length >= MinutesPerDay {
		return // round the clock: the next occurrence starts this minute
	}
	e.teamOnShift[s] = false
	for _, id := range e.teamsByShift[s] {
		t := &e.teams[id]
		switch {
		case t.Busy:
			t.OffAfter = true
		case t.OnDuty:
			e.teamOff(t)
		}
	}
}

func (e *engine) teamOff(t *agents.Team) {
	e.prec.teamDuty(t.Since, e.now)
	t.OnDuty, t.OffAfter = false, false
}

// toTeam gives call id to the nearest free co-responder team when its
// type is eligible and it is not itself a call for backup, and reports
// whether it did.
func (e *engine) toTeam(id int32) bool {
	c := &e.calls[id]
	if len(e.teams) == 0 || c.backup || !e.cfg.CoResponders.Eligible[c.typ] {
		return false
	}
	dst := e.cfg.Grid.Center(int(c.cell))
	var best *agents.Team
	bestT := math.Inf(1)
	for i := range e.teams {
		t := &e.teams[i]
		if !t.OnDuty || t.Busy {
			continue
		}
		if d := e.world.responseTime(t.Pos, dst); d < bestT {
			best, bestT = t, d
		}
	}
	in := c.inWindow
	if best == nil {
		if in {
			e.prec.toPolice++
		}
		return false
	}
	c.dispatch = e.now
	e.rec.dispatched(c, e.now)
	c.team = true
	best.Busy, best.Call, best.Pos = true, int(id), dst
	e.prec.busySince[best.ID] = e.now
	if in {
		e.prec.teamCalls++
		e.prec.day(e.now).teamCalls++
		e.prec.freedMin += c.service + c.report
	}
	e.schedule(e.now+bestT, evTeamArrive, int32(best.ID), 0)
	return true
}

// teamArrive: the team reaches the scene, spends its time there (perhaps
// asking for police backup) and writes up.
func (e *engine) teamArrive(t *agents.Team) {
	c := &e.calls[t.Call]
	c.arrived = true
	c.firstAt = e.now
	e.rec.firstArrival(c, e.now)
	co := &e.cfg.CoResponders
	r := e.keyed(c.key, purposeTeam)
	done := e.now + co.Service.Sample(r) + co.Report.Sample(r)
	if r.Float64() < co.Backup {
		if c.inWindow {
			e.prec.backups++
		}
		typ, cell, service, report, key := c.typ, c.cell, c.service, c.report, c.key|keyBackupBit
		e.receive(func(b *call) {
			b.typ, b.priority, b.cell = typ, e.cfg.CallTypes[typ].Priority, cell
			b.service, b.report, b.key, b.backup = service, report, key, true
		})
	}
	e.schedule(done, evTeamDone, int32(t.ID), 0)
}

func (e *engine) teamDone(t *agents.Team) {
	e.freeCalls = append(e.freeCalls, int32(t.Call))
	e.prec.teamBusy(e.prec.busySince[t.ID], e.now)
	t.Busy, t.Call = false, -1
	if t.OffAfter {
		e.teamOff(t)
	}
}

// eventStart begins scheduled event i.
func (e *engine) eventStart(i int) {
	ev := &e.cfg.Events[i]
	switch ev.Kind {
	case EventSurge:
		if g := e.surges[i]; g != nil {
			if t := g.next(e.now); t < ev.End {
				e.schedule(t, evSurgeCall, int32(i), 0)
			}
		}
	case EventIncident:
		if e.prec.in(e.now) {
			e.prec.incidents++
		}
		if e.com == nil {
			return
		}
		f := &e.cfg.Force
		m := f.Mitigation(f.Cameras) * ev.Severity
		rules := &e.cfg.Community.Trust.Rules
		e.com.pop.Shock(-1, f.IncidentPrecinct*m, rules)
		if ev.Hood >= 0 {
			e.com.pop.Shock(ev.Hood, f.IncidentHood*m, rules)
		}
	case EventRoster:
		copy(e.posts, ev.Officers)
		if ev.Teams != nil {
			copy(e.teamPosts, ev.Teams)
		}
		e.resizeShifts()
	case EventAid:
		e.aid += ev.Extra
		e.resizeShifts()
	}
}

// eventEnd ends scheduled event i (surges end by themselves).
func (e *engine) eventEnd(i int) {
	if ev := &e.cfg.Events[i]; ev.Kind == EventAid {
		e.aid -= ev.Extra
		e.resizeShifts()
	}
}

// surgeCall takes in the next call of surge i and schedules the one after.
func (e *engine) surgeCall(i int) {
	g := e.surges[i]
	e.receive(func(c *call) { g.fill(c, e.now) })
	if t := g.next(e.now); t < e.cfg.Events[i].End {
		e.schedule(t, evSurgeCall, int32(i), 0)
	}
}
