package sim

// Result is what one replicate measured after the warm-up. Durations are
// in minutes, rates per minute, shares in [0, 1]. A statistic over no
// observations is absent (nil), never a made-up zero.
type Result struct {
	Replicate  int `json:"replicate"`
	Days       int `json:"days"`        // measured days
	WarmupDays int `json:"warmup_days"` // days simulated before the days of the scenario
	// MeasureFrom is the first measured day, counted from the first day
	// after the warm-up (0 unless the scenario narrows the window).
	MeasureFrom int `json:"measure_from_day"`

	Calls       int             `json:"calls"`         // calls received in the measured window
	CallsByType []TypeCount     `json:"calls_by_type"` // in the scenario's type order
	ByPriority  []PriorityStats `json:"by_priority"`   // P1, P2, P3

	ResponseHistogram []Histogram `json:"response_histogram"` // P1, P2, P3

	QueueDelay  Summary `json:"queue_delay"`  // call received to first dispatch, minutes, all priorities
	WaitedShare float64 `json:"waited_share"` // share of calls that found no free unit
	Little      Little  `json:"littles_law"`

	Utilization  float64      `json:"utilization"` // time committed to calls / on-duty time
	OfficerHours OfficerHours `json:"officer_hours"`
	Preemptions  int          `json:"preemptions"`

	Workload         Workload         `json:"workload"`             // units per call, cross-beat dispatches, committed time by activity
	ResponseByHour   []PeriodResponse `json:"response_by_hour"`     // by the hour of day the call came in, 24 rows
	ResponseByShift  []PeriodResponse `json:"response_by_shift"`    // by the shift whose hours hold the hour the call came in
	TelephoneReports int              `json:"telephone_reports"`    // calls taken by telephone or online, no unit sent
	LostCalls        int              `json:"lost_calls"`           // calls lost because no unit was free (zero line capacity)
	LostShare        *float64         `json:"lost_share,omitempty"` // lost calls / calls

	// CommittedByOfficer is each officer's hours committed to calls (en
	// route, on scene, report), in roster order: the per-unit workloads
	// of the hypercube model. Not written to run.json.
	CommittedByOfficer []float64 `json:"-"`

	Community *CommunityResult `json:"community,omitempty"` // crime, residents and trust; nil when off

	Force        ForceStats        `json:"force"`                  // use of force, injuries, complaints
	CoResponders *CoResponderStats `json:"coresponders,omitempty"` // nil without co-responder teams and team-only call types
	Cost         CostStats         `json:"cost"`

	UnansweredAtEnd int `json:"unanswered_at_end"` // calls received after the warm-up that no unit had reached by the end, still waiting
	EnRouteAtEnd    int `json:"en_route_at_end"`   // calls received after the warm-up whose first unit was still on the way at the end

	Daily []Day `json:"daily"`
}

// TypeCount is the number of calls of one type.
type TypeCount struct {
	Type     string `json:"type"`
	Priority int    `json:"priority"`
	Calls    int    `json:"calls"`
}

// PriorityStats describes the calls of one priority.
type PriorityStats struct {
	Priority    int     `json:"priority"`
	Calls       int     `json:"calls"`        // received
	Answered    int     `json:"answered"`     // a unit reached the scene before the run ended
	Response    Summary `json:"response"`     // received to first arrival on scene, minutes
	Processing  Summary `json:"processing"`   // answered calls: received to the end of call processing
	QueueDelay  Summary `json:"queue_delay"`  // dispatched calls: end of processing to first dispatch
	Travel      Summary `json:"travel"`       // answered calls: first dispatch to first arrival (turnout and driving)
	WaitedShare float64 `json:"waited_share"` // share that found no free unit (or was held)
	Telephone   int     `json:"telephone_reports"`
}

