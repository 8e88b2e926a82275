package scenarios

import (
	"fmt"
	"strings"
	"time"
)

// Scenario is one precinct scenario as written in TOML. Every field has a
// default (see Default); a scenario file sets only what differs.
type Scenario struct {
	Name       string `toml:"name" json:"name"`                           // short identifier, used in outputs
	Summary    string `toml:"summary" json:"summary"`                     // one line for listings
	Extends    string `toml:"extends,omitempty" json:"extends,omitempty"` // library name or .toml path of the parent; empty once resolved
	Seed       uint64 `toml:"seed" json:"seed"`                           // scenario seed; replicate streams derive from it
	Days       int    `toml:"days" json:"days"`                           // days simulated after the warm-up, all measured unless measure_* narrow it
	WarmupDays int    `toml:"warmup_days" json:"warmup_days"`             // simulated first, excluded from metrics
	StartDate  string `toml:"start_date" json:"start_date"`               // "YYYY-MM-DD" of the first simulated day (warm-up included): weekdays and months
	// MeasureFromDay and MeasureDays narrow the measured window to days
	// measure_from_day .. measure_from_day+measure_days-1 (day 0 is the
	// first after the warm-up, as in events[].day); measure_days 0
	// measures to the end of days. Unset, every day is measured.
	MeasureFromDay int `toml:"measure_from_day,omitempty" json:"measure_from_day,omitempty"`
	MeasureDays    int `toml:"measure_days,omitempty" json:"measure_days,omitempty"`

	// Metadata for people, never passed to the engine (docs/ARCHITECTURE.md,
	// "The scenario library and its metadata"). Group is inherited through
	// extends like any key; name, summary and the four below describe one
	// file and are not.
	Group     string   `toml:"group,omitempty" json:"group,omitempty"`         // library group: training, staffing or policy
	Briefing  string   `toml:"briefing,omitempty" json:"briefing,omitempty"`   // the situation, the decision to make and what the scenario should show
	Levers    []string `toml:"levers,omitempty" json:"levers,omitempty"`       // what the file changes, each "dotted.key: why"
	Watch     []string `toml:"watch,omitempty" json:"watch,omitempty"`         // what to look at in the results
	Questions []string `toml:"questions,omitempty" json:"questions,omitempty"` // discussion questions for a class
	// ClaimKind says what the briefing's claim rests on, one of
	// ClaimKinds: "calibration" (it reproduces figures the inputs were
	// set to), "validation" (an emergent pattern that matches a published
	// figure or pattern the model was not tuned to), "emergent" (it
	// follows from the model's mechanisms, with no outside figure to
	// compare) or "assumed" (its headline outcome restates an effect the
	// model takes as an input). ClaimBasis says which inputs the claim
	// restates and what emerges, naming the keys in backquotes.
	ClaimKind  string `toml:"claim_kind,omitempty" json:"claim_kind,omitempty"`
	ClaimBasis string `toml:"claim_basis,omitempty" json:"claim_basis,omitempty"`

	World    World    `toml:"world" json:"world"`
	Travel   Travel   `toml:"travel" json:"travel"`
	Staffing Staffing `toml:"staffing" json:"staffing"`
	Patrol   Patrol   `toml:"patrol" json:"patrol"`
	Dispatch Dispatch `toml:"dispatch" json:"dispatch"`
	Calls    Calls    `toml:"calls" json:"calls"`

	Arrests      Arrests      `toml:"arrests" json:"arrests"`
	SelfInit     SelfInit     `toml:"selfinit" json:"selfinit"`
	OutOfService OutOfService `toml:"outofservice" json:"outofservice"`

	Residents  Residents  `toml:"residents" json:"residents"`
	Crime      Crime      `toml:"crime" json:"crime"`
	Trust      Trust      `toml:"trust" json:"trust"`
	Engagement Engagement `toml:"engagement" json:"engagement"`
	Stops      Stops      `toml:"stops" json:"stops"`

	Force          Force          `toml:"force" json:"force"`
	Training       Training       `toml:"training" json:"training"`
	Accountability Accountability `toml:"accountability" json:"accountability"`
	CoResponders   CoResponders   `toml:"coresponders" json:"coresponders"`
	Services       Services       `toml:"services" json:"services"`
	Costs          Costs          `toml:"costs" json:"costs"`
	Budget         Budget         `toml:"budget" json:"budget"`
	Events         []Event        `toml:"events" json:"events"`
}

