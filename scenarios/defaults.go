package scenarios

// Default returns the built-in defaults: an urban precinct of 6.4 km x
// 6.4 km (64 x 64 cells of 100 m) in four neighborhoods and twelve beats,
// 100 sworn patrol officers on three 8-hour shifts, and about 150
// non-crime calls a day. Every scenario starts from these values; the
// library scenario "baseline" is exactly this. docs/MODEL.md gives the
// source or reasoning behind each number.
func Default() Scenario {
	m := func(minutes float64) Duration { return Duration{durationOfMinutes(minutes)} }
	exp := func(mean float64) DurationDist { return DurationDist{Dist: "exponential", Mean: m(mean)} }
	logn := func(mean, sd float64) DurationDist { return DurationDist{Dist: "lognormal", Mean: m(mean), SD: m(sd)} }
	units := func(shares ...float64) []float64 { return shares }
	return Scenario{
		Seed:       1,
		Days:       365,
		WarmupDays: 14,
		StartDate:  "2025-01-01",
		World: World{
			Width: 64, Height: 64, CellM: 100,
			Station:  [2]int{20, 20},
			BeatCols: 4, BeatRows: 3,
			Neighborhoods: []Neighborhood{
				{Name: "Downtown", Cells: [4]int{0, 0, 28, 28}, CallWeight: 2.5,
					Population: 20000, Trust: 0.55, GroupShares: []float64{0.6, 0.4}},
				{Name: "Riverside", Cells: [4]int{28, 0, 64, 28}, CallWeight: 1.2,
					Population: 30000, Trust: 0.48, GroupShares: []float64{0.35, 0.65}},
				{Name: "Northgate", Cells: [4]int{0, 28, 28, 64}, CallWeight: 1.0,
					Population: 30000, Trust: 0.62, GroupShares: []float64{0.75, 0.25}},
				{Name: "Eastwood", Cells: [4]int{28, 28, 64, 64}, CallWeight: 0.6,
					Population: 20000, Trust: 0.68, GroupShares: []float64{0.85, 0.15}},
			},
			Places: []Place{
				{Kind: "commerce", Cells: [4]int{6, 6, 22, 22}, Weight: 1},    // downtown core
				{Kind: "commerce", Cells: [4]int{38, 8, 46, 14}, Weight: 1},   // Riverside shopping centre
				{Kind: "nightlife", Cells: [4]int{10, 12, 18, 16}, Weight: 1}, // downtown bar strip
				{Kind: "nightlife", Cells: [4]int{40, 18, 46, 21}, Weight: 1}, // Riverside bars
				{Kind: "transit", Cells: [4]int{14, 14, 16, 16}, Weight: 1},   // central station
				{Kind: "transit", Cells: [4]int{44, 40, 46, 42}, Weight: 1},   // Eastwood park-and-ride
				{Kind: "transit", Cells: [4]int{20, 44, 22, 46}, Weight: 1},   // Northgate station
			},
		},
		Travel: Travel{Metric: "manhattan", SpeedKMH: 40, P2SpeedKMH: 29, P3SpeedKMH: 24, PatrolSpeedKMH: 20, Turnout: m(1)},
		Staffing: Staffing{
			Pattern:     "8x3",
			Headcount:   100,
			AnnualHours: 1680,
		},
		Patrol: Patrol{Strategy: "beat", Dwell: m(12), HotspotVisit: m(15), HotspotInterval: m(120), HotspotScope: "beat"},
		Dispatch: Dispatch{Preempt: false, Policy: "beat", Queue: "infinite", HoldReserve: 2, HoldMax: m(30), SecondaryShare: 0.6,
			Processing: Processing{P1: logn(2.7, 1.8), P2: logn(4, 3), P3: logn(7, 5)},
			Telephone:  Telephone{Share: 0.18, Types: []string{"theft", "vandalism"}}},
		Arrests: Arrests{Booking: logn(90, 45), SecondOfficer: 0.3},
		SelfInit: SelfInit{Interruptible: true,
			Traffic:  Activity{PerHour: 0.15, Duration: logn(17.5, 10)},
			Directed: Activity{PerHour: 0.05, Duration: exp(15)},
			Followup: Activity{PerHour: 0.03, Duration: logn(32, 20)}},
		OutOfService: OutOfService{Meal: logn(36, 8), MealAfter: m(120), MealBeforeEnd: m(120), MealP1Interrupt: true,
			AdminPerHour: 0.03, Admin: exp(60), CourtPerShift: 0.02, Court: logn(180, 60)},
		Calls: Calls{
			// Calls by hour of day: lowest before dawn, highest in the
			// late afternoon and evening.
			Profile: []float64{
				1.00, 0.85, 0.70, 0.55, 0.45, 0.45, 0.55, 0.75, 0.90, 1.00, 1.05, 1.10,
				1.15, 1.15, 1.20, 1.30, 1.35, 1.35, 1.30, 1.25, 1.20, 1.15, 1.10, 1.05,
			},
			Types: map[string]CallType{
				"disorder": {Priority: 2, PerDay: 38, Service: logn(22, 18), Report: exp(8), Arrest: 0.08, Force: 0.0005, Units: units(0.25, 0.50, 0.25), Backup: 0.1,
					// Noise, fights and drunkenness peak at night.
					Profile: []float64{
						1.60, 1.50, 1.30, 0.90, 0.50, 0.35, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85,
						0.90, 0.90, 0.95, 1.00, 1.05, 1.10, 1.15, 1.25, 1.35, 1.45, 1.55, 1.60,
					}},
				"traffic": {Priority: 3, PerDay: 30, Service: logn(35, 25), Report: exp(15), Arrest: 0.02, Force: 0.0001, Units: units(0.35, 0.50, 0.15),
					// Collisions and complaints follow the commute.
					Profile: []float64{
						0.35, 0.25, 0.20, 0.20, 0.25, 0.45, 0.90, 1.50, 1.60, 1.25, 1.15, 1.20,
						1.30, 1.30, 1.40, 1.65, 1.80, 1.75, 1.40, 1.10, 0.90, 0.75, 0.60, 0.45,
					}},
				"traffic_injury": {Priority: 1, PerDay: 5, Service: logn(60, 40), Report: exp(30), Arrest: 0.03, Force: 0.0001, Units: units(0.20, 0.40, 0.40), Backup: 0.1},
				"welfare_check":  {Priority: 3, PerDay: 26, Service: logn(28, 20), Report: exp(8), Arrest: 0.01, Force: 0.00035, Units: units(0.40, 0.50, 0.10)},
				"mental_health":  {Priority: 2, PerDay: 12, Service: logn(55, 45), Report: exp(20), Arrest: 0.05, Force: 0.001, Units: units(0.30, 0.50, 0.20), Backup: 0.1},
				"alarm":          {Priority: 3, PerDay: 22, Service: exp(12), Report: exp(3), Arrest: 0.005, Force: 0.00007, Units: units(0.40, 0.50, 0.10)},
				"suspicious":     {Priority: 2, PerDay: 18, Service: logn(18, 12), Report: exp(6), Arrest: 0.05, Force: 0.00035, Units: units(0.35, 0.55, 0.10), Backup: 0.05},
			},
		},
		Residents: Residents{Groups: []string{"majority", "minority"}, TrustSD: 0.15, Ties: 4, LocalTies: 0.8},
		Crime: Crime{
			PerDay: 40,
			// Offending peaks in the evening and the small hours.
			Profile: []float64{
				1.30, 1.20, 1.05, 0.85, 0.60, 0.45, 0.45, 0.55, 0.70, 0.80, 0.85, 0.90,
				0.95, 1.00, 1.05, 1.10, 1.15, 1.20, 1.25, 1.30, 1.35, 1.40, 1.40, 1.35,
			},
			NearRepeat: 0.3, NearRepeatDays: 14, NearRepeatSpread: 0.5, Initial: "stationary",
			Deterrence: 0.5, DeterrenceLife: m(30),
			Residual: 0.5, KoperPeak: m(13), KoperShape: 2, DeterrenceSpread: 0.3,
			Discovery: 0.3, DiscoveryArrest: 0.5,
			PresenceRef: 0.15, PresenceFloor: 0.1, PresenceDays: 7,
			Detention: 0.3, DetentionDays: 60,
			EvidenceDays: 30, Legitimacy: 0.5, CellHetero: 1.5,
			HotspotDays: 28, HotspotTop: 20, HotspotKernel: 0.5, HotspotFocus: 2,
			Types: map[string]CrimeType{
				"burglary": {Share: 0.12, Affinity: map[string]float64{"residential": 1, "commerce": 0.3},
					Reporting: 0.50, Business: 0.9, BusinessReporting: 0.8, ReportDelay: m(60), Clearance: 0.14, NearRepeat: 1, Presence: 0.067, Offender: 10, Force: 0.0002, Units: units(0.55, 0.40, 0.05),
					Priority: 2, Service: logn(45, 30), Report: exp(30)},
				"robbery": {Share: 0.05, Affinity: map[string]float64{"residential": 0.2, "commerce": 3, "nightlife": 6, "transit": 8},
					Violent: true, Reporting: 0.58, Business: 0.25, BusinessReporting: 0.8, ReportDelay: m(5), Clearance: 0.31, NearRepeat: 0.5, Presence: 0.16, Offender: 5, Force: 0.0007, Units: units(0.25, 0.50, 0.25), Backup: 0.1,
					Priority: 1, Service: logn(60, 40), Report: exp(45)},
				"aggravated_assault": {Share: 0.05, Affinity: map[string]float64{"residential": 0.4, "commerce": 1, "nightlife": 20, "transit": 4},
					Violent: true, Reporting: 0.50, ReportDelay: m(5), Clearance: 0.52, NearRepeat: 0.5, Presence: 0.16, Offender: 3, Force: 0.0007, Units: units(0.25, 0.50, 0.25), Backup: 0.1,
					Priority: 1, Service: logn(50, 35), Report: exp(40)},
				"simple_assault": {Share: 0.10, Affinity: map[string]float64{"residential": 0.4, "commerce": 1, "nightlife": 20, "transit": 4},
					Violent: true, Reporting: 0.35, ReportDelay: m(5), Clearance: 0.45, NearRepeat: 0.5, Presence: 0.16, Offender: 3, Force: 0.0007, Units: units(0.35, 0.50, 0.15), Backup: 0.05,
					Priority: 2, Service: logn(40, 30), Report: exp(30)},
				"theft": {Share: 0.40, Affinity: map[string]float64{"residential": 0.3, "commerce": 10, "nightlife": 3, "transit": 5},
					Reporting: 0.27, Business: 0.8, BusinessReporting: 0.4, ReportDelay: m(120), Clearance: 0.18, NearRepeat: 0.3, Presence: 0.067, Offender: 20, Force: 0.0002, Units: units(0.55, 0.40, 0.05),
					Priority: 3, Service: logn(30, 20), Report: exp(20)},
				"vandalism": {Share: 0.18, Affinity: map[string]float64{"residential": 0.6, "commerce": 2, "nightlife": 2, "transit": 3},
					Reporting: 0.30, Business: 0.6, BusinessReporting: 0.4, ReportDelay: m(240), Clearance: 0.10, NearRepeat: 0.5, Presence: 0.067, Offender: 10, Force: 0.0002, Units: units(0.55, 0.40, 0.05),
					Priority: 3, Service: logn(25, 15), Report: exp(15)},
				"drugs": {Share: 0.10, Affinity: map[string]float64{"residential": 1, "nightlife": 3, "transit": 2},
					Victimless: true, Force: 0.00035, Units: units(0.55, 0.40, 0.05),
					Priority: 3, Service: exp(20), Report: exp(15)},
			},
		},
		Trust: Trust{Initial: "steady", Positive: 0.02, Asymmetry: 5, Spread: 0.2, DriftHalfLifeDays: 120, Slope: 3,
			Cooperation: 0.5, CooperationClearance: 1, ExpectedResponse: [3]Duration{m(10), m(20), m(60)}, SatisfactionSteepness: 4},
		Engagement: Engagement{Intensity: 0, Session: m(45), Contacts: 4, Delay: m(5), ProblemSolving: 0.001, ProblemFloor: 0.5},
		Stops:      Stops{PerHour: 0.03, HitRate: 0.15, ProceduralJustice: 0.2, PJContact: 0.5, Duration: logn(14, 8)},
		Force: Force{Arrest: 0.023, Stop: 0.0017, CivilianInjury: 0.3, OfficerInjury: 0.06,
			Complaint: 0.14, ComplaintOther: 0.00034, Sustained: 0.08,
			SubjectTrust: 3, IncidentPrecinct: 1, IncidentHood: 2},
		Training: Training{Deescalation: 0, Effect: 0.28, Hours: 16},
		Accountability: Accountability{Cameras: 0, Oversight: false, CameraMitigation: 0.3, OversightMitigation: 0.3,
			CameraSustained: 1, OversightSustained: 0.5},
		CoResponders: CoResponders{Eligible: map[string]float64{"mental_health": 0.9, "welfare_check": 0.6, "disorder": 0.1},
			TriageOut: 0.05, Wait: m(10), Backup: 0.006, Service: logn(25, 20), Report: exp(5)},
		Services: Services{PerYear: 0, LagDays: 180, RampDays: 365, MaxEffect: 0.15, Saturation: 2e6},
		Costs:    Costs{Currency: "USD", Officer: 120000, Overtime: 1.5, Team: 180000, TrainingHour: 75, Camera: 1500, Oversight: 600000},
	}
}
