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
	return Scenario{
		Seed:       1,
		Days:       365,
		WarmupDays: 14,
		World: World{
			Width: 64, Height: 64, CellM: 100,
			Station:  [2]int{20, 20},
			BeatCols: 4, BeatRows: 3,
			Neighborhoods: []Neighborhood{
				{Name: "Downtown", Cells: [4]int{0, 0, 28, 28}, CallWeight: 2.5},
				{Name: "Riverside", Cells: [4]int{28, 0, 64, 28}, CallWeight: 1.2},
				{Name: "Northgate", Cells: [4]int{0, 28, 28, 64}, CallWeight: 1.0},
				{Name: "Eastwood", Cells: [4]int{28, 28, 64, 64}, CallWeight: 0.6},
			},
		},
		Travel: Travel{Metric: "manhattan", SpeedKMH: 40, PatrolSpeedKMH: 20, Turnout: m(1)},
		Staffing: Staffing{
			Pattern:     "8x3",
			Headcount:   100,
			AnnualHours: 1680,
		},
		Patrol:   Patrol{Strategy: "beat", Dwell: m(12)},
		Dispatch: Dispatch{Preempt: false},
		Calls: Calls{
			// Calls by hour of day: lowest before dawn, highest in the
			// late afternoon and evening.
			Profile: []float64{
				1.00, 0.85, 0.70, 0.55, 0.45, 0.45, 0.55, 0.75, 0.90, 1.00, 1.05, 1.10,
				1.15, 1.15, 1.20, 1.30, 1.35, 1.35, 1.30, 1.25, 1.20, 1.15, 1.10, 1.05,
			},
			Types: map[string]CallType{
				"disorder": {Priority: 2, PerDay: 38, Service: logn(22, 18), Report: exp(8),
					// Noise, fights and drunkenness peak at night.
					Profile: []float64{
						1.60, 1.50, 1.30, 0.90, 0.50, 0.35, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85,
						0.90, 0.90, 0.95, 1.00, 1.05, 1.10, 1.15, 1.25, 1.35, 1.45, 1.55, 1.60,
					}},
				"traffic": {Priority: 3, PerDay: 30, Service: logn(35, 25), Report: exp(15),
					// Collisions and complaints follow the commute.
					Profile: []float64{
						0.35, 0.25, 0.20, 0.20, 0.25, 0.45, 0.90, 1.50, 1.60, 1.25, 1.15, 1.20,
						1.30, 1.30, 1.40, 1.65, 1.80, 1.75, 1.40, 1.10, 0.90, 0.75, 0.60, 0.45,
					}},
				"traffic_injury": {Priority: 1, PerDay: 5, Service: logn(60, 40), Report: exp(30)},
				"welfare_check":  {Priority: 3, PerDay: 26, Service: logn(28, 20), Report: exp(8)},
				"mental_health":  {Priority: 2, PerDay: 12, Service: logn(55, 45), Report: exp(20)},
				"alarm":          {Priority: 3, PerDay: 22, Service: exp(12), Report: exp(3)},
				"suspicious":     {Priority: 2, PerDay: 18, Service: logn(18, 12), Report: exp(6)},
			},
		},
	}
}