// World is the precinct grid.
type World struct {
	Width         int            `toml:"width" json:"width"`         // cells east-west
	Height        int            `toml:"height" json:"height"`       // cells north-south; row 0 is the north edge
	CellM         float64        `toml:"cell_m" json:"cell_m"`       // side of a cell, metres
	Station       [2]int         `toml:"station" json:"station"`     // [column, row] of the station
	BeatCols      int            `toml:"beat_cols" json:"beat_cols"` // beats across: the grid is cut into beat_cols x beat_rows rectangles
	BeatRows      int            `toml:"beat_rows" json:"beat_rows"` // beats down
	Neighborhoods []Neighborhood `toml:"neighborhoods" json:"neighborhoods"`
	Places        []Place        `toml:"places" json:"places"`
	// Map, when set, gives the beats and call weights cell by cell
	// (scenarios/cellmap.go), in place of beat_cols x beat_rows and the
	// neighborhoods' call weights.
	Map *CellMap `toml:"map,omitempty" json:"map,omitempty"`
}

// Place is a rectangle of one land use that draws offenses: commerce,
// nightlife or transit. Places may overlap; their weights add.
type Place struct {
	Kind   string  `toml:"kind" json:"kind"`     // commerce, nightlife or transit
	Cells  [4]int  `toml:"cells" json:"cells"`   // [x0, y0, x1, y1] as for neighborhoods
	Weight float64 `toml:"weight" json:"weight"` // land-use weight of each cell (1: as much as an average residential cell)
}

// Neighborhood is a rectangle of cells. The neighborhoods of a scenario
// must cover the grid exactly once.
type Neighborhood struct {
	Name       string  `toml:"name" json:"name"`
	Cells      [4]int  `toml:"cells" json:"cells"`             // [x0, y0, x1, y1]: columns x0..x1-1, rows y0..y1-1
	CallWeight float64 `toml:"call_weight" json:"call_weight"` // relative calls per cell

	Population    int       `toml:"population" json:"population"`         // simulated residents
	Trust         float64   `toml:"trust" json:"trust"`                   // baseline trust in police, 0..1
	GroupShares   []float64 `toml:"group_shares" json:"group_shares"`     // share of residents in each of residents.groups
	PriorRecorded int       `toml:"prior_recorded" json:"prior_recorded"` // offenses recorded in the hot-spot window before the run
}

// Residents sets the synthetic population.
type Residents struct {
	Groups    []string `toml:"groups" json:"groups"`         // group names; neighborhoods give their shares
	TrustSD   float64  `toml:"trust_sd" json:"trust_sd"`     // spread of initial trust around the neighborhood baseline
	Ties      int      `toml:"ties" json:"ties"`             // social ties per resident
	LocalTies float64  `toml:"local_ties" json:"local_ties"` // share of ties within the neighborhood
}

