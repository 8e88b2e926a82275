package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/precinct-sim/precinct/agents"
)

// Run simulates replicate rep of cfg and returns what it measured. The
// result depends only on cfg and rep. Run returns an error only for an
// inconsistent Config.
func Run(cfg Config, rep int) (*Result, error) {
	return RunContext(context.Background(), cfg, rep)
}

// RunContext is Run, stopping early with ctx's error when ctx is done.
func RunContext(ctx context.Context, cfg Config, rep int) (*Result, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	e := newEngine(&cfg, rep)
	if err := e.run(ctx); err != nil {
		return nil, err
	}
	return e.finish(), nil
}

// checkEvery is how many events the engine handles between two looks at
// its context: often enough to stop within milliseconds, rarely enough to
// cost nothing.
const checkEvery = 1 << 12

// engine is the state of one replicate.
type engine struct {
	cfg       *Config
	rep       int
	now, end  float64
	warm      float64
	events    *eventQueue
	seq       uint64
	world     *world
	officers  []agents.Officer
	byShift   [][]int32
	calls     []call
	freeCalls []int32
	waiting   *minHeap[int32]
	serial    uint64 // calls received so far
	gen       *callGen
	rngPatrol *rand.Rand
	rec       *recorder
	com       *community         // nil without the community half
	crec      *communityRecorder // nil without the community half
	preemptOK bool

	posts, teamPosts     []int  // current posts per shift and teams per co-responder shift
	aid                  int    // mutual-aid officers added to every shift now
	onShift, teamOnShift []bool // the shift's current occurrence is on
	teams                []agents.Team
	teamsByShift         [][]int32
	surges               []*callGen // per event, the generator of a surge's calls (nil for other kinds)
	rngForce             *rand.Rand
	keyPCG               *rand.PCG
	keyRand              *rand.Rand
	keyBase              uint64
	prec                 *policyRecorder

	// afterEvent, when set (by tests), is called after every event.
	afterEvent func(*engine)
}

func newEngine(cfg *Config, rep int) *engine {
	e := &engine{
		cfg:       cfg,
		rep:       rep,
		warm:      float64(cfg.WarmupDays) * MinutesPerDay,
		end:       float64(cfg.WarmupDays+cfg.Days) * MinutesPerDay,
		events:    &eventQueue{},
		world:     newWorld(&cfg.Grid, cfg.Travel),
		byShift:   make([][]int32, len(cfg.Shifts)),
		rngPatrol: NewStream(cfg.Seed, rep, StreamPatrol),
		rec:       newRecorder(cfg),
		preemptOK: cfg.Preempt,
		onShift:   make([]bool, len(cfg.Shifts)),
		rngForce:  NewStream(cfg.Seed, rep, StreamForce),
		keyPCG:    rand.NewPCG(0, 0),
		keyBase:   splitmix64(cfg.Seed ^ splitmix64(uint64(rep))),
		prec:      newPolicyRecorder(cfg),
	}
	e.keyRand = rand.New(e.keyPCG)
	e.waiting = newCallQueue(&e.calls)
	e.gen = newCallGen(cfg.CallTypes, cfg.Grid.CallWeight, NewStream(cfg.Seed, rep, StreamCalls), tagCalls)
	// Each shift is built with the most officers it ever has (after
	// roster changes and with every mutual aid at once); active says how
	// many of them are on its roster at a time.
	extra := 0
	for _, ev := range cfg.Events {
		if ev.Kind == EventAid {
			extra += ev.Extra
		}
	}
	officers := maxPosts(cfg.Shifts, cfg.Events, func(ev *Event) []int { return ev.Officers }, extra)
	e.posts = make([]int, len(cfg.Shifts))
	// Training and cameras are spread evenly over the roster: officer k
	// has one when the running quota floor(k x share) steps up.
	has := func(id int, share float64) bool {
		return math.Floor(float64(id+1)*share) > math.Floor(float64(id)*share)
	}
	for s, sh := range cfg.Shifts {
		e.posts[s] = sh.Officers
		for k := range officers[s] {
			id := len(e.officers)
			e.officers = append(e.officers, agents.Officer{
				ID: id, Shift: s, Beat: k % cfg.Grid.Beats, State: agents.OffDuty,
				From: e.world.station, To: e.world.station, Call: -1, Present: -1,
				Trained: has(id, cfg.Community.Stops.PJShare),
				Deescal: has(id, cfg.Force.Deescalation),
				Camera:  has(id, cfg.Force.Cameras),
			})
			e.byShift[s] = append(e.byShift[s], int32(id))
		}
	}
	co := &cfg.CoResponders
	teams := maxPosts(co.Shifts, cfg.Events, func(ev *Event) []int { return ev.Teams }, 0)
	e.teamPosts = make([]int, len(co.Shifts))
	e.teamOnShift = make([]bool, len(co.Shifts))
	e.teamsByShift = make([][]int32, len(co.Shifts))
	for s, sh := range co.Shifts {
		e.teamPosts[s] = sh.Officers
		for range teams[s] {
			id := len(e.teams)
			e.teams = append(e.teams, agents.Team{ID: id, Shift: s, Call: -1})
			e.teamsByShift[s] = append(e.teamsByShift[s], int32(id))
		}
	}
	e.prec.busySince = make([]float64, len(e.teams))
	e.surges = make([]*callGen, len(cfg.Events))
	for i, ev := range cfg.Events {
		if ev.Kind == EventSurge && ev.SurgePerDay > 0 {
			e.surges[i] = newSurgeGen(cfg, &ev, NewStream(cfg.Seed, rep, streamSurge+Stream(i)), tagSurge+uint64(i))
		}
	}
	if cfg.Community.Enabled() {
		e.crec = newCommunityRecorder(cfg)
		e.com = newCommunity(cfg, rep, e.crec)
		e.world.com = e.com
	}
	return e
}

