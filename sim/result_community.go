package sim

// CommunityResult is what the community half measured after the warm-up.
// Offenses count by when they happened: an offense of the measured
// window is recorded if it was reported or discovered before the run
// ended, so recorded never exceeds true, type by type and neighborhood by
// neighborhood.
type CommunityResult struct {
	True        int         `json:"true"`     // offenses that happened
	Reported    int         `json:"reported"` // reported by victims
	Recorded    int         `json:"recorded"` // reported or discovered by officers
	RecordedVia RecordedVia `json:"recorded_via"`
	Deterred    int         `json:"deterred"` // would-be offenses that police presence prevented
	Arrests     int         `json:"arrests"`  // offenses cleared by arrest
	Clearance   *float64    `json:"clearance,omitempty"`

	ReportingRate     *float64 `json:"reporting_rate,omitempty"`          // reported / true, offenses with a victim
	ViolentReporting  *float64 `json:"violent_reporting_rate,omitempty"`  // the same, violent types
	PropertyReporting *float64 `json:"property_reporting_rate,omitempty"` // the same, other types with a victim
	NearRepeatShare   *float64 `json:"near_repeat_share,omitempty"`       // offenses within 100 m and 7 days of an earlier one of the same type

	ByType        []CrimeCount `json:"by_type"`
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
	Satisfied    int `json:"satisfied"`    // victims answered within the satisfaction time (positive)
	Dissatisfied int `json:"dissatisfied"` // victims answered later (negative)
	Stops        int `json:"stops"`        // stops without procedural justice (negative)
	StopsPJ      int `json:"stops_pj"`     // stops with procedural justice (neutral)
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

// communityRecorder accumulates the community metrics.
type communityRecorder struct {
	warm, end float64

	trueN, reported, recorded, arrests [][]int // [type][hood]
	via                                [numVia]int
	deterred                           int
	nearRepeat                         []int // per type
	stopsHood, stopsGroup              []int
	hits                               int
	contacts                           Contacts
	sessions, interrupted              int
	trustStart                         []float64
	trustStartAll                      float64
	daily                              []CommunityDay
	cells                              CellCounts
}

func newCommunityRecorder(cfg *Config) *communityRecorder {
	k, h := len(cfg.Community.Crime.Types), len(cfg.Grid.Neighborhoods)
	grid := func() [][]int {
		g := make([][]int, k)
		for i := range g {
			g[i] = make([]int, h)
		}
		return g
	}
	r := &communityRecorder{
		warm: float64(cfg.WarmupDays) * MinutesPerDay, end: float64(cfg.WarmupDays+cfg.Days) * MinutesPerDay,
		trueN: grid(), reported: grid(), recorded: grid(), arrests: grid(),
		stopsHood: make([]int, h), stopsGroup: make([]int, len(cfg.Community.Residents.Groups)), nearRepeat: make([]int, k),
		daily: make([]CommunityDay, cfg.Days),
		cells: CellCounts{True: make([]int, cfg.Grid.Cells()), Recorded: make([]int, cfg.Grid.Cells()),
			Stops: make([]int, cfg.Grid.Cells()), PresenceHours: make([]float64, cfg.Grid.Cells())},
	}
	for d := range r.daily {
		r.daily[d] = CommunityDay{HoodTrust: make([]float64, h), HoodRecorded: make([]int, h),
			HoodStops: make([]int, h), HoodTrue: make([]int, h)}
	}
	return r
}

func (r *communityRecorder) in(t float64) bool { return t >= r.warm && t < r.end }

func (r *communityRecorder) day(t float64) *CommunityDay {
	return &r.daily[min(int((t-r.warm)/MinutesPerDay), len(r.daily)-1)]
}

func (r *communityRecorder) happened(o *offense, nearRepeat bool) {
	if !o.inWindow {
		return
	}
	r.trueN[o.typ][o.hood]++
	r.cells.True[o.cell]++
	if nearRepeat {
		r.nearRepeat[o.typ]++
	}
	d := r.day(o.t)
	d.True++
	d.HoodTrue[o.hood]++
}

func (r *communityRecorder) reportedBy(o *offense) {
	if o.inWindow {
		r.reported[o.typ][o.hood]++
		r.day(o.t).Reported++
	}
}

// recordedBy counts offense o as recorded, learned of at cell at minute t.
func (r *communityRecorder) recordedBy(o *offense, via, cell int, t float64) {
	if r.in(t) {
		r.cells.Recorded[cell]++
	}
	if o.inWindow {
		r.recorded[o.typ][o.hood]++
		r.via[via]++
		d := r.day(o.t)
		d.Recorded++
		d.HoodRecorded[o.hood]++
	}
}

func (r *communityRecorder) arrested(o *offense) {
	if o.inWindow {
		r.arrests[o.typ][o.hood]++
	}
}

func (r *communityRecorder) stopped(t float64, cell, hood, group int, hit bool) {
	if !r.in(t) {
		return
	}
	r.cells.Stops[cell]++
	r.stopsHood[hood]++
	r.stopsGroup[group]++
	if hit {
		r.hits++
	}
	d := r.day(t)
	d.Stops++
	d.HoodStops[hood]++
}

// dwelt books an officer's dwell in cell over [from, to].
func (r *communityRecorder) dwelt(cell int, from, to float64) {
	if a, b := max(from, r.warm), min(to, r.end); b > a {
		r.cells.PresenceHours[cell] += (b - a) / 60
	}
}

// endOfDay records trust at the end of the day ending at minute t.
func (r *communityRecorder) endOfDay(t float64, hood []float64, all float64) {
	if t == r.warm {
		r.trustStart = append([]float64(nil), hood...)
		r.trustStartAll = all
	}
	if t <= r.warm || t > r.end {
		return
	}
	d := r.day(t - 1)
	copy(d.HoodTrust, hood)
	d.MeanTrust = all
}

// result assembles the community metrics; hoodTrust and all are the mean
// trust per neighborhood and overall at the end.
func (r *communityRecorder) result(cfg *Config, m *community, hoodTrust []float64, all, engageMin, patrolMin float64) *CommunityResult {
	cr := &cfg.Community.Crime
	res := &CommunityResult{Deterred: r.deterred, StopHits: r.hits, Contacts: r.contacts, Cells: r.cells,
		RecordedVia: RecordedVia{Report: r.via[viaReport], Patrol: r.via[viaPatrol], Stop: r.via[viaStop]}}
	hoodTrue := make([]int, len(cfg.Grid.Neighborhoods))
	var withVictim, withVictimReported, violent, violentRep, property, propertyRep, nearRepeats int
	for t, ct := range cr.Types {
		cc := CrimeCount{Type: ct.Name}
		for h := range hoodTrue {
			cc.True += r.trueN[t][h]
			cc.Reported += r.reported[t][h]
			cc.Recorded += r.recorded[t][h]
			cc.Arrests += r.arrests[t][h]
			hoodTrue[h] += r.trueN[t][h]
		}
		cc.NearRepeatShare = ratio(float64(r.nearRepeat[t]), float64(cc.True))
		nearRepeats += r.nearRepeat[t]
		res.ByType = append(res.ByType, cc)
		res.True += cc.True
		res.Reported += cc.Reported
		res.Recorded += cc.Recorded
		res.Arrests += cc.Arrests
		switch {
		case ct.Victimless:
		case ct.Violent:
			violent += cc.True
			violentRep += cc.Reported
		default:
			property += cc.True
			propertyRep += cc.Reported
		}
		if !ct.Victimless {
			withVictim += cc.True
			withVictimReported += cc.Reported
		}
	}
	res.Clearance = ratio(float64(res.Arrests), float64(res.Recorded))
	res.ReportingRate = ratio(float64(withVictimReported), float64(withVictim))
	res.ViolentReporting = ratio(float64(violentRep), float64(violent))
	res.PropertyReporting = ratio(float64(propertyRep), float64(property))
	res.NearRepeatShare = ratio(float64(nearRepeats), float64(res.True))

	years := float64(cfg.Days) / 365
	res.MeanTrust, res.MeanTrustInit = all, r.trustStartAll
	totalStops := 0
	for _, s := range r.stopsHood {
		totalStops += s
	}
	res.Stops = totalStops
	for h, name := range cfg.Grid.Neighborhoods {
		n := len(m.pop.InHood(h))
		hs := HoodStats{Name: name, Residents: n, True: hoodTrue[h], Stops: r.stopsHood[h],
			StopsPer1000: ratio(1000*float64(r.stopsHood[h]), float64(n)*years), TrustEnd: hoodTrust[h]}
		if len(r.trustStart) > h {
			hs.TrustStart = r.trustStart[h]
		}
		for t := range cr.Types {
			hs.Reported += r.reported[t][h]
			hs.Recorded += r.recorded[t][h]
		}
		if totalStops > 0 && res.True > 0 && hoodTrue[h] > 0 {
			d := (float64(r.stopsHood[h]) / float64(totalStops)) / (float64(hoodTrue[h]) / float64(res.True))
			hs.Disparity = &d
		}
		res.Neighborhoods = append(res.Neighborhoods, hs)
	}
	groupSize := make([]int, len(cfg.Community.Residents.Groups))
	for _, g := range m.pop.Group {
		groupSize[g]++
	}
	for g, name := range cfg.Community.Residents.Groups {
		res.Groups = append(res.Groups, GroupStats{Name: name, Residents: groupSize[g], Stops: r.stopsGroup[g],
			StopsPer1000: ratio(1000*float64(r.stopsGroup[g]), float64(groupSize[g])*years)})
	}
	res.StopsPer1000 = ratio(1000*float64(totalStops), float64(m.pop.Len())*years)
	res.Engagement = EngagementStats{Hours: engageMin / 60, Sessions: r.sessions, Interrupted: r.interrupted,
		StaticRemaining: m.field.StaticShare(allCells(cfg.Grid.Cells()))}
	if s := ratio(engageMin, engageMin+patrolMin); s != nil {
		res.Engagement.FreeShare = *s
	}
	return res
}

func allCells(n int) []int32 {
	cells := make([]int32, n)
	for i := range cells {
		cells[i] = int32(i)
	}
	return cells
}
