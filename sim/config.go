package sim

import (
	"time"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/internal/enum"
)

// MinutesPerDay is the length of a simulated day.
const MinutesPerDay = 1440

// Config is everything the engine needs for one run, in engine units
// (minutes, metres, cell indices). Package scenarios builds it from a
// scenario file; Go callers may fill it directly and must then keep it
// consistent (Run reports what is not).
type Config struct {
	Seed       uint64 // the scenario seed; streams derive from it and the replicate
	Days       int    // days simulated after the warm-up, >= 1
	WarmupDays int    // days simulated before them, never measured, >= 0
	// MeasureFrom and MeasureDays narrow the measured window to days
	// MeasureFrom .. MeasureFrom+MeasureDays-1 of the Days (day 0 is the
	// first after the warm-up, as for events); MeasureDays 0 measures to
	// the end. The run stops at the end of the window.
	MeasureFrom int
	MeasureDays int

	Grid   Grid
	Travel Travel
	Shifts []Shift
	Patrol agents.Patrol

	CallTypes []CallType
	Community Community
	// Preempt lets a P1 call that finds no free unit take the nearest unit
	// that is en route to or on scene at a P3 call; the P3 call goes back
	// to the queue with its remaining service time.
	Preempt bool

	Dispatch     Dispatch     // call processing, dispatch policy, holding, telephone reports
	Arrests      Arrests      // transport and booking after an arrest
	SelfInit     SelfInit     // officer-initiated work in free time
	OutOfService OutOfService // meals, administration, court
	Calendar     Calendar     // day-of-week and monthly profiles of calls and offenses

	Force        Force        // use of force, injuries, complaints, accountability
	CoResponders CoResponders // civilian crisis teams; none without shifts
	Costs        []CostLine   // the budget's lines a year, at the start
	// OvertimeHour is the cost of one officer-hour of overtime, on top of
	// the lines (which pay the rostered hours).
	OvertimeHour float64
	Currency     string  // the unit of every money figure, e.g. "USD"
	Events       []Event // scheduled events, in any order
}

// Grid is the precinct: Width x Height square cells of CellM metres.
// Cell index i is at column i % Width, row i / Width.
type Grid struct {
	Width, Height int
	CellM         float64 // cell side in metres, > 0

	Neighborhoods []string  // names, indexed by neighborhood id
	Neighborhood  []int     // neighborhood id of each cell
	Beats         int       // number of patrol beats
	Beat          []int     // beat id of each cell; every beat has at least one cell
	CallWeight    []float64 // relative call volume of each cell, >= 0, not all 0
	Station       int       // cell of the station, where officers start their shift
}

// Cells returns the number of cells.
func (g *Grid) Cells() int { return g.Width * g.Height }

// Center returns the centre of cell i in cell units.
func (g *Grid) Center(i int) agents.Point {
	return agents.Point{X: float64(i%g.Width) + 0.5, Y: float64(i/g.Width) + 0.5}
}

// Metric is how distance between two points is measured.
type Metric uint8

// The distance metrics. MetricNone makes every trip take only the turnout
// time: what queueing validations need.
const (
	Manhattan  Metric = iota // |dx| + |dy|: a street grid
	Euclidean                // straight line
	MetricNone               // zero distance
)

var metricNames = enum.New[Metric]("Metric", "distance metric", "manhattan", "euclidean", "none")

// Metrics lists the names accepted by ParseMetric.
func Metrics() []string { return metricNames.List() }

// String returns the metric's name as written in scenarios.
func (m Metric) String() string { return metricNames.String(m) }

// ParseMetric returns the metric named s.
func ParseMetric(s string) (Metric, error) { return metricNames.Parse(s) }

// Travel turns distance into time.
type Travel struct {
	Metric      Metric
	Speed       float64 // response driving speed to a P1 call, metres per minute, > 0
	PatrolSpeed float64 // patrol driving speed, metres per minute, > 0
	Turnout     float64 // minutes from dispatch until the unit rolls, >= 0
	// PrioritySpeed is the driving speed to a call of each priority
	// (index priority - 1), metres per minute; 0 means Speed. Emergency
	// driving makes P1 the fastest.
	PrioritySpeed [NumPriorities]float64
}

// speed returns the driving speed to a call of priority p.
func (t *Travel) speed(p Priority) float64 {
	if v := t.PrioritySpeed[p-1]; v > 0 {
		return v
	}
	return t.Speed
}

// DispatchPolicy is how the dispatcher picks the unit for a call among
// the free ones.
type DispatchPolicy uint8

// The dispatch policies.
const (
	DispatchNearest      DispatchPolicy = iota // the nearest free unit anywhere
	DispatchBeat                               // the nearest free unit of the call's beat, else the nearest anywhere
	DispatchBeatAdjacent                       // own beat, then the beats sharing an edge with it, then anywhere
)

