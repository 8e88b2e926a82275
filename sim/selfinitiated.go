package sim

import (
	"github.com/precinct-sim/precinct/agents"
)

// The kinds of officer-initiated and out-of-service activity
// (agents.Officer.Activity).
const (
	actTraffic  uint8 = iota // a traffic stop
	actDirected              // directed patrol
	actFollowup              // a follow-up investigation
	actStop                  // pedestrian stops at the end of a dwell
	actMeal                  // a meal break
	actAdmin                 // administration and vehicle time
	actCourt                 // court or training
	numActivities
)

// activityNames name the activities in outputs.
var activityNames = [numActivities]string{"traffic_stops", "directed_patrol", "follow_ups", "pedestrian_stops", "meals", "admin", "court"}

// officerWork is the engine's per-officer state of officer-initiated
// and out-of-service work.
type officerWork struct {
	siLeft  float64 // exposure (in Exp(1) units) left before the next officer-initiated activity
	siFrom  float64 // minute the current free stretch started consuming it
	siDrawn bool    // siLeft holds the draw of activity siN
	siArmed bool    // an evSelfInit is scheduled for this free stretch
	siTok   uint32  // the token of the scheduled evSelfInit
	siN     uint32  // officer-initiated activities started so far
	stopsN  uint32  // pedestrian stops made so far

	oos     []episode // the current shift's out-of-service episodes, by due time
	oosHead int       // episodes before it are taken or lost
	oosTok  uint32    // bumped at every shift start: older evOOSDue are stale
	cur     episode   // the out-of-service episode under way
	endAt   float64   // minute the activity under way ends
}

// siRate returns the summed rate of officer-initiated work per free
// minute.
func (s *SelfInit) siRate() float64 {
	return (s.Traffic.PerHour + s.Directed.PerHour + s.Followup.PerHour) / 60
}

// siKey names the keyed draws of officer id's n-th officer-initiated
// activity.
func siKey(id int32, n uint32) uint64 { return uint64(id)<<32 | uint64(n) }

// armSelfInit starts the clock of officer-initiated work for o's free
// stretch: free time consumes an Exp(1) exposure at the summed rate, and
// the activity starts when it runs out. The n-th activity of an officer
// has the same draws in every scenario.
func (e *engine) armSelfInit(o *agents.Officer) {
	rate := e.cfg.SelfInit.siRate()
	w := &e.work[o.ID]
	if rate <= 0 || w.siArmed {
		return
	}
	if !w.siDrawn {
		w.siLeft = e.keyed(siKey(o.ID, w.siN), purposeSelfInit).ExpFloat64()
		w.siDrawn = true
	}
	w.siArmed = true
	w.siFrom = e.now
	w.siTok++
	e.schedule(e.now+w.siLeft/rate, evSelfInit, o.ID, w.siTok)
}

// disarmSelfInit stops the clock at the end of o's free stretch, keeping
// the exposure left.
func (e *engine) disarmSelfInit(o *agents.Officer) {
	w := &e.work[o.ID]
	if !w.siArmed {
		return
	}
	w.siArmed = false
	w.siTok++
	w.siLeft = max(0, w.siLeft-e.cfg.SelfInit.siRate()*(e.now-w.siFrom))
}

// selfInit starts o's next officer-initiated activity when its clock
// rings (tok its token): the kind in proportion to the rates, then its
// duration. Directed patrol goes to a hot spot (or a place of the beat)
// and is presence there; the others happen where the officer is.
func (e *engine) selfInit(o *agents.Officer, tok uint32) {
	w := &e.work[o.ID]
	if tok != w.siTok || !w.siArmed || !o.State.Free() {
		return
	}
	w.siArmed, w.siDrawn = false, false
	si := &e.cfg.SelfInit
	r := e.keyed(siKey(o.ID, w.siN), purposeSelfInit)
	w.siN++
	r.ExpFloat64() // the exposure, already used
	u := r.Float64() * (si.Traffic.PerHour + si.Directed.PerHour + si.Followup.PerHour)
	kind, d := actFollowup, si.Followup.Duration
	switch {
	case u < si.Traffic.PerHour:
		kind, d = actTraffic, si.Traffic.Duration
	case u < si.Traffic.PerHour+si.Directed.PerHour:
		kind, d = actDirected, si.Directed.Duration
	}
	dur := d.Sample(r)
	if kind != actDirected {
		e.startActivity(o, agents.SelfInit, kind, dur, nil)
		return
	}
	dst, ok := e.world.HotspotPoint(r)
	if !ok {
		dst = e.world.RandomPointInBeat(o.Beat, r)
	}
	e.startActivity(o, agents.SelfInit, kind, dur, &dst)
	if e.com != nil {
		e.com.plan(o, dst, o.Arrive, w.endAt)
	}
}

// stopsTime starts the time o's n pedestrian stops of the dwell just
// ended take, and reports whether there was any.
func (e *engine) stopsTime(o *agents.Officer, n int) bool {
	d := e.cfg.Community.Stops.Duration
	if n <= 0 || d.Mean <= 0 {
		return false
	}
	w := &e.work[o.ID]
	dur := 0.0
	for range n {
		dur += d.Sample(e.keyed(siKey(o.ID, w.stopsN), purposeStops))
		w.stopsN++
	}
	e.startActivity(o, agents.SelfInit, actStop, dur, nil)
	return true
}

// startActivity takes free o into state s (officer-initiated work or out
// of service) for activity kind, lasting dur minutes after the drive to
// dst (none: where it is).
func (e *engine) startActivity(o *agents.Officer, s agents.State, kind uint8, dur float64, dst *agents.Point) {
	e.leaveFree(o)
	e.setState(o, s)
	o.Activity = kind
	o.Token++
	if dst != nil {
		o.Move(e.now, 0, *dst, e.world.patrolTime(o.Pos(e.now), *dst))
	} else {
		o.Stop(e.now)
	}
	w := &e.work[o.ID]
	w.endAt = o.Arrive + dur
	e.schedule(w.endAt, evActivityEnd, o.ID, o.Token)
}

// interruptible reports whether a P1 call that finds no free unit may
// take o from what it is doing: officer-initiated work when
// SelfInit.Interruptible, a meal when OutOfService.MealP1.
func (e *engine) interruptible(o *agents.Officer) bool {
	switch o.State {
	case agents.SelfInit:
		return e.cfg.SelfInit.Interruptible
	case agents.OutOfService:
		return o.Activity == actMeal && e.cfg.OutOfService.MealP1
	}
	return false
}

// interrupt cuts o's activity short for a P1 call; the rest of a meal
// waits until o is next free.
func (e *engine) interrupt(o *agents.Officer) {
	if o.State != agents.OutOfService {
		return
	}
	w := &e.work[o.ID]
	ep := w.cur
	ep.due, ep.dur = e.now, max(0, w.endAt-e.now)
	w.oosHead--
	w.oos[w.oosHead] = ep
}
