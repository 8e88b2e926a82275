package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// checkState returns the first broken invariant of the engine's state, or
// "": every officer is in exactly one consistent state, every committed
// primary unit holds a call that names it (a secondary one a call it is
// attached to), waiting calls have no unit, and no call that may be
// dispatched waits while an officer is free (dispatch is work-conserving
// but for held P3 calls); the dispatcher's set of free units holds the
// officers in a free state and no others.
func checkState(e *engine) string {
	free, inFree := 0, 0
	for i := range e.officers {
		o := &e.officers[i]
		if member := e.free.words[o.ID>>6]>>(o.ID&63)&1 == 1; member != o.State.Free() {
			return fmt.Sprintf("officer %d is %v but the free set has it: %v", o.ID, o.State, member)
		}
		if o.State.Free() {
			inFree++
		}
		switch {
		case o.State >= agents.NumStates:
			return fmt.Sprintf("officer %d in unknown state %d", o.ID, o.State)
		case o.State.HeldByCall() && o.Secondary:
			if o.Call < 0 || e.calls[o.Call].attached <= 0 {
				return fmt.Sprintf("secondary officer %d is %v but its call %d has no unit attached", o.ID, o.State, o.Call)
			}
		case o.State.HeldByCall():
			if o.Call < 0 || e.calls[o.Call].unit != o.ID {
				return fmt.Sprintf("officer %d is %v but its call %d does not name it", o.ID, o.State, o.Call)
			}
		case o.Call >= 0:
			return fmt.Sprintf("officer %d is %v but holds call %d", o.ID, o.State, o.Call)
		case o.OffAfter:
			return fmt.Sprintf("officer %d is %v with a pending end of shift", o.ID, o.State)
		}
		if o.State == agents.OnPatrol {
			free++
		}
		if o.Since > e.now {
			return fmt.Sprintf("officer %d changed state in the future (%v > %v)", o.ID, o.Since, e.now)
		}
	}
	if inFree != e.free.n {
		return fmt.Sprintf("%d officers free, the free set counts %d", inFree, e.free.n)
	}
	var inState [agents.NumStates]int
	for i := range e.officers {
		inState[e.officers[i].State]++
	}
	if inState != e.inState {
		return fmt.Sprintf("officers by state %v, the engine counts %v", inState, e.inState)
	}
	open, overdue := 0, 0
	var waiting []queued
	e.waiting.each(func(w *queued) { waiting = append(waiting, *w) })
	for k, w := range waiting {
		if k > 0 && !e.waiting.less(&waiting[k-1], &w) {
			return fmt.Sprintf("waiting call %d is queued after call %d, which it comes before", w.id, waiting[k-1].id)
		}
		id := w.id
		if c := &e.calls[id]; c.unit != -1 || !c.inQueue {
			return fmt.Sprintf("waiting call %d has unit %d, inQueue %v", id, c.unit, c.inQueue)
		} else if w.priority != c.priority || w.received != c.received || w.serial != c.serial || w.overdue != c.holdOver {
			return fmt.Sprintf("waiting call %d is queued with keys %v, %v, %v and overdue %v, not its own", id, w.priority, w.received, w.serial, w.overdue)
		}
		if c := &e.calls[id]; int(c.beat) != e.cfg.Grid.Beat[c.cell] {
			return fmt.Sprintf("waiting call %d at cell %d has beat %d, the grid says %d", id, c.cell, c.beat, e.cfg.Grid.Beat[c.cell])
		}
		if c := &e.calls[id]; e.cfg.Dispatch.HoldReserve == 0 || c.priority != P3 || c.holdOver {
			open++
		}
		if e.calls[id].holdOver {
			overdue++
		}
	}
	if overdue != e.waiting.overdue {
		return fmt.Sprintf("%d waiting calls are overdue, the waiting list counts %d", overdue, e.waiting.overdue)
	}
	if open > 0 && free > 0 {
		return fmt.Sprintf("%d calls that may be dispatched wait while %d officers are free", open, free)
	}
	return ""
}

// runChecked runs replicate rep of cfg, calling check after every event
// and failing the test at the first broken invariant it reports.
func runChecked(t *testing.T, cfg *Config, rep int, check func(*engine) string) (*Result, *engine) {
	t.Helper()
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	e := newEngine(cfg, rep)
	events := 0
	e.afterEvent = func(e *engine) {
		events++
		if msg := check(e); msg != "" {
			t.Fatalf("minute %.3f, event %d: %s", e.now, events, msg)
		}
	}
	if err := e.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e.finish(), e
}