var policyNames = enum.New[DispatchPolicy]("DispatchPolicy", "dispatch policy", "nearest", "beat", "beat_adjacent")

// DispatchPolicies lists the names accepted by ParseDispatchPolicy.
func DispatchPolicies() []string { return policyNames.List() }

// String returns the policy's name as written in scenarios.
func (p DispatchPolicy) String() string { return policyNames.String(p) }

// ParseDispatchPolicy returns the policy named s.
func ParseDispatchPolicy(s string) (DispatchPolicy, error) { return policyNames.Parse(s) }

// Dispatch is what happens between a call's arrival and a unit's
// dispatch. The zero value is the pure core: no processing, the nearest
// free unit, an infinite queue, no holding, no telephone reports.
type Dispatch struct {
	// Processing is the call-taking and processing time of each priority
	// (index priority - 1) before the call enters the dispatch queue.
	Processing [NumPriorities]Dist
	Policy     DispatchPolicy
	// Lost makes the line capacity zero: a call that finds no free unit
	// is lost (counted, never queued, preempting nothing).
	Lost bool
	// HoldReserve holds P3 calls while this many free units or fewer are
	// left, keeping them for emergencies; 0 holds nothing.
	HoldReserve int
	// HoldMax is the longest a P3 call is held before it is sent anyway,
	// minutes; 0 means no limit.
	HoldMax float64
	// Telephone is the share of eligible calls taken as a telephone or
	// online report, with no unit sent; TelephoneTypes says which call
	// types are eligible (indexed like Config.CallTypes; nil: none).
	Telephone      float64
	TelephoneTypes []bool
}

// Arrests is what an arrest costs in officer time after the scene:
// transport to the booking place and booking. A zero Booking mean turns
// it off.
type Arrests struct {
	Booking Dist    // transport, booking and the return to service
	Second  float64 // P(a second officer at the scene goes along)
	Place   int     // cell of the booking place (station or jail)
}

// Activity is one kind of officer-initiated work: how often a free
// officer starts it and how long it takes.
type Activity struct {
	PerHour  float64 // starts per free officer-hour, >= 0
	Duration Dist
}

// SelfInit is officer-initiated work in free time. Zero rates turn it
// off.
type SelfInit struct {
	Traffic  Activity // traffic stops
	Directed Activity // directed patrol at a hot spot or a place of the beat
	Followup Activity // follow-up investigation
	// Interruptible lets a P1 call that finds no free unit take an
	// officer from officer-initiated work.
	Interruptible bool
}

// OutOfService is time on duty when an officer is out of service:
// meals, administration and vehicle time, court and training. Zero
// durations and rates turn it off.
type OutOfService struct {
	Meal          Dist    // one meal break per officer-shift; Mean 0: none
	MealAfter     float64 // the meal starts at least this many minutes after the shift's start
	MealBeforeEnd float64 // and at the latest this many minutes before the shift's end (never before MealAfter)
	// MealP1 lets a P1 call that finds no free unit take an officer from
	// its meal, whose rest is taken when the officer is next free inside
	// the window.
	MealP1        bool
	AdminPerHour  float64 // administration and vehicle episodes per on-duty officer-hour
	Admin         Dist    // one episode, at the station
	CourtPerShift float64 // P(an officer-shift loses a block to court or training)
	Court         Dist    // one block, at the station
}

// Calendar gives calls and offenses a day-of-week and a monthly profile
// beside the hourly one. Start is the date of the first simulated day;
// an all-zero profile is flat.
type Calendar struct {
	Start        time.Time
	CallWeekday  [7]float64 // relative rate, Monday first; normalised to mean 1
	CallMonthly  [12]float64
	CrimeWeekday [7]float64
	CrimeMonthly [12]float64
}

// Shift is one shift of the duty roster: Officers posts come on duty every
// day at Start (minutes after midnight) for Length minutes.
type Shift struct {
	Name     string
	Start    float64 // minutes after midnight, in [0, 1440)
	Length   float64 // minutes, in (0, 1440]; 1440 means around the clock
	Officers int     // posts staffed in this shift, >= 0
}

// Priority is a call's urgency: 1 (emergency) is served before 2 (urgent),
// which is served before 3 (routine).
type Priority int

// The priorities.
const (
	P1 Priority = 1 + iota
	P2
	P3
	NumPriorities = 3
)

