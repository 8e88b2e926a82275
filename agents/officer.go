package agents

import "github.com/precinct-sim/precinct/internal/enum"

// Point is a position on the precinct grid in cell units.
type Point struct {
	X, Y float64
}

// State is an officer's duty state. Every officer is in exactly one state
// at every instant.
type State uint8

// The duty states. OnPatrol and Engage are free time: an officer in
// either can be dispatched without preemption (from Engage with a delay).
const (
	OffDuty      State = iota // not on shift
	OnPatrol                  // on shift and free: patrolling, available for calls
	Engage                    // on shift and free: community engagement in its beat, available with a delay
	EnRoute                   // dispatched, travelling to a call
	OnScene                   // serving a call
	Report                    // writing the report after a call; not available
	SelfInit                  // officer-initiated work: a traffic stop, a pedestrian stop, directed patrol, a follow-up
	OutOfService              // out of service: a meal, administration and vehicle time, court or training
	Transport                 // taking an arrestee to booking and booking them
	NumStates                 // the number of states; not a state
)

var stateNames = enum.New[State]("State", "duty state", "off_duty", "patrol", "engage", "en_route", "on_scene", "report",
	"self_initiated", "out_of_service", "transport")

// String returns the state's name as used in outputs (snake case).
func (s State) String() string { return stateNames.String(s) }

// OnDuty reports whether the state counts as on-duty time.
func (s State) OnDuty() bool { return s != OffDuty && s < NumStates }

// Committed reports whether the state is time committed to a call: en
// route, on scene or writing the report.
func (s State) Committed() bool { return s == EnRoute || s == OnScene || s == Report }

// Busy reports whether the state is on-duty time not free for calls:
// committed to a call, officer-initiated work, out of service or an
// arrest's transport and booking.
func (s State) Busy() bool { return s.OnDuty() && !s.Free() }

// HeldByCall reports whether the state keeps the officer past the end of
// its shift: a call (en route, on scene, report) or an arrest's
// transport and booking. Officer-initiated work and out-of-service time
// end with the shift.
func (s State) HeldByCall() bool { return s.Committed() || s == Transport }

// Free reports whether the state is free time: patrol or engagement.
func (s State) Free() bool { return s == OnPatrol || s == Engage }

// Officer is one patrol unit. The roster holds one Officer per post of a
// shift: the person behind a post changes from day to day (the relief
// factor maps sworn headcount to posts), the post's state carries on.
type Officer struct {
	// The first 64 bytes hold what the dispatcher reads of every
	// candidate unit (beat, state, flags and the current leg), so that a
	// search reads one cache line per unit; the rest is read when the
	// unit itself acts. The whole is 128 bytes, two lines.
	Beat int // index of the officer's patrol beat

	State     State
	Secondary bool  // at its call as a secondary unit (a second or third unit, or a backup), not the primary
	OffAfter  bool  // the shift has ended: go off duty when the current call is done
	Activity  uint8 // the kind of officer-initiated or out-of-service activity under way (sim's numbering)
	Trained   bool  // trained in procedural justice: its stops are weak positive contacts, not negative ones
	Deescal   bool  // trained in de-escalation: uses force less often
	Camera    bool  // wears a body-worn camera

	// The current movement leg: the officer leaves From at Depart and
	// reaches To at Arrive, moving in a straight line; before Depart it
	// is at From, after Arrive at To.
	From, To       Point
	Depart, Arrive float64

	Call    int32  // the call being handled, or -1
	Token   uint32 // bumped on every new assignment; stale events carry an old token
	ID      int32  // index in the roster, 0-based
	Shift   int32  // index of the officer's shift
	Present int    // the cell of its current or next dwell (patrol point, engagement), or -1

	Since     float64 // minute of the last state change
	DwellEnd  float64 // minute the dwell at Present ends; it starts at Arrive
	PatrolMin float64 // free minutes spent patrolling so far
	EngageMin float64 // free minutes spent in community engagement so far
	NextVisit float64 // hot-spot patrol: minute from which the officer's next directed visit is due
}

// ShouldEngage reports whether a free officer's next stretch should be
// community engagement: it is while the officer's engagement time falls
// short of share of its free time, so that in the long run the share of
// free time spent engaging approaches share.
func (o *Officer) ShouldEngage(share float64) bool {
	return share > 0 && o.EngageMin < share*(o.EngageMin+o.PatrolMin)
}

// Pos returns the officer's position at minute t, interpolating along the
// current leg.
func (o *Officer) Pos(t float64) Point {
	switch {
	case t <= o.Depart || o.Arrive <= o.Depart:
		if t >= o.Arrive {
			return o.To
		}
		return o.From
	case t >= o.Arrive:
		return o.To
	}
	f := (t - o.Depart) / (o.Arrive - o.Depart)
	return Point{X: o.From.X + f*(o.To.X-o.From.X), Y: o.From.Y + f*(o.To.Y-o.From.Y)}
}

// Stop fixes the officer at its position at minute t, ending any leg.
func (o *Officer) Stop(t float64) {
	p := o.Pos(t)
	o.From, o.To = p, p
	o.Depart, o.Arrive = t, t
}

// Move starts a leg from the officer's position at minute t to dst: the
// officer stays put for wait minutes (turnout), then drives, arriving at
// t+wait+drive.
func (o *Officer) Move(t, wait float64, dst Point, drive float64) {
	o.From = o.Pos(t)
	o.To = dst
	o.Depart, o.Arrive = t+wait, t+wait+drive
}