// testConfig is a small precinct: 16x16 cells of 200 m, 2 neighborhoods,
// 4 beats, 8x3 shifts, three call types, with the given posts per shift,
// patrol and preemption.
func testConfig(posts int, patrol agents.PatrolKind, preempt bool) Config {
	g := Grid{Width: 16, Height: 16, CellM: 200, Neighborhoods: []string{"west", "east"}, Beats: 4, Station: 8*16 + 8}
	for i := range 256 {
		x, y := i%16, i/16
		g.Neighborhood = append(g.Neighborhood, x/8)
		g.Beat = append(g.Beat, (y/8)*2+x/8)
		g.CallWeight = append(g.CallWeight, float64(1+x/8))
	}
	var prof [24]float64
	for h := range prof {
		prof[h] = 1 + 0.5*math.Sin(float64(h)/24*2*math.Pi)
	}
	return Config{
		Seed: 11, Days: 60, WarmupDays: 3, Grid: g,
		Travel: Travel{Metric: Manhattan, Speed: 600, PatrolSpeed: 300, Turnout: 1},
		Shifts: []Shift{{"day", 420, 480, posts}, {"evening", 900, 480, posts}, {"night", 1380, 480, posts}},
		Patrol: agents.Patrol{Kind: patrol, Dwell: 12}, Preempt: preempt,
		CallTypes: []CallType{
			{Name: "emergency", Priority: P1, PerDay: 10, Profile: prof, Service: Dist{LogNormal, 45, 30}, Report: Dist{Exponential, 20, 0}},
			{Name: "urgent", Priority: P2, PerDay: 40, Profile: prof, Service: Dist{LogNormal, 30, 20}, Report: Dist{Exponential, 10, 0}},
			{Name: "routine", Priority: P3, PerDay: 60, Profile: prof, Service: Dist{Exponential, 25, 0}, Report: Dist{Exponential, 5, 0}},
		},
	}
}

// TestInvariants runs the engine under several regimes, from idle to
// overloaded, and checks its state after every event and the books at the
// end.
func TestInvariants(t *testing.T) {
	for _, tc := range []struct {
		name    string
		posts   int
		patrol  agents.PatrolKind
		preempt bool
	}{
		{"light/beat", 12, agents.PatrolBeat, false},
		{"heavy/random", 4, agents.PatrolRandom, false},
		{"heavy/preempt", 4, agents.PatrolBeat, true},
		{"overloaded/stay", 2, agents.PatrolStay, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(tc.posts, tc.patrol, tc.preempt)
			res, _ := runChecked(t, &cfg, 0, checkState)
			checkResult(t, &cfg, res)
			if tc.preempt && tc.posts <= 4 && res.Preemptions == 0 {
				t.Errorf("no preemptions under heavy load with preemption on")
			}
		})
	}
}

// checkResult checks the books of a finished run: counts add up, nothing
// is negative, shares lie in [0, 1], on-duty time equals the roster's
// hours plus overtime, and Little's law holds within 2 %.
func checkResult(t *testing.T, cfg *Config, res *Result) {
	t.Helper()
	byType := 0
	for _, tc := range res.CallsByType {
		byType += tc.Calls
	}
	byPrio := 0
	for _, p := range res.ByPriority {
		byPrio += p.Calls
		if p.Answered > p.Calls || p.Answered != p.Response.N || p.Response.N > p.QueueDelay.N || p.QueueDelay.N > p.Calls {
			t.Errorf("P%d: calls %d, answered %d, responses %d, dispatched %d: inconsistent",
				p.Priority, p.Calls, p.Answered, p.Response.N, p.QueueDelay.N)
		}
		if !(p.WaitedShare >= 0 && p.WaitedShare <= 1) {
			t.Errorf("P%d: waited share %v, want in [0, 1]", p.Priority, p.WaitedShare)
		}
		if p.Response.N > 0 && (*p.Response.Median > *p.Response.P90 || *p.Response.Median < 0) {
			t.Errorf("P%d: median %v, p90 %v", p.Priority, *p.Response.Median, *p.Response.P90)
		}
	}
	if byType != res.Calls || byPrio != res.Calls {
		t.Errorf("calls %d, by type %d, by priority %d", res.Calls, byType, byPrio)
	}
	for name, v := range map[string]float64{"utilization": res.Utilization, "waited share": res.WaitedShare} {
		if !(v >= 0 && v <= 1) {
			t.Errorf("%s = %v, want in [0, 1]", name, v)
		}
	}
	h := res.OfficerHours
	for name, v := range map[string]float64{"patrol": h.Patrol, "engage": h.Engage, "en route": h.EnRoute, "on scene": h.OnScene, "report": h.Report,
		"self-initiated": h.SelfInitiated, "out of service": h.OutOfService, "transport": h.Transport, "overtime": h.Overtime} {
		if v < 0 {
			t.Errorf("officer hours %s = %v < 0", name, v)
		}
	}
	for _, d := range res.Daily {
		if d.WaitedShare != nil && !(*d.WaitedShare >= 0 && *d.WaitedShare <= 1) {
			t.Errorf("day %d: waited share %v, want in [0, 1]", d.Day, *d.WaitedShare)
		}
	}
	if res.UnansweredAtEnd > res.Calls-answered(res) {
		t.Errorf("%d calls unanswered at the end, but only %d were never reached", res.UnansweredAtEnd, res.Calls-answered(res))
	}
	var rostered float64
	for _, s := range cfg.Shifts {
		rostered += float64(s.Officers) * s.Length / 60 * float64(cfg.Days)
	}
	onDuty := h.Patrol + h.Engage + h.EnRoute + h.OnScene + h.Report + h.SelfInitiated + h.OutOfService + h.Transport
	fixed := !slices.ContainsFunc(cfg.Events, func(ev Event) bool { return ev.Kind == EventRoster || ev.Kind == EventAid })
	if fixed && math.Abs(onDuty-h.Overtime-rostered) > 1e-6*rostered {
		t.Errorf("on-duty hours %v - overtime %v = %v, want the roster's %v", onDuty, h.Overtime, onDuty-h.Overtime, rostered)
	}
	checkLittle(t, res)
	checkPolicyResult(t, res)
}