func (e *engine) schedule(t float64, kind evKind, a int32, tok uint32) {
	e.seq++
	e.events.push(event{t: t, seq: e.seq, kind: kind, a: a, tok: tok})
}

func (e *engine) run(ctx context.Context) error {
	e.scheduleShifts(e.cfg.Shifts, evShiftStart, evShiftEnd, e.startShift)
	e.scheduleShifts(e.cfg.CoResponders.Shifts, evTeamShiftStart, evTeamShiftEnd, e.startTeamShift)
	for i, ev := range e.cfg.Events {
		e.schedule(ev.Start, evEventStart, int32(i), 0)
		if ev.Kind == EventAid {
			e.schedule(ev.End, evEventEnd, int32(i), 0)
		}
	}
	e.schedule(e.gen.next(0), evCall, 0, 0)
	if e.com != nil {
		e.schedule(0, evDay, 0, 0)
		e.schedule(0, evCrimeHour, 0, 0)
	}
	for n := 1; e.events.len() > 0 && e.events.top().t < e.end; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("sim: stopped at day %.1f: %w", e.now/MinutesPerDay, err)
			}
		}
		ev := e.events.pop()
		e.now = ev.t
		switch ev.kind {
		case evShiftStart:
			e.shiftStarts(e.cfg.Shifts, ev, evShiftEnd, e.startShift)
		case evShiftEnd:
			e.endShift(int(ev.a))
		case evCall:
			e.receive(func(c *call) { e.gen.fill(c, e.now) })
			e.schedule(e.gen.next(e.now), evCall, 0, 0)
		case evCrimeHour:
			e.crimeHour()
		case evOffense:
			e.offense(int(ev.a))
		case evCrimeCall:
			e.crimeCall(int(ev.a))
		case evDay:
			e.day()
		case evTeamShiftStart:
			e.shiftStarts(e.cfg.CoResponders.Shifts, ev, evTeamShiftEnd, e.startTeamShift)
		case evTeamShiftEnd:
			e.endTeamShift(int(ev.a))
		case evTeamArrive:
			e.teamArrive(&e.teams[ev.a])
		case evTeamDone:
			e.teamDone(&e.teams[ev.a])
		case evEventStart:
			e.eventStart(int(ev.a))
		case evEventEnd:
			e.eventEnd(int(ev.a))
		case evSurgeCall:
			e.surgeCall(int(ev.a))
		default:
			o := &e.officers[ev.a]
			if ev.tok != o.Token {
				continue
			}
			switch ev.kind {
			case evArrive:
				e.arrive(o)
			case evServiceEnd:
				e.serviceEnd(o)
			case evReportEnd:
				e.reportEnd(o)
			case evPatrolLeg:
				e.patrol(o)
			case evEngageEnd:
				e.engageEnd(o)
			}
		}
		if e.afterEvent != nil {
			e.afterEvent(e)
		}
	}
	e.now = e.end
	return nil
}

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

