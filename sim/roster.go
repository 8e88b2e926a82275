package sim

import "github.com/precinct-sim/precinct/agents"

// roster is the duty roster of one kind of unit, officers or co-responder
// teams: its shifts, the units built for each shift, the posts staffed
// now and which shifts are on. The engine has one for each kind; crew
// says how a unit of the kind comes on, carries on and goes off.
type roster struct {
	e          *engine
	crew       crew
	shifts     []Shift
	start, end evKind    // the agenda's events of the roster's shift starts and ends
	units      [][]int32 // per shift, the ids of the units built for it
	posts      []int     // posts per shift now
	aid        int       // mutual-aid posts added to every shift now
	on         []bool    // the shift's current occurrence is on
}

// crew is what a roster needs of its units: whether one is on duty and
// busy with a call, and the moves between on and off duty.
type crew interface {
	onDuty(id int32) bool
	busy(id int32) bool // on duty and held by a call
	// newShift tells an on-duty unit that its shift's occurrence starting
	// at minute start, length minutes long, begins.
	newShift(id int32, start, length float64)
	// post gives unit id its place for the occurrence of its shift that
	// starts now, before it comes on (or carries on).
	post(id int32)
	comeOn(id int32)
	goOff(id int32)
	// carryOn keeps an on-duty unit on, with its call if it has one;
	// offAfter says whether it goes off after that call.
	carryOn(id int32, offAfter bool)
}

// newRoster returns the roster of shifts, staffed at the shifts' own
// posts, with no units yet; start and end are its agenda's events.
func newRoster(e *engine, shifts []Shift, start, end evKind, c crew) *roster {
	r := &roster{e: e, crew: c, shifts: shifts, start: start, end: end,
		units: make([][]int32, len(shifts)), posts: make([]int, len(shifts)), on: make([]bool, len(shifts))}
	for s, sh := range shifts {
		r.posts[s] = sh.Officers
	}
	return r
}

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

// active returns how many units of shift s are on its roster now: its
// posts plus mutual aid, at most the units the shift was built with.
func (r *roster) active(s int) int { return min(len(r.units[s]), r.posts[s]+r.aid) }

// schedule puts the roster's shifts on the agenda: the occurrence of each
// shift that began the day before and runs past midnight is on duty at
// minute 0; then every day's occurrence follows.
func (r *roster) schedule() {
	for s, sh := range r.shifts {
		if sh.Start+sh.Length > MinutesPerDay {
			r.startShift(s, true)
			r.newShift(s, sh.Start-MinutesPerDay)
			r.e.schedule(sh.Start+sh.Length-MinutesPerDay, r.end, int32(s), 0)
		}
		r.e.schedule(sh.Start, r.start, int32(s), 0)
	}
}

// shiftStarts handles the start event of kind kind of the roster's shift
// a: the shift comes on, and its end and the next day's start are
// scheduled.
func (r *roster) shiftStarts(kind evKind, a int32) {
	e := r.e
	r.startShift(int(a), true)
	r.newShift(int(a), e.now)
	e.schedule(e.now+r.shifts[a].Length, r.end, a, 0)
	e.schedule(e.now+MinutesPerDay, kind, a, 0)
}

// startShift brings shift s on duty: its first active(s) units come on
// (or carry on with a call from the previous occurrence of a
// round-the-clock shift, no longer on overtime); the others go off, after
// their call if they have one. fresh says that a new occurrence of the
// shift starts: every active unit is posted anew. Otherwise it resizes a
// shift that is on when its posts change, and only the units that come on
// are posted.
func (r *roster) startShift(s int, fresh bool) {
	r.on[s] = true
	n := r.active(s)
	c := r.crew
	for k, id := range r.units[s] {
		if k < n && (fresh || !c.onDuty(id)) {
			c.post(id)
		}
		switch {
		case !c.onDuty(id) && k < n:
			c.comeOn(id)
		case !c.onDuty(id):
		case k >= n && !c.busy(id):
			c.goOff(id)
		default:
			c.carryOn(id, k >= n)
		}
	}
}