// checkPolicyResult checks the use-of-force, co-responder and cost books:
// force split by encounter and by type adds up, injuries and complaints
// stay within what caused them, cost is the sum of its lines, day by day
// too.
func checkPolicyResult(t *testing.T, res *Result) {
	t.Helper()
	f := res.Force
	if k := f.ByEncounter; k.Call+k.Arrest+k.Stop != f.UseOfForce {
		t.Errorf("use of force %d, by encounter %+v", f.UseOfForce, k)
	}
	var typeForce, typeResp, dayForce, dayComplaints int
	for _, bt := range f.ByType {
		if bt.Force > bt.Responses {
			t.Errorf("type %s: force %d in %d responses", bt.Type, bt.Force, bt.Responses)
		}
		typeForce += bt.Force
		typeResp += bt.Responses
	}
	if typeForce != f.ByEncounter.Call+f.ByEncounter.Arrest || typeResp > f.Encounters {
		t.Errorf("by type: force %d, responses %d; calls' force %d, encounters %d", typeForce, typeResp, f.ByEncounter.Call+f.ByEncounter.Arrest, f.Encounters)
	}
	if f.CivilianInjuries > f.UseOfForce || f.OfficerInjuries > f.UseOfForce || f.Sustained+f.NotSustained != f.Complaints || f.Complaints > f.Encounters {
		t.Errorf("force %d: injuries %d civilian, %d officer; complaints %d = %d sustained + %d not",
			f.UseOfForce, f.CivilianInjuries, f.OfficerInjuries, f.Complaints, f.Sustained, f.NotSustained)
	}
	var total, daily float64
	for _, l := range res.Cost.Lines {
		total += l.Amount
	}
	for _, d := range res.Daily {
		dayForce += d.Force
		dayComplaints += d.Complaints
		daily += d.Cost
	}
	if math.Abs(total-res.Cost.Total) > 1e-9*max(1, total) || math.Abs(daily-total) > 1e-6*max(1, total) {
		t.Errorf("cost %v, lines sum to %v, days to %v", res.Cost.Total, total, daily)
	}
	if dayForce != f.UseOfForce || dayComplaints != f.Complaints {
		t.Errorf("daily force %d, complaints %d; totals %d, %d", dayForce, dayComplaints, f.UseOfForce, f.Complaints)
	}
	if co := res.CoResponders; co != nil {
		if co.Backups > co.Calls || co.Calls > res.Calls || (co.Utilization != nil && !(*co.Utilization >= 0 && *co.Utilization <= 1)) {
			t.Errorf("co-responders: %+v of %d calls", *co, res.Calls)
		}
	}
}

func answered(res *Result) int {
	n := 0
	for _, p := range res.ByPriority {
		n += p.Answered
	}
	return n
}

// checkLittle checks L = lambda W within 2 % (or 1e-9 absolute when the
// queue is all but empty).
func checkLittle(t *testing.T, res *Result) {
	t.Helper()
	l := res.Little
	lw := l.ArrivalRate * l.MeanWait
	if diff := math.Abs(l.MeanQueueLength - lw); diff > 0.02*lw && diff > 1e-9 {
		t.Errorf("Little's law: L = %.6f, lambda x W = %.6f (%.6f x %.6f), off by %.2f%%",
			l.MeanQueueLength, lw, l.ArrivalRate, l.MeanWait, 100*diff/lw)
	}
}

