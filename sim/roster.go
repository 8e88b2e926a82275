package sim

import "github.com/precinct-sim/precinct/agents"

// maxPosts returns, shift by shift, the most posts the shift ever has:
// over the base roster and the roster events, whose posts posts returns
// (nil when the event leaves them unchanged), plus extra for mutual aid.
func maxPosts(shifts []Shift, events []Event, posts func(*Event) []int, extra int) []int {
	n := make([]int, len(shifts))
	for s, sh := range shifts {
		n[s] = sh.Officers
	}
	for i := range events {
		for s, k := range posts(&events[i]) {
			n[s] = max(n[s], k)
		}
	}
	for s := range n {
		n[s] += extra
	}
	return n
}

// active returns how many officers of shift s are on its roster now:
// its posts plus mutual aid, at most the officers the shift was built
// with.
func (e *engine) active(s int) int { return min(len(e.byShift[s]), e.posts[s]+e.aid) }

// scheduleShifts puts a roster's shifts (officers' or teams') on the
// agenda: the occurrence of each shift that began the day before and runs
// past midnight is on duty at minute 0 (begin brings it on); then every
// day's occurrence follows.
func (e *engine) scheduleShifts(shifts []Shift, start, end evKind, begin func(int)) {
	for s, sh := range shifts {
		if sh.Start+sh.Length > MinutesPerDay {
			begin(s)
			e.schedule(sh.Start+sh.Length-MinutesPerDay, end, int32(s), 0)
		}
		e.schedule(sh.Start, start, int32(s), 0)
	}
}

// shiftStarts handles the start event ev of one of shifts: begin brings
// the shift on, and its end and the next day's start are scheduled.
func (e *engine) shiftStarts(shifts []Shift, ev event, end evKind, begin func(int)) {
	begin(int(ev.a))
	e.schedule(e.now+shifts[ev.a].Length, end, ev.a, 0)
	e.schedule(e.now+MinutesPerDay, ev.kind, ev.a, 0)
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

func (e *engine) endShift(s int) {
	if e.cfg.Shifts[s].Length >= MinutesPerDay {
		return // round the clock: the next occurrence starts this minute
	}
	e.onShift[s] = false
	for _, id := range e.byShift[s] {
		o := &e.officers[id]
		switch {
		case o.State.Free():
			e.goOff(o)
		case o.State.Committed():
			e.setState(o, o.State)
			o.OffAfter = true
		}
	}
}

func (e *engine) goOff(o *agents.Officer) {
	e.leaveFree(o)
	o.Stop(e.now)
	o.Token++
	e.setState(o, agents.OffDuty)
	o.OffAfter = false
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