// Crime sets the offense process.
type Crime struct {
	PerDay           float64              `toml:"per_day" json:"per_day"`                       // expected offenses a day at baseline
	Profile          []float64            `toml:"profile" json:"profile"`                       // 24 relative rates, hour 0 first
	NearRepeat       float64              `toml:"near_repeat" json:"near_repeat"`               // expected follow-on offenses an offense triggers nearby (branching ratio)
	NearRepeatDays   float64              `toml:"near_repeat_days" json:"near_repeat_days"`     // mean life of that follow-on risk, days
	NearRepeatSpread float64              `toml:"near_repeat_spread" json:"near_repeat_spread"` // share of it in the 8 neighbouring cells
	Weekday          []float64            `toml:"weekday" json:"weekday"`                       // 7 relative rates, Monday first; empty: flat
	Monthly          []float64            `toml:"monthly" json:"monthly"`                       // 12 relative rates, January first; empty: flat
	Deterrence       float64              `toml:"deterrence" json:"deterrence"`                 // share of offending suppressed where an officer dwells
	DeterrenceLife   Duration             `toml:"deterrence_life" json:"deterrence_life"`       // mean life of residual deterrence after the officer leaves
	Discovery        float64              `toml:"discovery" json:"discovery"`                   // chance a dwelling officer discovers an offense in its cell
	DiscoveryArrest  float64              `toml:"discovery_arrest" json:"discovery_arrest"`     // chance an offense discovered in progress ends in arrest
	PresenceRef      float64              `toml:"presence_ref" json:"presence_ref"`             // officer-hours of visible presence per km² per hour at which area deterrence is neutral
	PresenceFloor    float64              `toml:"presence_floor" json:"presence_floor"`         // share of presence_ref added to the presence (keeps offending finite with no patrol)
	PresenceDays     float64              `toml:"presence_days" json:"presence_days"`           // mean life of offenders' perception of police presence, days
	Detention        float64              `toml:"detention" json:"detention"`                   // chance an arrested offender is held
	DetentionDays    float64              `toml:"detention_days" json:"detention_days"`         // mean days an offender is held
	EvidenceDays     float64              `toml:"evidence_days" json:"evidence_days"`           // days an unrecorded offense can be uncovered by a stop
	Legitimacy       float64              `toml:"legitimacy" json:"legitimacy"`                 // offending x exp(-legitimacy x (trust - baseline trust))
	CellHetero       float64              `toml:"cell_heterogeneity" json:"cell_heterogeneity"` // coefficient of variation of the cells' place-level attractiveness (0: none)
	HotspotDays      int                  `toml:"hotspot_days" json:"hotspot_days"`             // window of recorded crime that hot-spot patrol ranks by
	HotspotTop       int                  `toml:"hotspot_top" json:"hotspot_top"`               // number of hot spots
	HotspotKernel    float64              `toml:"hotspot_kernel" json:"hotspot_kernel"`         // weight of neighbouring cells' records in a cell's hot-spot score
	HotspotFocus     float64              `toml:"hotspot_focus" json:"hotspot_focus"`           // visits in proportion to score^focus: 1 proportional, higher favours the top
	Types            map[string]CrimeType `toml:"types" json:"types"`
	Initial          string               `toml:"initial" json:"initial"` // follow-on risk at the start: stationary (its long-run mean) or empty

	// The Koper curve of residual deterrence, and its diffusion to neighbours.
	Residual         float64  `toml:"residual_deterrence" json:"residual_deterrence"` // share suppressed just after a visit of the optimal length
	KoperPeak        Duration `toml:"koper_peak" json:"koper_peak"`                   // visit length at which the residual deterrence peaks
	KoperShape       float64  `toml:"koper_shape" json:"koper_shape"`                 // how sharply the residual falls away from the peak; 0: the same for any visit
	DeterrenceSpread float64  `toml:"deterrence_spread" json:"deterrence_spread"`     // share of a cell's deterrence felt in each of its 8 neighbours
}

// CrimeType is one kind of offense and the calls it generates.
type CrimeType struct {
	Share       float64            `toml:"share" json:"share"`                             // share of offenses at baseline
	Affinity    map[string]float64 `toml:"affinity" json:"affinity"`                       // weight on each land use (residential, commerce, nightlife, transit)
	Violent     bool               `toml:"violent" json:"violent"`                         // counted as violent crime
	Victimless  bool               `toml:"victimless" json:"victimless"`                   // no victim: never reported, only discovered
	Reporting   float64            `toml:"reporting" json:"reporting"`                     // probability a victim reports, at baseline trust
	ReportDelay Duration           `toml:"report_delay" json:"report_delay"`               // mean time from offense to call
	Clearance   float64            `toml:"clearance" json:"clearance"`                     // probability a reported offense is cleared by arrest
	NearRepeat  float64            `toml:"near_repeat" json:"near_repeat"`                 // the type's factor on crime.near_repeat
	Presence    float64            `toml:"presence_elasticity" json:"presence_elasticity"` // elasticity of the type's rate to its beat's police presence (0: none)
	Offender    float64            `toml:"offender_rate" json:"offender_rate"`             // offenses a year per active offender (0: arrests incapacitate nobody)
	Force       float64            `toml:"force" json:"force"`                             // P(force) at its calls when police make no arrest
	Priority    int                `toml:"priority" json:"priority"`                       // priority of its calls
	Service     DurationDist       `toml:"service" json:"service"`                         // time on scene
	Report      DurationDist       `toml:"report" json:"report"`                           // report writing
	Units       []float64          `toml:"units" json:"units"`                             // share of calls sent 1, 2, 3, ... units; empty: one
	Backup      float64            `toml:"backup" json:"backup"`                           // P(the primary asks for one more unit on arrival)
	// Business is the share of the non-residential part of a cell's
	// attraction for the type whose offenses have a business victim
	// (shop theft, commercial burglary); BusinessReporting is the
	// probability a business victim reports (no trust involved).
	Business          float64 `toml:"business" json:"business"`
	BusinessReporting float64 `toml:"business_reporting" json:"business_reporting"`
}

