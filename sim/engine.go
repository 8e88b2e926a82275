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
	now       float64
	win       window // the measured window
	events    *eventQueue
	seq       uint64
	world     *world
	officers  []agents.Officer
	free      unitSet               // the officers whose state is free for calls (patrol, engagement)
	freeIn    []unitSet             // per beat, the free officers posted to it
	freeNear  unitSet               // the free officers of the beats next to a call's (nearestAdjacent's scratch)
	inState   [agents.NumStates]int // officers in each state
	everyone  unitSet               // every officer
	calls     []call
	freeCalls []int32
	waiting   *callQueue
	serial    uint64 // calls received so far
	gen       *callGen
	rngPatrol *rand.Rand
	rec       *recorder
	com       *community         // nil without the community half
	crec      *communityRecorder // nil without the community half
	preemptOK bool

	roster, teamRoster *roster // the officers' and the co-responder teams' duty rosters
	nextBeat           int     // the beat the next officer posted patrols (a round robin)
	teams              []agents.Team
	teamQueue          []int32    // eligible calls waiting for a free team, in arrival order
	surges             []*callGen // per event, the generator of a surge's calls (nil for other kinds)
	rngForce           *rand.Rand
	keyPCG             *rand.PCG
	keyRand            *rand.Rand
	keyBase            uint64
	prec               *policyRecorder
	work               []officerWork // per officer, officer-initiated and out-of-service work
	pending            []pendingUnit // secondary units calls still wait for, oldest first

	// afterEvent, when set (by tests and RunTraced), is called after every
	// event, stale ones included.
	afterEvent func(*engine)
}

func newEngine(cfg *Config, rep int) *engine {
	e := &engine{
		cfg:       cfg,
		rep:       rep,
		win:       newWindow(cfg),
		events:    &eventQueue{},
		world:     newWorld(&cfg.Grid, cfg.Travel),
		rngPatrol: NewStream(cfg.Seed, rep, StreamPatrol),
		rec:       newRecorder(cfg),
		preemptOK: cfg.Preempt,
		rngForce:  NewStream(cfg.Seed, rep, StreamForce),
		keyPCG:    rand.NewPCG(0, 0),
		keyBase:   splitmix64(cfg.Seed ^ splitmix64(uint64(rep))),
		prec:      newPolicyRecorder(cfg),
	}
	e.keyRand = rand.New(e.keyPCG)
	e.waiting = newCallQueue(&e.calls)
	e.gen = newCallGen(cfg.CallTypes, cfg.Grid.CallWeight, NewStream(cfg.Seed, rep, StreamCalls), tagCalls)
	e.gen.days = cfg.Calendar.dayFactors(&cfg.Calendar.CallWeekday, &cfg.Calendar.CallMonthly, cfg.WarmupDays+cfg.Days+1)
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
	e.roster = newRoster(e, cfg.Shifts, evShiftStart, evShiftEnd, officerCrew{e})
	// Training and cameras are spread evenly over the roster: officer k
	// has one when the running quota floor(k x share) steps up.
	has := func(id int, share float64) bool {
		return math.Floor(float64(id+1)*share) > math.Floor(float64(id)*share)
	}
	for s := range cfg.Shifts {
		for range officers[s] {
			id := len(e.officers)
			e.officers = append(e.officers, agents.Officer{
				ID: int32(id), Shift: int32(s), State: agents.OffDuty,
				From: e.world.station, To: e.world.station, Call: -1, Present: -1,
				Trained: has(id, cfg.Community.Stops.PJShare),
				Deescal: has(id, cfg.Force.Deescalation),
				Camera:  has(id, cfg.Force.Cameras),
			})
			e.roster.units[s] = append(e.roster.units[s], int32(id))
		}
	}
	e.work = make([]officerWork, len(e.officers))
	e.inState[agents.OffDuty] = len(e.officers)
	e.newFreeSets()
	e.everyone = newUnitSet(len(e.officers), true)
	e.rec.officers(len(e.officers))
	co := &cfg.CoResponders
	teams := maxPosts(co.Shifts, cfg.Events, func(ev *Event) []int { return ev.Teams }, 0)
	e.teamRoster = newRoster(e, co.Shifts, evTeamShiftStart, evTeamShiftEnd, teamCrew{e})
	for s := range co.Shifts {
		for range teams[s] {
			id := len(e.teams)
			e.teams = append(e.teams, agents.Team{ID: id, Shift: s, Call: -1})
			e.teamRoster.units[s] = append(e.teamRoster.units[s], int32(id))
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
		e.com = newCommunity(cfg, rep, e.crec, e.world.place)
		e.world.com = e.com
	}
	return e
}

func (e *engine) schedule(t float64, kind evKind, a int32, tok uint32) {
	e.seq++
	e.events.push(t, e.seq, kind, a, tok)
}

func (e *engine) run(ctx context.Context) error {
	e.roster.schedule()
	e.teamRoster.schedule()
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
	for n := 1; e.events.len() > 0; n++ {
		ev := e.events.pop()
		t, kind, a, tok := ev.t, ev.kind(), ev.a, ev.tok // ev is only good until the next push
		if !(t < e.win.to) {
			break // the first event after the window, which nothing sees
		}
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("sim: stopped at day %.1f: %w", e.now/MinutesPerDay, err)
			}
		}
		e.now = t
		switch kind {
		case evShiftStart:
			e.roster.shiftStarts(kind, a)
		case evShiftEnd:
			e.roster.endShift(int(a))
		case evCall:
			e.receive(func(c *call) { e.gen.fill(c, e.now) })
			e.schedule(e.gen.next(e.now), evCall, 0, 0)
		case evCrimeHour:
			e.crimeHour()
		case evOffense:
			e.offense(int(a))
		case evCrimeCall:
			e.crimeCall(int(a))
		case evDay:
			e.day()
		case evTeamShiftStart:
			e.teamRoster.shiftStarts(kind, a)
		case evTeamShiftEnd:
			e.teamRoster.endShift(int(a))
		case evTeamArrive:
			e.teamArrive(&e.teams[a])
		case evTeamDone:
			e.teamDone(&e.teams[a])
		case evTeamWait:
			e.teamWaitOver(a, tok)
		case evEventStart:
			e.eventStart(int(a))
		case evEventEnd:
			e.eventEnd(int(a))
		case evSurgeCall:
			e.surgeCall(int(a))
		case evCallReady:
			e.ready(a)
		case evHoldExpire:
			e.holdExpire(a, tok)
		case evSelfInit:
			e.selfInit(&e.officers[a], tok)
		case evOOSDue:
			e.oosDue(&e.officers[a], tok)
		default:
			o := &e.officers[a]
			if tok != o.Token {
				break // a stale event: nothing happens (the after-event hook still sees it)
			}
			switch kind {
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
			case evActivityEnd:
				e.becomeFree(o)
			case evBookingDone:
				e.bookingDone(o)
			}
		}
		if e.afterEvent != nil {
			e.afterEvent(e)
		}
	}
	e.now = e.win.to
	return nil
}