// Workload is where officer time went and how calls were staffed.
type Workload struct {
	UnitsPerCall   *float64       `json:"units_per_call,omitempty"` // units that reached a scene / calls a police unit reached
	Dispatches     int            `json:"dispatches"`               // units sent to calls: primaries, secondaries, backups
	CrossBeat      int            `json:"cross_beat"`               // of them, units whose beat is not the call's
	CrossBeatShare *float64       `json:"cross_beat_share,omitempty"`
	Hours          CommittedHours `json:"committed_hours"`
	// CommittedShare is all on-duty time not free for calls (calls,
	// officer-initiated work, out of service, arrests) / on-duty time.
	CommittedShare float64 `json:"committed_share"`
}

// CommittedHours splits committed officer-hours by activity.
type CommittedHours struct {
	Primary       float64         `json:"primary"`        // primary units: en route, on scene, report
	Secondary     float64         `json:"secondary"`      // secondary units and backups: en route, on scene
	SelfInitiated float64         `json:"self_initiated"` // traffic and pedestrian stops, directed patrol, follow-ups
	OutOfService  float64         `json:"out_of_service"` // meals, administration, court
	Arrests       float64         `json:"arrests"`        // transport and booking
	ByActivity    []ActivityHours `json:"by_activity"`    // officer-initiated and out-of-service hours by kind
}

// Total returns all committed hours.
func (h *CommittedHours) Total() float64 {
	return h.Primary + h.Secondary + h.SelfInitiated + h.OutOfService + h.Arrests
}

// ActivityHours is the hours of one kind of officer-initiated or
// out-of-service activity.
type ActivityHours struct {
	Activity string  `json:"activity"`
	Hours    float64 `json:"hours"`
}

// PeriodResponse is the response time of the answered calls received in
// one hour of the day or one shift, all priorities and P1, minutes.
type PeriodResponse struct {
	Period   string   `json:"period"` // "HH:00" or the shift's name
	Calls    int      `json:"calls"`
	Median   *float64 `json:"median,omitempty"`
	Mean     *float64 `json:"mean,omitempty"`
	P1Calls  int      `json:"p1_calls"`
	P1Median *float64 `json:"p1_median,omitempty"`
	P1Mean   *float64 `json:"p1_mean,omitempty"`
	// QueueMean is the answered calls' mean queue delay (end of
	// processing to first dispatch), all priorities.
	QueueMean *float64 `json:"queue_mean,omitempty"`
}

// Summary describes a sample of durations in minutes. Median and P90 are
// empirical quantiles (the lowest value with at least that share of the
// sample at or below it). All three are nil when N is 0.
type Summary struct {
	N      int      `json:"n"`
	Mean   *float64 `json:"mean,omitempty"`
	Median *float64 `json:"median,omitempty"`
	P90    *float64 `json:"p90,omitempty"`
}

// Little holds the three terms of Little's law for the waiting queue over
// the measured window: MeanQueueLength should equal ArrivalRate x MeanWait.
type Little struct {
	ArrivalRate     float64 `json:"arrival_rate"`      // calls per minute
	MeanWait        float64 `json:"mean_wait"`         // minutes in the queue per call, preemption re-queues included
	MeanQueueLength float64 `json:"mean_queue_length"` // time-averaged number of calls waiting
}

// OfficerHours splits on-duty officer time by state, in hours. Overtime is
// the part of it worked after a shift had ended, finishing a call.
type OfficerHours struct {
	Patrol  float64 `json:"patrol"`
	Engage  float64 `json:"engage"`
	EnRoute float64 `json:"en_route"`
	OnScene float64 `json:"on_scene"`
	Report  float64 `json:"report"`

	SelfInitiated float64 `json:"self_initiated"`
	OutOfService  float64 `json:"out_of_service"`
	Transport     float64 `json:"transport"` // arrests: transport and booking
	Overtime      float64 `json:"overtime"`
}