// setState moves o to state s at the current minute, booking the time
// spent in the old state.
func (e *engine) setState(o *agents.Officer, s agents.State) {
	e.rec.stateTime(o.State, o.Since, e.now, o.OffAfter)
	switch o.State {
	case agents.OnPatrol:
		o.PatrolMin += e.now - o.Since
	case agents.Engage:
		o.EngageMin += e.now - o.Since
	}
	o.State = s
	o.Since = e.now
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

// becomeFree is called when o has nothing to do: it takes the most urgent
// waiting call, goes off duty if its shift has ended, or patrols.
func (e *engine) becomeFree(o *agents.Officer) {
	switch {
	case o.OffAfter:
		e.goOff(o)
	case e.waiting.len() > 0:
		e.assign(o, e.waiting.pop())
	default:
		e.patrol(o)
	}
}

// patrol starts a free officer's next stretch of free time: community
// engagement if it is short of its engagement share, else a patrol leg
// to its next patrol point.
func (e *engine) patrol(o *agents.Officer) {
	if e.com != nil {
		e.setState(o, o.State) // book the stretch just ended before deciding
		e.endDwell(o)
		if o.ShouldEngage(e.cfg.Community.Engagement.Share) {
			e.engage(o)
			return
		}
	}
	e.setState(o, agents.OnPatrol)
	o.Token++
	dst, ok := e.cfg.Patrol.Next(o, e.world, e.rngPatrol)
	if !ok {
		o.Stop(e.now)
		return
	}
	o.Move(e.now, 0, dst, e.world.patrolTime(o.Pos(e.now), dst))
	if e.com != nil {
		e.com.plan(o, dst, o.Arrive, o.Arrive+e.cfg.Patrol.Dwell)
	}
	if next := o.Arrive + e.cfg.Patrol.Dwell; next > e.now {
		e.schedule(next, evPatrolLeg, int32(o.ID), o.Token)
	}
	// A leg of no duration (zero distance and zero dwell) would repeat
	// at the same minute forever: the officer stays until its next call.
}

// receive takes a call in at the current minute: fill sets its type,
// place and durations; receive records it and dispatches or queues it.
func (e *engine) receive(fill func(*call)) {
	id := e.allocCall()
	c := &e.calls[id]
	c.offense = -1
	fill(c)
	c.received = e.now
	c.inWindow = e.now >= e.warm
	c.dispatch = -1
	c.unit = -1
	e.serial++
	c.serial = e.serial
	e.rec.received(c)

	if e.toTeam(id) {
		return
	}
	if o := e.nearestFree(c); o != nil {
		e.assign(o, id)
		return
	}
	if c.priority == P1 && e.preemptOK {
		if o := e.nearestPreemptable(c); o != nil {
			e.preempt(o)
			e.assign(o, id)
			return
		}
	}
	e.enqueue(id)
}

func (e *engine) allocCall() int32 {
	if n := len(e.freeCalls); n > 0 {
		id := e.freeCalls[n-1]
		e.freeCalls = e.freeCalls[:n-1]
		e.calls[id] = call{}
		return id
	}
	e.calls = append(e.calls, call{})
	return int32(len(e.calls) - 1)
}

func (e *engine) enqueue(id int32) {
	c := &e.calls[id]
	c.queuedAt = e.now
	c.inQueue = true
	e.waiting.push(id)
	e.rec.enterQueue(c, e.now)
}

// nearestFree returns the free officer (patrolling or engaging) with the
// shortest response time to c, the lowest id among equals, or nil.
func (e *engine) nearestFree(c *call) *agents.Officer {
	return e.nearest(c, func(o *agents.Officer) bool { return o.State.Free() })
}

// nearestPreemptable returns the officer closest to c among those en route
// to or on scene at a P3 call, or nil.
func (e *engine) nearestPreemptable(c *call) *agents.Officer {
	return e.nearest(c, func(o *agents.Officer) bool {
		return (o.State == agents.EnRoute || o.State == agents.OnScene) && !o.OffAfter &&
			e.calls[o.Call].priority == P3
	})
}

func (e *engine) nearest(c *call, ok func(*agents.Officer) bool) *agents.Officer {
	dst := e.cfg.Grid.Center(int(c.cell))
	var best *agents.Officer
	bestT := math.Inf(1)
	for i := range e.officers {
		o := &e.officers[i]
		if !ok(o) {
			continue
		}
		t := e.world.responseTime(o.Pos(e.now), dst)
		if o.State == agents.Engage {
			t += e.cfg.Community.Engagement.Delay
		}
		if t < bestT {
			best, bestT = o, t
		}
	}
	return best
}

// preempt takes o off its P3 call, which goes back to the queue keeping
// the service time it still needs.
func (e *engine) preempt(o *agents.Officer) {
	id := int32(o.Call)
	c := &e.calls[id]
	if o.State == agents.OnScene {
		c.service = max(0, c.service-(e.now-c.onScene))
	}
	c.unit = -1
	o.Stop(e.now)
	o.Call = -1
	if c.inWindow {
		e.rec.preemptions++
	}
	e.enqueue(id)
}

// assign dispatches o to call id at the current minute.
func (e *engine) assign(o *agents.Officer, id int32) {
	c := &e.calls[id]
	if c.inQueue {
		c.inQueue = false
		e.rec.leaveQueue(c, e.now)
	}
	if c.dispatch < 0 {
		c.dispatch = e.now
		e.rec.dispatched(c, e.now)
	}
	c.unit = int32(o.ID)
	o.Call = int(id)
	o.Token++
	wait := e.cfg.Travel.Turnout
	if o.State == agents.Engage {
		wait += e.cfg.Community.Engagement.Delay
	}
	e.leaveFree(o)
	e.setState(o, agents.EnRoute)
	dst := e.cfg.Grid.Center(int(c.cell))
	o.Move(e.now, wait, dst, e.world.responseDrive(o.Pos(e.now), dst))
	e.schedule(o.Arrive, evArrive, int32(o.ID), o.Token)
}

func (e *engine) arrive(o *agents.Officer) {
	c := &e.calls[o.Call]
	e.setState(o, agents.OnScene)
	c.onScene = e.now
	if !c.arrived {
		c.arrived = true
		c.firstAt = e.now
		e.rec.firstArrival(c, e.now)
	}
	e.schedule(e.now+c.service, evServiceEnd, int32(o.ID), o.Token)
}

func (e *engine) serviceEnd(o *agents.Officer) {
	c := &e.calls[o.Call]
	c.service = 0
	arrested := false
	if c.offense >= 0 {
		arrested = e.crimeCallServed(c)
	}
	e.encounter(o, c, arrested)
	e.setState(o, agents.Report)
	e.schedule(e.now+c.report, evReportEnd, int32(o.ID), o.Token)
}

func (e *engine) reportEnd(o *agents.Officer) {
	e.freeCalls = append(e.freeCalls, int32(o.Call))
	o.Call = -1
	e.becomeFree(o)
}

// finish closes the books at the end of the horizon.
func (e *engine) finish() *Result {
	for i := range e.officers {
		o := &e.officers[i]
		e.rec.stateTime(o.State, o.Since, e.end, o.OffAfter)
	}
	waiting := make([]*call, 0, e.waiting.len())
	for _, id := range e.waiting.h {
		waiting = append(waiting, &e.calls[id])
	}
	enRoute := 0
	for i := range e.officers {
		if o := &e.officers[i]; o.State == agents.EnRoute && e.calls[o.Call].inWindow && !e.calls[o.Call].arrived {
			enRoute++
		}
	}
	res := e.rec.result(e.rep, e.cfg.Days, e.cfg.WarmupDays, e.cfg.CallTypes, waiting, enRoute)
	e.prec.result(res, e)
	if e.com != nil {
		hood, all := e.com.pop.MeanTrust()
		e.crec.endOfDay(e.end, hood, all)
		res.Community = e.crec.result(e.cfg, e.com, hood, all, e.rec.stateMin[agents.Engage], e.rec.stateMin[agents.OnPatrol])
		for d := range res.Daily {
			res.Daily[d].Community = &e.crec.daily[d]
		}
	}
	return res
}