func TestNoCalls(t *testing.T) {
	cfg := testConfig(3, agents.PatrolBeat, false)
	for i := range cfg.CallTypes {
		cfg.CallTypes[i].PerDay = 0
	}
	res, err := Run(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Calls != 0 || res.Utilization != 0 || res.QueueDelay.Mean != nil {
		t.Errorf("no calls: got calls %d, utilization %v, mean delay %v", res.Calls, res.Utilization, res.QueueDelay.Mean)
	}
	checkResult(t, &cfg, res)
}

func TestCheckRejectsBadConfig(t *testing.T) {
	for name, mod := range map[string]func(*Config){
		"no days":         func(c *Config) { c.Days = 0 },
		"beat range":      func(c *Config) { c.Grid.Beat[5] = 9 },
		"short slices":    func(c *Config) { c.Grid.CallWeight = c.Grid.CallWeight[:3] },
		"zero speed":      func(c *Config) { c.Travel.Speed = 0 },
		"long shift":      func(c *Config) { c.Shifts[0].Length = 2000 },
		"priority 4":      func(c *Config) { c.CallTypes[0].Priority = 4 },
		"zero profile":    func(c *Config) { c.CallTypes[1].Profile = [24]float64{} },
		"negative weight": func(c *Config) { c.Grid.CallWeight[0] = -1 },
	} {
		cfg := testConfig(3, agents.PatrolBeat, false)
		mod(&cfg)
		if _, err := Run(cfg, 0); err == nil {
			t.Errorf("%s: Run accepted an inconsistent config", name)
		}
	}
}

// TestCallsDoNotDependOnStaffing checks the common-random-numbers design:
// the same replicate under two staffing levels receives the same calls.
func TestCallsDoNotDependOnStaffing(t *testing.T) {
	a, _ := Run(testConfig(3, agents.PatrolBeat, false), 4)
	b, _ := Run(testConfig(9, agents.PatrolRandom, true), 4)
	for i := range a.CallsByType {
		if a.CallsByType[i] != b.CallsByType[i] {
			t.Errorf("type %d: %+v with 3 posts, %+v with 9", i, a.CallsByType[i], b.CallsByType[i])
		}
	}
	c, _ := Run(testConfig(3, agents.PatrolBeat, false), 5)
	if c.Calls == a.Calls {
		t.Errorf("replicates 4 and 5 received the same number of calls (%d): streams not distinct?", c.Calls)
	}
}

func TestRunContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := testConfig(5, agents.PatrolBeat, false)
	cfg.Days = 3650
	if _, err := RunContext(ctx, cfg, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run returned %v, want context.Canceled", err)
	}
}

// checkPolicy returns the first broken invariant of the co-responder
// teams and the roster: a busy team holds a call marked as a team's and
// held by no officer, an idle team holds none, a team off duty is idle,
// and an officer beyond its shift's roster is off duty or finishing a
// call before going off.
func checkPolicy(e *engine) string {
	for i := range e.teams {
		t := &e.teams[i]
		switch {
		case t.Busy && (t.Call < 0 || !e.calls[t.Call].team || e.calls[t.Call].unit != -1):
			return fmt.Sprintf("team %d is busy with call %d that is not a team's", t.ID, t.Call)
		case !t.Busy && t.Call >= 0:
			return fmt.Sprintf("team %d is idle but holds call %d", t.ID, t.Call)
		case t.Busy && !t.OnDuty:
			return fmt.Sprintf("team %d is busy off duty", t.ID)
		}
	}
	for s, ids := range e.roster.units {
		if !e.roster.on[s] {
			continue
		}
		for k := e.roster.active(s); k < len(ids); k++ {
			if o := &e.officers[ids[k]]; o.State != agents.OffDuty && !(o.State.HeldByCall() && o.OffAfter) {
				return fmt.Sprintf("officer %d beyond shift %d's roster of %d is %v", o.ID, s, e.roster.active(s), o.State)
			}
		}
	}
	if e.roster.aid < 0 {
		return fmt.Sprintf("mutual aid %d", e.roster.aid)
	}
	return ""
}

// checkAll is every invariant check of the engine.
func checkAll(e *engine) string {
	if msg := checkState(e); msg != "" {
		return msg
	}
	if msg := checkPolicy(e); msg != "" {
		return msg
	}
	if e.com != nil {
		return checkCommunity(e)
	}
	return ""
}