// Day is one measured day.
type Day struct {
	Day            int      `json:"day"` // 0 is the first day after the warm-up
	Calls          int      `json:"calls"`
	P1Calls        int      `json:"p1_calls"`
	P1ResponseMean *float64 `json:"p1_response_mean,omitempty"` // minutes, calls received that day
	QueueDelayMean *float64 `json:"queue_delay_mean,omitempty"` // minutes, calls dispatched that were received that day
	WaitedShare    *float64 `json:"waited_share,omitempty"`     // share of the day's calls that found no free unit
	Utilization    *float64 `json:"utilization,omitempty"`
	CommittedShare *float64 `json:"committed_share,omitempty"`  // all committed time / on-duty time
	UnitsPerCall   *float64 `json:"units_per_call,omitempty"`   // units on scene / calls reached, calls received that day
	P3ResponseMean *float64 `json:"p3_response_mean,omitempty"` // minutes, calls received that day

	Force            int     `json:"use_of_force"`
	Injuries         int     `json:"injuries"` // encounters with a civilian or officer injured
	Complaints       int     `json:"complaints"`
	CoResponderCalls int     `json:"coresponder_calls"`
	Cost             float64 `json:"cost"`           // the budget's lines and the day's overtime
	OvertimeHours    float64 `json:"overtime_hours"` // officer-hours worked after a shift ended

	Community *CommunityDay `json:"community,omitempty"`
}

// AgedTwelvePlus is the share of residents aged 12 or older, the
// population the NCVS's victimization rates are per (US Census age
// structure: about 15 % of residents are under 12).
const AgedTwelvePlus = 0.85

// CommunityResult is what the community half measured after the warm-up.
// Offenses count by when they happened: an offense of the measured
// window is recorded if it was reported or discovered before the run
// ended, so recorded never exceeds true, type by type and neighborhood by
// neighborhood.
type CommunityResult struct {
	Residents   int         `json:"residents"` // simulated residents, one agent each
	True        int         `json:"true"`      // offenses that happened
	Reported    int         `json:"reported"`  // reported by victims
	Recorded    int         `json:"recorded"`  // reported or discovered by officers
	RecordedVia RecordedVia `json:"recorded_via"`
	Deterred    int         `json:"deterred"` // would-be offenses that police presence prevented
	// Presence is the mean visible police presence over the window,
	// officer-hours dwelling per km² per hour: the precinct-wide mean of
	// area deterrence's V, the figure crime.presence_ref is set to.
	Presence float64 `json:"presence"`
	Arrests  int     `json:"arrests"` // offenses cleared by arrest
	// ArrestsOnView counts arrests of offenders a dwelling officer saw
	// offend (discovery); with StopHits and ForceStats.Arrests (arrests
	// at calls) they make every arrest of the window.
	ArrestsOnView int      `json:"arrests_on_view"`
	Clearance     *float64 `json:"clearance,omitempty"`

	ReportingRate     *float64 `json:"reporting_rate,omitempty"`          // the NCVS's rate: reported / true, offenses against residents (businesses left out)
	ViolentReporting  *float64 `json:"violent_reporting_rate,omitempty"`  // the same, violent types
	PropertyReporting *float64 `json:"property_reporting_rate,omitempty"` // the same, other types with a victim
	NearRepeatShare   *float64 `json:"near_repeat_share,omitempty"`       // offenses within 100 m and 7 days of an earlier one of the same type

	// ViolentPer1000 is true violent offenses against residents (robbery
	// of a business left out) a year per 1,000 residents aged 12 or older
	// (residents x AgedTwelvePlus), the NCVS's violent victimization rate.
	ViolentPer1000 *float64 `json:"violent_victimizations_per_1000,omitempty"`
	// RecordedPer1000 is recorded offenses a year per 1,000 residents.
	RecordedPer1000 *float64 `json:"recorded_per_1000,omitempty"`

	ByType []CrimeCount `json:"by_type"`
	// Knox is the Knox table of the window's burglaries (sim/knox.go):
	// distance bands 0-200, 200-400, 400-800 m by time bands 0-14 and
	// 15-60 days, distance-major; absent without a burglary type.
	Knox          []KnoxBand   `json:"knox,omitempty"`
	Neighborhoods []HoodStats  `json:"neighborhoods"`
	Groups        []GroupStats `json:"groups"`

	Stops         int      `json:"stops"`
	StopHits      int      `json:"stop_hits"`
	StopsPer1000  *float64 `json:"stops_per_1000,omitempty"` // per 1,000 residents over the window
	MeanTrust     float64  `json:"mean_trust"`               // at the end
	MeanTrustInit float64  `json:"mean_trust_start"`         // at the end of the warm-up
	Contacts      Contacts `json:"contacts"`

	Engagement EngagementStats `json:"engagement"`

	Cells CellCounts `json:"cells"`
}