// Trust sets how contacts move trust and how trust moves behaviour.
type Trust struct {
	Initial              string  `toml:"initial" json:"initial"`                             // trust after the warm-up: steady (the contact rates' steady state) or baseline
	Positive             float64 `toml:"positive" json:"positive"`                           // a positive contact closes this share of the gap to 1
	Asymmetry            float64 `toml:"asymmetry" json:"asymmetry"`                         // a negative contact weighs this many times a positive one
	Spread               float64 `toml:"spread" json:"spread"`                               // share of a contact's effect felt by each social tie
	DriftHalfLifeDays    float64 `toml:"drift_half_life_days" json:"drift_half_life_days"`   // half-life of a gap to the neighborhood baseline
	Slope                float64 `toml:"slope" json:"slope"`                                 // log-odds of reporting and cooperating per unit of trust above baseline
	Cooperation          float64 `toml:"cooperation" json:"cooperation"`                     // probability a victim cooperates, at baseline trust
	CooperationClearance float64 `toml:"cooperation_clearance" json:"cooperation_clearance"` // cooperation multiplies the clearance chance by 1 + this
	// ExpectedResponse is the response a victim expects at P1, P2 and
	// P3: half of the victims answered in that time are satisfied.
	ExpectedResponse [3]Duration `toml:"expected_response" json:"expected_response"`
	// SatisfactionSteepness is s in P(satisfied) = 1 / (1 + (R / E)^s).
	SatisfactionSteepness float64 `toml:"satisfaction_steepness" json:"satisfaction_steepness"`
}

// Engagement sets community policing.
type Engagement struct {
	Intensity      float64  `toml:"intensity" json:"intensity"`             // share of free officer time spent engaging, 0..1
	Session        Duration `toml:"session" json:"session"`                 // one engagement session
	Contacts       int      `toml:"contacts" json:"contacts"`               // residents met per completed session
	Delay          Duration `toml:"delay" json:"delay"`                     // extra time to respond from engagement
	ProblemSolving float64  `toml:"problem_solving" json:"problem_solving"` // share of the worst cell's static attractiveness removed per session
	ProblemFloor   float64  `toml:"problem_floor" json:"problem_floor"`     // problem solving stops at this share of the original
}

// Stops sets proactive stops.
type Stops struct {
	PerHour           float64      `toml:"per_hour" json:"per_hour"`                     // stops per officer-hour dwelling on patrol
	HitRate           float64      `toml:"hit_rate" json:"hit_rate"`                     // chance a stop uncovers an unrecorded offense
	ProceduralJustice float64      `toml:"procedural_justice" json:"procedural_justice"` // share of officers trained: their stops cost no trust and build a little
	PJContact         float64      `toml:"pj_contact" json:"pj_contact"`                 // a trained officer's stop is a positive contact of this strength
	Duration          DurationDist `toml:"duration" json:"duration"`                     // time a stop takes the officer; mean 0: none
}

// Travel turns distance into time.
type Travel struct {
	Metric         string   `toml:"metric" json:"metric"`                     // manhattan, euclidean or none (zero distance)
	SpeedKMH       float64  `toml:"speed_kmh" json:"speed_kmh"`               // driving speed to a P1 call (emergency driving), km/h
	P2SpeedKMH     float64  `toml:"p2_speed_kmh" json:"p2_speed_kmh"`         // driving speed to a P2 call, km/h
	P3SpeedKMH     float64  `toml:"p3_speed_kmh" json:"p3_speed_kmh"`         // driving speed to a P3 call, km/h
	PatrolSpeedKMH float64  `toml:"patrol_speed_kmh" json:"patrol_speed_kmh"` // driving speed on patrol, km/h
	Turnout        Duration `toml:"turnout" json:"turnout"`                   // from dispatch until the unit rolls
}

