package sim

// Force is what can happen on scene when police meet people: use of
// force, injuries, complaints and how complaints resolve, with the
// programmes that change them (de-escalation training, body-worn cameras,
// civilian oversight). Probabilities are per encounter; the probability of
// force at a call that ends without arrest is the call type's own
// (CallType.Force).
type Force struct {
	Arrest         float64 // P(force) when the encounter ends in an arrest
	Stop           float64 // P(force) in a proactive stop
	CivilianInjury float64 // P(the civilian is injured | force)
	OfficerInjury  float64 // P(the officer is injured | force)
	Complaint      float64 // P(a complaint is filed | force)
	ComplaintOther float64 // P(a complaint is filed | encounter without force)
	Sustained      float64 // P(a complaint is sustained) with no camera and no oversight

	// SubjectTrust is the strength of the negative contact that force is
	// for the person it is used on (1 = an ordinary negative contact); it
	// spreads to the person's social ties like any contact.
	SubjectTrust float64
	// IncidentPrecinct and IncidentHood are the strengths of the negative
	// contact that a high-profile incident of severity 1 is for every
	// resident of the precinct, and additionally for every resident of
	// the neighborhood where it happened.
	IncidentPrecinct float64
	IncidentHood     float64

	Deescalation       float64 // share of officers trained in de-escalation, [0, 1]
	DeescalationEffect float64 // relative cut in a trained officer's P(force), [0, 1]

	Cameras             float64 // share of officers wearing body-worn cameras, [0, 1]
	Oversight           bool    // a civilian oversight body reviews complaints and incidents
	CameraMitigation    float64 // share of an incident's trust cost removed when the officer wears a camera
	OversightMitigation float64 // share of an incident's trust cost removed by oversight
	CameraSustained     float64 // a complaint against an officer with a camera is sustained (1 + this) times as often
	OversightSustained  float64 // with oversight, complaints are sustained (1 + this) times as often
}

// Mitigation returns the share of an incident's trust cost that remains
// given whether the officer wore a camera and whether there is oversight.
// For an incident in general, pass the camera coverage as camera.
func (f *Force) Mitigation(camera float64) float64 {
	m := 1 - f.CameraMitigation*camera
	if f.Oversight {
		m *= 1 - f.OversightMitigation
	}
	return m
}

// CoResponders are civilian crisis teams (a clinician and a medic) on
// their own shifts. A free team takes an eligible call when it comes in;
// when none is free, police go.
type CoResponders struct {
	Shifts   []Shift // Officers is the number of teams on duty in the shift
	Eligible []bool  // per call type (indexed like Config.CallTypes): teams may take it
	Backup   float64 // P(a team asks police for backup at a call)
	Service  Dist    // a team's time on scene
	Report   Dist    // a team's time writing up after the scene
}

// ServiceProgram is a social-service investment in some neighborhoods: it
// lowers offending there by Effect, reached gradually over Ramp minutes
// after a Lag that starts at Start.
type ServiceProgram struct {
	Hoods  []int   // neighborhood ids
	Start  float64 // minute the investment starts
	Lag    float64 // minutes before it has any effect
	Ramp   float64 // minutes from the first effect to the full effect; 0: at once
	Effect float64 // full relative cut in offending, [0, 1]
}

// Factor returns the program's offending multiplier at minute t.
func (p *ServiceProgram) Factor(t float64) float64 {
	on := t - p.Start - p.Lag
	switch {
	case on <= 0:
		return 1
	case p.Ramp > 0 && on < p.Ramp:
		return 1 - p.Effect*on/p.Ramp
	default:
		return 1 - p.Effect
	}
}

// CostLine is one line of the budget: what it costs per year.
type CostLine struct {
	Name    string
	PerYear float64 // currency units a year, >= 0
}

// EventKind is what a scheduled event does.
type EventKind uint8

// The kinds of scheduled event.
const (
	// EventSurge adds calls in an area between Start and End.
	EventSurge EventKind = iota
	// EventIncident is a high-profile use-of-force incident at Start: a
	// trust shock to the whole precinct and more to one neighborhood.
	EventIncident
	// EventRoster changes the posts per shift (and teams, and the budget's
	// cost lines) from Start on: a staffing or budget change.
	EventRoster
	// EventAid brings Extra officers per shift from another agency between
	// Start and End (mutual aid).
	EventAid
)

// Event is something scheduled to happen during a run. Only the fields
// of its kind are used.
type Event struct {
	Kind       EventKind
	Start, End float64 // minutes; End for surges and aid

	// EventSurge: extra calls a day (all types in their usual mix and
	// hourly profile), placed by these per-cell weights.
	SurgePerDay float64
	SurgeWeight []float64

	// EventIncident: where (neighborhood id, or -1 for none in
	// particular) and how severe (1 = the calibrated shock).
	Hood     int
	Severity float64

	// EventRoster: posts per shift (like Config.Shifts), teams per
	// co-responder shift (nil: unchanged) and cost lines (nil: unchanged).
	Officers []int
	Teams    []int
	Costs    []CostLine

	// EventAid: extra officers on duty per shift.
	Extra int
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