// CellCounts are per-cell totals over the window, indexed like the grid
// (cell i is column i % width, row i / width): the data behind maps.
type CellCounts struct {
	True          []int     `json:"true"`           // offenses that happened in the cell
	Recorded      []int     `json:"recorded"`       // offenses recorded there (where police learned of them)
	Stops         []int     `json:"stops"`          // proactive stops made there
	PresenceHours []float64 `json:"presence_hours"` // officer-hours dwelling there (patrol points, engagement)
}

// RecordedVia splits recorded offenses by how police learned of them.
type RecordedVia struct {
	Report int `json:"report"` // a victim called
	Patrol int `json:"patrol"` // a dwelling officer saw it happen
	Stop   int `json:"stop"`   // a proactive stop uncovered it
}

// CrimeCount counts one offense type.
type CrimeCount struct {
	Type            string   `json:"type"`
	True            int      `json:"true"`
	Reported        int      `json:"reported"`
	Recorded        int      `json:"recorded"`
	Arrests         int      `json:"arrests"`
	NearRepeatShare *float64 `json:"near_repeat_share,omitempty"` // within 100 m and 7 days of an earlier one of the type
	// ResidentVictims and BusinessVictims split True by victim (the rest,
	// victimless or with nobody to be the victim, have neither);
	// BusinessReported is the part of Reported that businesses reported.
	ResidentVictims  int `json:"resident_victims"`
	BusinessVictims  int `json:"business_victims"`
	BusinessReported int `json:"business_reported"`
}

// HoodStats describes one neighborhood.
type HoodStats struct {
	Name         string   `json:"name"`
	Residents    int      `json:"residents"`
	True         int      `json:"true"`
	Reported     int      `json:"reported"`
	Recorded     int      `json:"recorded"`
	Stops        int      `json:"stops"`
	StopsPer1000 *float64 `json:"stops_per_1000,omitempty"`
	// Disparity is the neighborhood's share of stops over its share of
	// true crime: 1 means stops follow crime, above 1 over-policing.
	Disparity  *float64 `json:"disparity,omitempty"`
	TrustStart float64  `json:"trust_start"` // mean trust at the end of the warm-up
	TrustEnd   float64  `json:"trust_end"`
}

// GroupStats describes one resident group.
type GroupStats struct {
	Name         string   `json:"name"`
	Residents    int      `json:"residents"`
	Stops        int      `json:"stops"`
	StopsPer1000 *float64 `json:"stops_per_1000,omitempty"`
}

// Contacts counts trust-moving contacts by kind.
type Contacts struct {
	Engagement   int `json:"engagement"`   // residents met in engagement sessions (positive)
	Satisfied    int `json:"satisfied"`    // victims satisfied with the response (positive)
	Dissatisfied int `json:"dissatisfied"` // victims not satisfied with it (negative)
	// SatisfiedByPriority and DissatisfiedByPriority split Satisfied and
	// Dissatisfied by the priority of the crime call (P1 first).
	SatisfiedByPriority    [3]int `json:"satisfied_by_priority"`
	DissatisfiedByPriority [3]int `json:"dissatisfied_by_priority"`
	Stops                  int    `json:"stops"`    // stops without procedural justice (negative)
	StopsPJ                int    `json:"stops_pj"` // stops with procedural justice (neutral)
}

// EngagementStats describes community engagement.
type EngagementStats struct {
	Hours       float64 `json:"hours"`
	FreeShare   float64 `json:"free_share"` // share of free (patrol + engagement) time
	Sessions    int     `json:"sessions"`   // completed
	Interrupted int     `json:"interrupted"`
	// StaticRemaining is the static attractiveness left after problem
	// solving, as a share of the original, precinct-wide.
	StaticRemaining float64 `json:"static_remaining"`
}