// CallType is one kind of call for service.
type CallType struct {
	Name     string
	Priority Priority
	PerDay   float64     // mean calls per day, >= 0
	Profile  [24]float64 // relative rate by hour of day, >= 0, not all 0; normalised to mean 1
	Service  Dist        // time on scene
	Report   Dist        // report writing after the call
	Arrest   float64     // P(an arrest) when police answer a call of this type that reports no offense
	Force    float64     // P(force) when police answer a call of this type and make no arrest
	// Units is the share of calls sent 1, 2, 3, ... units (sums to 1);
	// nil sends one.
	Units []float64
	// SecondaryShare is a secondary unit's time on scene as a share of
	// the primary's remaining time when it arrives.
	SecondaryShare float64
	// Backup is P(the primary asks for one more unit on arrival).
	Backup float64
	// TeamOnly calls are served only by co-responder teams (public
	// assists: transport, outreach, referrals): police never go, and a
	// call no team takes within CoResponders.Wait is referred and closed.
	TeamOnly bool
}

// Community is the crime, resident and trust half of the model. A
// Community with no offense types and no residents switches it all off,
// leaving the calls-and-dispatch core.
type Community struct {
	Crime      Crime
	Residents  Residents
	Trust      Trust
	Engagement Engagement
	Stops      Stops
}

// Enabled reports whether the community half runs at all.
func (c *Community) Enabled() bool { return len(c.Crime.Types) > 0 || c.Residents.total() > 0 }

// Crime is the offense process. Offenses happen as a Poisson process over
// cells and hours at the rate the crime field gives, thinned by deterrence.
type Crime struct {
	PerDay  float64     // expected offenses a day at baseline (before any damping)
	Profile [24]float64 // relative rate by hour of day, normalised to mean 1
	Types   []CrimeType

	LandUse [agents.NumLandUse][]float64 // per land use, per cell weight (residential: residents per cell)

	NearRepeat       float64 // expected follow-on offenses an offense triggers nearby (x the type's factor): the branching ratio
	NearRepeatLife   float64 // mean life of the follow-on risk, minutes
	NearRepeatSpread float64 // share of the follow-on risk in the 8 neighbouring cells together
	// NearRepeatStationary starts the follow-on risk at its stationary
	// mean instead of at zero (MODEL.md 5).
	NearRepeatStationary bool

	Deterrence     float64 // share of offending suppressed in a cell while an officer dwells there
	DeterrenceLife float64 // mean life of the residual deterrence after the officer leaves, minutes
	// ResidualDeterrence is the share of offending suppressed just after a
	// dwell of the Koper curve's optimal length ends; a dwell of L minutes
	// leaves ResidualDeterrence x g(L) (see koper).
	ResidualDeterrence float64
	KoperPeak          float64 // dwell length at which the residual peaks, minutes
	KoperShape         float64 // how sharply the residual falls away from the peak; 0: the same residual for any dwell
	DeterrenceSpread   float64 // share of a cell's deterrence felt in each of its 8 neighbours (max rule); 0: none

	Discovery       float64 // probability that an officer dwelling in a cell discovers an offense there
	DiscoveryArrest float64 // probability that an offense discovered in progress ends in an arrest

	// Area deterrence (areadeterrence.go): each type's rate in a beat is
	// multiplied by ((V + V0) / (PresenceRef + V0))^-PresenceElasticity,
	// V the beat's perceived presence, V0 = PresenceFloor x PresenceRef.
	PresenceRef   float64 // officer-hours of visible presence per km² per hour at which the multiplier is 1
	PresenceFloor float64 // V0 as a share of PresenceRef, > 0 when any type has a presence elasticity
	PresenceLife  float64 // mean life of the perceived presence, minutes
	// Incapacitation (incapacitation.go): an arrest holds its offender
	// with probability Detention for a mean of DetentionLife minutes.
	Detention     float64 // probability an arrested offender is held
	DetentionLife float64 // mean time an offender is held, minutes

	EvidenceLife float64 // minutes an unrecorded offense can still be uncovered by a stop
	Legitimacy   float64 // offending x exp(-Legitimacy x (mean trust - baseline trust)) per neighborhood
	// CellHeterogeneity is the coefficient of variation of a per-cell
	// multiplier of the static attractiveness (a Gamma draw of mean 1,
	// the same for every replicate of a seed): the place-to-place
	// variation land use does not hold. 0: none.
	CellHeterogeneity float64

	HotspotWindow int     // days of recorded crime that hot-spot patrol ranks cells by
	HotspotTop    int     // number of hot spots
	HotspotKernel float64 // weight of the 8 neighbours' recorded offenses in a cell's hot-spot score
	HotspotFocus  float64 // hot spots are visited in proportion to score^HotspotFocus: 1 proportional, large nearly argmax
	PriorRecorded []int   // per neighborhood, offenses recorded in the window before the run starts

	Services []ServiceProgram // social-service investments that lower offending where they target
}