// Staffing is the duty roster: a shift pattern, and either a sworn
// headcount (turned into posts per shift through the officers' available
// hours) or the posts per shift directly.
type Staffing struct {
	Pattern          string      `toml:"pattern" json:"pattern"`                       // 8x3, 10x4, 12x2, 24x1 or custom
	Headcount        int         `toml:"headcount" json:"headcount"`                   // sworn patrol officers; 0 when officers_per_shift is used
	AnnualHours      float64     `toml:"annual_hours" json:"annual_hours"`             // hours an officer is available for patrol in a year
	OfficersPerShift []int       `toml:"officers_per_shift" json:"officers_per_shift"` // posts on duty in each shift, in pattern order
	Weights          []float64   `toml:"weights" json:"weights"`                       // with headcount: relative share of officers per shift (default equal)
	Shifts           []ShiftSpec `toml:"shifts" json:"shifts"`                         // with pattern = "custom": the shifts
}

// ShiftSpec is one shift of a custom pattern.
type ShiftSpec struct {
	Name   string   `toml:"name" json:"name"`
	Start  Clock    `toml:"start" json:"start"`   // "HH:MM"
	Length Duration `toml:"length" json:"length"` // up to "24h"
}

// Patrol sets what free officers do between calls.
type Patrol struct {
	Strategy string   `toml:"strategy" json:"strategy"` // beat, random, hotspot or stay
	Dwell    Duration `toml:"dwell" json:"dwell"`       // time spent at each patrol point

	HotspotVisit    Duration `toml:"hotspot_visit" json:"hotspot_visit"`       // hot-spot patrol: length of each directed visit
	HotspotInterval Duration `toml:"hotspot_interval" json:"hotspot_interval"` // hot-spot patrol: from a visit to the next one due; 0: all patrol at hot spots
	HotspotScope    string   `toml:"hotspot_scope" json:"hotspot_scope"`       // hot-spot patrol: beat (the officer's own beat's hot spots) or any
}

// Dispatch sets dispatching rules.
type Dispatch struct {
	Preempt        bool       `toml:"preempt" json:"preempt"`                 // a P1 call with no free unit may take a unit from a P3 call
	Policy         string     `toml:"policy" json:"policy"`                   // nearest, beat or beat_adjacent
	Queue          string     `toml:"queue" json:"queue"`                     // infinite (calls wait) or none (a call that finds no free unit is lost)
	HoldReserve    int        `toml:"hold_reserve" json:"hold_reserve"`       // P3 calls wait while this many free units or fewer are left
	HoldMax        Duration   `toml:"hold_max" json:"hold_max"`               // the longest a P3 call is held; 0: no limit
	SecondaryShare float64    `toml:"secondary_share" json:"secondary_share"` // a secondary unit's time on scene / the primary's remaining time
	Processing     Processing `toml:"processing" json:"processing"`
	Telephone      Telephone  `toml:"telephone" json:"telephone"`
}

// Processing is the call-taking and processing time of each priority,
// from the call's arrival to its entry into the dispatch queue.
type Processing struct {
	P1 DurationDist `toml:"p1" json:"p1"`
	P2 DurationDist `toml:"p2" json:"p2"`
	P3 DurationDist `toml:"p3" json:"p3"`
}

// Telephone is differential response: a share of eligible calls taken
// by telephone or online, with no unit sent.
type Telephone struct {
	Share float64  `toml:"share" json:"share"` // share of eligible calls
	Types []string `toml:"types" json:"types"` // eligible call and offense types (priority 3)
}

// Arrests sets transport and booking after an arrest at a call.
type Arrests struct {
	Booking       DurationDist `toml:"booking" json:"booking"`               // transport, booking and return to service; mean 0: none
	SecondOfficer float64      `toml:"second_officer" json:"second_officer"` // P(a secondary unit on the scene goes along)
	Place         []int        `toml:"place" json:"place"`                   // [column, row] of the booking place; empty: the station
}

// SelfInit sets officer-initiated work in free time.
type SelfInit struct {
	Interruptible bool     `toml:"interruptible" json:"interruptible"` // a P1 call with no free unit may take an officer from it
	Traffic       Activity `toml:"traffic" json:"traffic"`             // traffic stops
	Directed      Activity `toml:"directed" json:"directed"`           // directed patrol at hot spots
	Followup      Activity `toml:"followup" json:"followup"`           // follow-up investigations
}