// CommunityDay is one measured day of the community half.
type CommunityDay struct {
	True         int       `json:"true"`
	Reported     int       `json:"reported"`
	Recorded     int       `json:"recorded"`
	Stops        int       `json:"stops"`
	MeanTrust    float64   `json:"mean_trust"` // at the end of the day
	HoodTrust    []float64 `json:"hood_trust"`
	HoodRecorded []int     `json:"hood_recorded"`
	HoodStops    []int     `json:"hood_stops"`
	HoodTrue     []int     `json:"hood_true"`
}

// ForceStats counts police encounters and what came of them over the
// measured window: calls answered by police (each a single encounter,
// settled when the scene ends) and proactive stops.
type ForceStats struct {
	Encounters       int         `json:"encounters"`
	Arrests          int         `json:"arrests"` // arrests at calls (crime calls cleared on scene included)
	UseOfForce       int         `json:"use_of_force"`
	ByEncounter      ForceByKind `json:"by_encounter"` // use of force by kind of encounter
	CivilianInjuries int         `json:"civilian_injuries"`
	OfficerInjuries  int         `json:"officer_injuries"`
	Complaints       int         `json:"complaints"`
	Sustained        int         `json:"sustained"`     // complaints sustained
	NotSustained     int         `json:"not_sustained"` // complaints not sustained
	ForcePer1000     *float64    `json:"force_per_1000,omitempty"`
	ByType           []TypeForce `json:"by_type"`   // police responses to calls by call type, in the scenario's type order
	Incidents        int         `json:"incidents"` // high-profile incidents (scheduled events)
}

// ForceByKind splits use of force by the kind of encounter.
type ForceByKind struct {
	Call   int `json:"call"`   // a call answered without arrest
	Arrest int `json:"arrest"` // a call that ended in arrest
	Stop   int `json:"stop"`   // a proactive stop
}

// TypeForce counts police responses to one call type and the force used.
type TypeForce struct {
	Type      string `json:"type"`
	Responses int    `json:"responses"` // scenes police finished
	Force     int    `json:"force"`
}

// CoResponderStats describes the co-responder teams over the window.
type CoResponderStats struct {
	Calls             int      `json:"calls"`   // calls teams took
	Backups           int      `json:"backups"` // team calls at which the team asked police for backup; a backup is police work, not a call for service, so it is in none of Result's call counts
	BackupShare       *float64 `json:"backup_share,omitempty"`
	BackupResponse    Summary  `json:"backup_response"`      // minutes from the request to the first officer on scene
	Share             *float64 `json:"share,omitempty"`      // calls teams took / calls received
	TriagedOut        int      `json:"triaged_out"`          // eligible calls the dispatcher sent police to anyway (weapons, violence, crime in progress)
	ToPolice          int      `json:"to_police"`            // eligible calls police took because no team was free, at once or after the wait
	ToPoliceAfterWait int      `json:"to_police_after_wait"` // of them, calls that waited CoResponders.Wait for a team first (their police response time includes the wait)
	TeamOnlyCalls     int      `json:"team_only_calls"`      // team calls of team-only types (public assists), which police would not have taken
	Referred          int      `json:"referred"`             // team-only calls no team took within the wait: referred and closed without a unit
	OfficerHoursFreed float64  `json:"officer_hours_freed"`  // on-scene and report hours police would have spent on the teams' calls (team-only calls free none)
	TeamHours         float64  `json:"team_hours"`           // team-hours on duty
	Utilization       *float64 `json:"utilization,omitempty"`
}

// CostStats is what the budget cost over the measured window: the
// budget's lines, then the overtime worked.
type CostStats struct {
	Currency string       `json:"currency"` // the unit of the amounts
	Lines    []CostAmount `json:"lines"`
	Total    float64      `json:"total"`              // the sum of the lines
	PerCall  *float64     `json:"per_call,omitempty"` // total / calls received
}

// CostAmount is one budget line's cost over the window.
type CostAmount struct {
	Name   string  `json:"name"`
	Amount float64 `json:"amount"`
}