// CrimeType is one kind of offense.
type CrimeType struct {
	Name            string
	Share           float64                    // share of offenses at baseline
	Affinity        [agents.NumLandUse]float64 // weight on each land use
	Violent         bool                       // counted as violent crime in reporting rates
	Victimless      bool                       // no victim: never reported, only discovered
	Report          float64                    // probability a victim reports, at the neighborhood's baseline trust
	Business        float64                    // share of the non-residential part of a cell's attraction with a business victim
	BusinessReport  float64                    // probability a business victim reports
	ReportDelay     float64                    // mean minutes from offense to call (exponential)
	Clearance       float64                    // probability a reported offense is cleared by arrest, at baseline cooperation
	NearRepeatScale float64                    // the type's factor on Crime.NearRepeat
	// PresenceElasticity is the elasticity of the type's rate to the
	// beat's perceived police presence (0: no area deterrence).
	PresenceElasticity float64
	// OffenderRate is offenses a year per active offender of the type,
	// which sets how much an arrest's detention averts (0: none).
	OffenderRate float64
	Call         int // index in Config.CallTypes of the calls it generates
}

// Residents is the synthetic population, per neighborhood.
type Residents struct {
	Count       []int       // residents per neighborhood
	Groups      []string    // group names
	GroupShares [][]float64 // per neighborhood, share of each group
	BaseTrust   []float64   // per neighborhood, baseline trust in [0, 1]
	TrustSD     float64     // spread of initial trust
	Ties        int         // social ties per resident
	LocalTies   float64     // share of ties within the neighborhood
}

func (r *Residents) total() int {
	n := 0
	for _, c := range r.Count {
		n += c
	}
	return n
}

// Trust is how contacts move trust and how trust moves behaviour.
type Trust struct {
	Rules         agents.TrustRules
	ReportSlope   float64           // log-odds of reporting per unit of trust above baseline
	Cooperation   agents.Likelihood // probability a victim cooperates (tips, statements)
	CoopClearance float64           // a cooperating victim's clearance probability is 1 + CoopClearance times an uncooperative one's
	// SteadyStart shifts each neighborhood's trust at the end of the
	// warm-up to the steady state of the contact rates the warm-up
	// measured (MODEL.md 5); false: trust starts around the baselines.
	SteadyStart bool
	// Expected is the response a victim expects at each priority,
	// minutes: P(satisfied) = 1 / (1 + (R / Expected[p])^Steepness) for
	// a first arrival R minutes after the call (docs/MODEL.md 7.15).
	Expected  [3]float64
	Steepness float64
}

// Engagement is community policing: officers spend a share of free time
// meeting residents of their beat.
type Engagement struct {
	Share        float64 // community-policing intensity: share of free time spent engaging, in [0, 1]
	Session      float64 // minutes of one engagement session
	Contacts     int     // residents met per completed session
	Delay        float64 // extra minutes to respond to a call from engagement (back to the car)
	ProblemCut   float64 // share of the worst cell's static attractiveness removed per completed session
	ProblemFloor float64 // problem solving never lowers a cell below this share of its original attractiveness
}

// Stops is proactive stops on patrol.
type Stops struct {
	PerHour float64 // stops per officer-hour spent dwelling at patrol points
	HitRate float64 // probability a stop uncovers an unrecorded offense (when one is there to find)
	PJShare float64 // share of officers trained in procedural justice (their stops are positive contacts of strength PJContact)
	// PJContact is the strength of the positive contact a stop by a
	// trained officer is (1 = an ordinary positive contact; 0: none).
	PJContact float64
	// Duration is the time a stop takes the officer; Mean 0: none.
	Duration Dist
}

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

// CoResponders are civilian alternative responders (in the style of
// Eugene's CAHOOTS, a medic and a crisis worker, and Denver's STAR, a
// clinician and a paramedic): unarmed, without arrest powers, dispatched
// instead of police, on their own shifts. An eligible call that the
// dispatcher does not triage out goes to the nearest free team; when none
// is free but one is on duty it waits up to Wait for one, then goes to
// police. Calls of a team-only type (CallType.TeamOnly) that no team takes
// within the wait are referred and closed without a unit.
type CoResponders struct {
	Shifts []Shift // Officers is the number of teams on duty in the shift
	// Eligible is, per call type (indexed like Config.CallTypes), the
	// share of its calls teams may take, drawn per call from the call's
	// keyed generator so that the same calls are eligible in every
	// scenario; team-only types are eligible whatever it says.
	Eligible  []float64
	TriageOut float64 // P(the dispatcher sends police to an eligible call anyway: weapons, violence, crime in progress)
	Wait      float64 // minutes an eligible call waits for a free team when every team on duty is busy; 0: police at once
	Backup    float64 // P(a team asks police for backup at a call)
	Service   Dist    // a team's time on scene
	Report    Dist    // a team's time writing up after the scene
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