// Activity is one kind of officer-initiated work.
type Activity struct {
	PerHour  float64      `toml:"per_hour" json:"per_hour"` // starts per free officer-hour
	Duration DurationDist `toml:"duration" json:"duration"`
}

// OutOfService sets meals, administration and court time.
type OutOfService struct {
	Meal            DurationDist `toml:"meal" json:"meal"`                           // one meal per officer-shift; mean 0: none
	MealAfter       Duration     `toml:"meal_after" json:"meal_after"`               // earliest meal: this long after the shift starts
	MealBeforeEnd   Duration     `toml:"meal_before_end" json:"meal_before_end"`     // latest meal: this long before the shift ends
	MealP1Interrupt bool         `toml:"meal_p1_interrupt" json:"meal_p1_interrupt"` // a P1 call with no free unit may take an officer from its meal
	AdminPerHour    float64      `toml:"admin_per_hour" json:"admin_per_hour"`       // administration and vehicle episodes per on-duty officer-hour
	Admin           DurationDist `toml:"admin" json:"admin"`
	CourtPerShift   float64      `toml:"court_per_shift" json:"court_per_shift"` // P(an officer-shift loses a block to court or training)
	Court           DurationDist `toml:"court" json:"court"`
}

// Calls sets the calls for service that do not come from crime.
type Calls struct {
	Profile []float64           `toml:"profile" json:"profile"` // 24 relative rates, hour 0 first
	Weekday []float64           `toml:"weekday" json:"weekday"` // 7 relative rates, Monday first; empty: flat
	Monthly []float64           `toml:"monthly" json:"monthly"` // 12 relative rates, January first; empty: flat
	Types   map[string]CallType `toml:"types" json:"types"`
}

// CallType is one kind of call.
type CallType struct {
	Priority int          `toml:"priority" json:"priority"`                 // 1 emergency, 2 urgent, 3 routine
	PerDay   float64      `toml:"per_day" json:"per_day"`                   // mean calls per day
	Profile  []float64    `toml:"profile" json:"profile"`                   // 24 relative rates; empty: calls.profile
	Service  DurationDist `toml:"service" json:"service"`                   // time on scene
	Report   DurationDist `toml:"report" json:"report"`                     // report writing after the scene
	Arrest   float64      `toml:"arrest" json:"arrest"`                     // P(an arrest) when police answer
	Force    float64      `toml:"force" json:"force"`                       // P(force) when police answer and make no arrest
	Units    []float64    `toml:"units" json:"units"`                       // share of calls sent 1, 2, 3, ... units; empty: one
	Backup   float64      `toml:"backup" json:"backup"`                     // P(the primary asks for one more unit on arrival)
	Police   *bool        `toml:"police,omitempty" json:"police,omitempty"` // false: served only by co-responder teams, referred when none takes it; unset: true
}

// Force sets what can happen when police meet people: use of force,
// injuries and complaints. The chance of force at a call that ends
// without arrest is the call type's (calls.types.X.force,
// crime.types.X.force).
type Force struct {
	Arrest           float64 `toml:"arrest" json:"arrest"`                       // P(force) in an encounter that ends in arrest
	Stop             float64 `toml:"stop" json:"stop"`                           // P(force) in a proactive stop
	CivilianInjury   float64 `toml:"civilian_injury" json:"civilian_injury"`     // P(civilian injured | force)
	OfficerInjury    float64 `toml:"officer_injury" json:"officer_injury"`       // P(officer injured | force)
	Complaint        float64 `toml:"complaint" json:"complaint"`                 // P(complaint | force)
	ComplaintOther   float64 `toml:"complaint_other" json:"complaint_other"`     // P(complaint | encounter without force)
	Sustained        float64 `toml:"sustained" json:"sustained"`                 // P(complaint sustained) without camera or oversight
	SubjectTrust     float64 `toml:"subject_trust" json:"subject_trust"`         // force as a negative contact for its subject, in ordinary contacts
	IncidentPrecinct float64 `toml:"incident_precinct" json:"incident_precinct"` // a high-profile incident as a negative contact for every resident
	IncidentHood     float64 `toml:"incident_hood" json:"incident_hood"`         // and again for every resident of its neighborhood
}