// newShift tells the on-duty units of shift s that its occurrence
// starting at minute start begins.
func (r *roster) newShift(s int, start float64) {
	for _, id := range r.units[s] {
		if r.crew.onDuty(id) {
			r.crew.newShift(id, start, r.shifts[s].Length)
		}
	}
}

// endShift ends shift s's current occurrence: free units go off, busy
// ones after their call.
func (r *roster) endShift(s int) {
	if r.shifts[s].Length >= MinutesPerDay {
		return // round the clock: the next occurrence starts this minute
	}
	r.on[s] = false
	c := r.crew
	for _, id := range r.units[s] {
		switch {
		case !c.onDuty(id):
		case c.busy(id):
			c.carryOn(id, true)
		default:
			c.goOff(id)
		}
	}
}

// resize applies a change of posts or aid to the shifts on duty now; the
// others pick it up when they next start.
func (r *roster) resize() {
	for s, on := range r.on {
		if on {
			r.startShift(s, false)
		}
	}
}

// resizeShifts resizes both rosters, officers' first.
func (e *engine) resizeShifts() {
	e.roster.resize()
	e.teamRoster.resize()
}

// officerCrew is the crew of the officers' roster.
type officerCrew struct{ e *engine }

func (c officerCrew) onDuty(id int32) bool { return c.e.officers[id].State != agents.OffDuty }

func (c officerCrew) busy(id int32) bool { return c.e.officers[id].State.HeldByCall() }

func (c officerCrew) newShift(id int32, start, length float64) {
	c.e.planShift(&c.e.officers[id], start, length)
}

// post gives officer id the next beat of the precinct's round robin, so
// that every beat is patrolled when a shift has at least as many officers
// as there are beats, and the officers a shift has beyond a multiple of
// the beats fall on different beats from one shift to the next.
func (c officerCrew) post(id int32) {
	e := c.e
	e.setBeat(&e.officers[id], e.nextBeat)
	e.nextBeat = (e.nextBeat + 1) % e.cfg.Grid.Beats
}

// comeOn starts officer id's shift at the station.
func (c officerCrew) comeOn(id int32) {
	e, o := c.e, &c.e.officers[id]
	o.From, o.To = e.world.station, e.world.station
	o.Depart, o.Arrive = e.now, e.now
	e.becomeFree(o)
}

func (c officerCrew) goOff(id int32) { c.e.goOff(&c.e.officers[id]) }

// carryOn books the officer's time so far (overtime starts or ends now).
func (c officerCrew) carryOn(id int32, offAfter bool) {
	o := &c.e.officers[id]
	c.e.setState(o, o.State)
	o.OffAfter = offAfter
}

func (e *engine) goOff(o *agents.Officer) {
	e.leaveFree(o)
	o.Stop(e.now)
	o.Token++
	e.setState(o, agents.OffDuty)
	o.OffAfter = false
}

// teamCrew is the crew of the co-responder teams' roster.
type teamCrew struct{ e *engine }

func (c teamCrew) onDuty(id int32) bool { return c.e.teams[id].OnDuty }

func (c teamCrew) busy(id int32) bool { return c.e.teams[id].Busy }

func (c teamCrew) newShift(int32, float64, float64) {}

// post does nothing: teams go wherever they are sent.
func (c teamCrew) post(int32) {}

// comeOn starts team id's shift at the station.
func (c teamCrew) comeOn(id int32) {
	e, t := c.e, &c.e.teams[id]
	t.OnDuty, t.Since, t.Pos = true, e.now, e.cfg.Grid.Center(e.cfg.Grid.Station)
	e.takeTeamQueued(t)
}

func (c teamCrew) goOff(id int32) { c.e.teamOff(&c.e.teams[id]) }

func (c teamCrew) carryOn(id int32, offAfter bool) { c.e.teams[id].OffAfter = offAfter }

func (e *engine) teamOff(t *agents.Team) {
	e.prec.teamDuty(t.Since, e.now)
	t.OnDuty, t.OffAfter = false, false
}