// setState moves o to state s at the current minute, booking the time
// spent in the old state; it is the one place an officer's state changes,
// and it keeps the set of free officers.
func (e *engine) setState(o *agents.Officer, s agents.State) {
	e.rec.stateTime(o, e.now)
	switch o.State {
	case agents.OnPatrol:
		o.PatrolMin += e.now - o.Since
	case agents.Engage:
		o.EngageMin += e.now - o.Since
	}
	if was, is := o.State.Free(), s.Free(); was != is {
		if is {
			e.addFree(o)
		} else {
			e.removeFree(o)
		}
	}
	e.inState[o.State]--
	e.inState[s]++
	o.State = s
	o.Since = e.now
}

// finish closes the books at the end of the horizon.
func (e *engine) finish() *Result {
	for i := range e.officers {
		o := &e.officers[i]
		e.rec.stateTime(o, e.win.to)
	}
	waiting := make([]*call, 0, e.waiting.len())
	e.waiting.each(func(w *queued) { waiting = append(waiting, &e.calls[w.id]) })
	enRoute := 0
	for i := range e.officers {
		if o := &e.officers[i]; o.State == agents.EnRoute && !o.Secondary && e.calls[o.Call].counted && !e.calls[o.Call].arrived {
			enRoute++
		}
	}
	res := e.rec.result(e.rep, e.cfg.MeasuredDays(), e.cfg.WarmupDays, e.cfg.MeasureFrom, e.cfg.CallTypes, waiting, enRoute)
	e.prec.result(res, e)
	if e.com != nil {
		hood, all := e.com.pop.MeanTrust()
		e.crec.endOfDay(e.win.to, hood, all)
		res.Community = e.crec.result(e.cfg, e.com, hood, all, e.rec.stateMin[agents.Engage], e.rec.stateMin[agents.OnPatrol])
		res.Community.Knox = knoxBands(e.cfg, e.com.offenses, NewStream(e.cfg.Seed, e.rep, StreamKnox))
		for d := range res.Daily {
			res.Daily[d].Community = &e.crec.daily[d]
		}
	}
	return res
}