// Training sets de-escalation training.
type Training struct {
	Deescalation float64 `toml:"deescalation" json:"deescalation"` // share of officers trained
	Effect       float64 `toml:"effect" json:"effect"`             // relative cut in a trained officer's chance of using force
	Hours        float64 `toml:"hours" json:"hours"`               // training hours per trained officer (costed)
}

// Accountability sets body-worn cameras and civilian oversight.
type Accountability struct {
	Cameras             float64 `toml:"cameras" json:"cameras"`                           // share of officers wearing cameras
	Oversight           bool    `toml:"oversight" json:"oversight"`                       // civilian oversight body
	CameraMitigation    float64 `toml:"camera_mitigation" json:"camera_mitigation"`       // share of an incident's trust cost removed by a camera
	OversightMitigation float64 `toml:"oversight_mitigation" json:"oversight_mitigation"` // share removed by oversight
	CameraSustained     float64 `toml:"camera_sustained" json:"camera_sustained"`         // complaints sustained x (1 + this) with a camera
	OversightSustained  float64 `toml:"oversight_sustained" json:"oversight_sustained"`   // complaints sustained x (1 + this) with oversight
}

// CoResponders sets civilian alternative responders in the style of
// CAHOOTS (a medic and a crisis worker) and STAR (a clinician and a
// paramedic): unarmed teams sent instead of police, not officer-clinician
// co-responder units.
type CoResponders struct {
	Eligible  map[string]float64 `toml:"eligible" json:"eligible"`     // per call or offense type, the share of its calls teams may take
	Types     []string           `toml:"types" json:"types"`           // call or offense types teams may take in full (share 1, whatever eligible says)
	TriageOut float64            `toml:"triage_out" json:"triage_out"` // share of eligible calls the dispatcher sends police to anyway
	Wait      Duration           `toml:"wait" json:"wait"`             // how long an eligible call waits for a free team before police go; 0: police at once
	Backup    float64            `toml:"backup" json:"backup"`         // P(team asks police for backup)
	Service   DurationDist       `toml:"service" json:"service"`       // a team's time on scene
	Report    DurationDist       `toml:"report" json:"report"`         // a team's write-up after the scene
	Shifts    []TeamShiftSpec    `toml:"shifts" json:"shifts"`         // when teams are on duty; none: no teams
}

// TeamShiftSpec is one co-responder shift.
type TeamShiftSpec struct {
	Name   string   `toml:"name" json:"name"`
	Start  Clock    `toml:"start" json:"start"`   // "HH:MM"
	Length Duration `toml:"length" json:"length"` // up to "24h"
	Teams  int      `toml:"teams" json:"teams"`   // teams on duty (the budget may set it)
}

// Services sets social-service investment (prevention) and its effect
// on offending.
type Services struct {
	PerYear       float64  `toml:"per_year" json:"per_year"`           // money a year
	Neighborhoods []string `toml:"neighborhoods" json:"neighborhoods"` // targeted neighborhoods; empty: all
	LagDays       float64  `toml:"lag_days" json:"lag_days"`           // days from the first measured day before any effect
	RampDays      float64  `toml:"ramp_days" json:"ramp_days"`         // days from the first effect to the full effect
	MaxEffect     float64  `toml:"max_effect" json:"max_effect"`       // largest relative cut in offending
	Saturation    float64  `toml:"saturation" json:"saturation"`       // money a year that reaches 63 % of max_effect
}

// Costs are the unit costs of the budget lines, in the currency a year
// unless said otherwise.
type Costs struct {
	Currency     string  `toml:"currency" json:"currency"`           // ISO 4217 code of every money figure (USD)
	Officer      float64 `toml:"officer" json:"officer"`             // a sworn officer, salary and overheads
	Overtime     float64 `toml:"overtime" json:"overtime"`           // an overtime hour as a multiple of an officer's hourly cost (officer / staffing.annual_hours)
	Team         float64 `toml:"team" json:"team"`                   // a co-responder team-year (clinician + medic)
	TrainingHour float64 `toml:"training_hour" json:"training_hour"` // one officer-hour of training, backfill included (once, spread over a year)
	Camera       float64 `toml:"camera" json:"camera"`               // a camera with storage and review
	Oversight    float64 `toml:"oversight" json:"oversight"`         // a civilian oversight body
}

// Budget gives money to lines instead of quantities: when sworn > 0,
// the budget decides the headcount, co-responder teams, training share,
// camera coverage, oversight and social services.
type Budget struct {
	Sworn          float64       `toml:"sworn" json:"sworn"`
	CoResponders   float64       `toml:"coresponders" json:"coresponders"`
	Training       float64       `toml:"training" json:"training"`
	Cameras        float64       `toml:"cameras" json:"cameras"`
	Oversight      float64       `toml:"oversight" json:"oversight"`
	SocialServices float64       `toml:"social_services" json:"social_services"`
	Shift          *FundingShift `toml:"shift,omitempty" json:"shift,omitempty"`
}

// FundingShift moves a share of one line's money to other lines.
type FundingShift struct {
	From  string             `toml:"from" json:"from"`   // the line money leaves
	Share float64            `toml:"share" json:"share"` // share of that line moved
	To    map[string]float64 `toml:"to" json:"to"`       // receiving lines and their shares of the moved money (sum 1)
}

// Event is something scheduled on a measured day.
type Event struct {
	Day              int      `toml:"day" json:"day"`                                                   // days after the warm-up; 0 is the first day after it
	Kind             string   `toml:"kind" json:"kind"`                                                 // surge, incident, staffing, mutual_aid or budget
	Duration         Duration `toml:"duration,omitempty" json:"duration,omitempty"`                     // surge, mutual_aid
	Neighborhoods    []string `toml:"neighborhoods,omitempty" json:"neighborhoods,omitempty"`           // surge: the area (empty: all); incident: where (at most one)
	Factor           float64  `toml:"factor,omitempty" json:"factor,omitempty"`                         // surge: calls in the area x factor
	Severity         float64  `toml:"severity,omitempty" json:"severity,omitempty"`                     // incident: size of the trust shock (1: calibrated)
	Headcount        int      `toml:"headcount,omitempty" json:"headcount,omitempty"`                   // staffing: the new headcount
	OfficersPerShift []int    `toml:"officers_per_shift,omitempty" json:"officers_per_shift,omitempty"` // staffing: or the new posts
	Units            int      `toml:"units,omitempty" json:"units,omitempty"`                           // mutual_aid: extra officers per shift
	Budget           *Budget  `toml:"budget,omitempty" json:"budget,omitempty"`                         // budget: the new budget (sworn and coresponders)
}

// DurationDist is a distribution of durations: a family, a mean and, for the
// lognormal, a standard deviation.
type DurationDist struct {
	Dist string   `toml:"dist" json:"dist"` // exponential or lognormal
	Mean Duration `toml:"mean" json:"mean"` // mean duration
	SD   Duration `toml:"sd" json:"sd"`     // standard deviation (lognormal only; "0s" for an exponential)
}

// Duration is a length of time written as a Go duration string ("90s",
// "12m", "1h30m"). Bare numbers are rejected: their unit would be a guess.
type Duration struct {
	time.Duration
}

// Minutes returns d in minutes.
func (d Duration) Minutes() float64 { return d.Duration.Minutes() }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	v, err := time.ParseDuration(s)
	if err != nil {
		if s != "" && strings.Trim(s, "0123456789.nsuµmh") == "" && strings.ContainsAny(s, "123456789") && strings.ContainsAny(s, "nsuµmh") {
			return fmt.Errorf("invalid duration %q: too long, a duration is at most \"2562047h\"", b)
		}
		return fmt.Errorf("invalid duration %q: write it like \"90s\", \"12m\" or \"1h30m\"", b)
	}
	d.Duration = v
	return nil
}

// MarshalText implements encoding.TextMarshaler, writing the shortest
// form ("12m", not "12m0s").
func (d Duration) MarshalText() ([]byte, error) {
	s := d.Duration.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return []byte(s), nil
}

// Clock is a time of day in minutes after midnight, written "HH:MM".
type Clock int

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Clock) UnmarshalText(b []byte) error {
	var h, m int
	s := strings.TrimSpace(string(b))
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || len(s) != 5 || h < 0 || h > 23 || m < 0 || m > 59 {
		return fmt.Errorf("invalid time of day %q: write it as \"HH:MM\", from \"00:00\" to \"23:59\"", b)
	}
	*c = Clock(60*h + m)
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (c Clock) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%02d:%02d", int(c)/60, int(c)%60), nil
}

func durationOfMinutes(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }
