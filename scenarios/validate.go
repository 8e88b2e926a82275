package scenarios

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
)

// The limits Validate enforces. They bound what the engine can represent
// sensibly, not what is plausible: docs/MODEL.md gives plausible ranges.
const (
	maxDays       = 3650
	maxWarmup     = 365
	maxGrid       = 1024
	maxHeadcount  = 100000
	maxPerDay     = 100000
	maxSpeedKMH   = 200
	maxCellM      = 5000
	minCellM      = 1
	maxWeight     = 1e6
	maxDurMinutes = 24 * 60
	maxNamed      = 1000 // neighborhoods, call types: engine indices are 16-bit
	maxMoney      = 1e12 // money a year: far above any precinct budget
	// maxOvertimeRate bounds costs.overtime: double time and a half is
	// the highest premium in common contracts; 4 leaves room.
	maxOvertimeRate = 4
)

// currencyCode reports whether s looks like an ISO 4217 code: three
// capital letters.
func currencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Validate checks s and returns every problem as a *Problem joined with
// errors.Join, or nil. Each problem names the key, the value and what is
// allowed. A valid scenario with a budget then records what the budget
// buys in the quantities it decides (see Scenario.spend), so that the
// resolved scenario says what runs.
func Validate(s *Scenario) error {
	return validate(s, &checker{})
}

func validate(s *Scenario, c *checker) error {
	c.scenarioName("name", s.Name)
	if s.Seed > math.MaxInt64 {
		c.add("seed", "must be at most %d, got %d", int64(math.MaxInt64), s.Seed)
	}
	validateMetadata(c, s)
	c.intIn("days", s.Days, 1, maxDays)
	c.intIn("warmup_days", s.WarmupDays, 0, maxWarmup)
	validateMeasure(c, s)
	validateWorld(c, &s.World)
	c.oneOf("travel.metric", s.Travel.Metric, sim.Metrics())
	c.positive("travel.speed_kmh", s.Travel.SpeedKMH, maxSpeedKMH)
	c.positive("travel.patrol_speed_kmh", s.Travel.PatrolSpeedKMH, maxSpeedKMH)
	c.durIn("travel.turnout", s.Travel.Turnout, 0, 60)
	st := s.Staffing
	if s.budgeted() && budgetBuys(&s.Budget, s) && len(st.OfficersPerShift) == 0 {
		st = s.plan().staffing // the budget's headcount; a budget that buys none, or too many, is reported as such
	}
	validateStaffing(c, &st)
	c.oneOf("patrol.strategy", s.Patrol.Strategy, agents.PatrolKinds())
	c.durIn("patrol.dwell", s.Patrol.Dwell, 0, 8*60)
	c.durIn("patrol.hotspot_visit", s.Patrol.HotspotVisit, 1, 2*60)
	c.durIn("patrol.hotspot_interval", s.Patrol.HotspotInterval, 0, 24*60)
	c.oneOf("patrol.hotspot_scope", s.Patrol.HotspotScope, agents.HotspotScopes())
	validateCalls(c, &s.Calls)
	validateCommunity(c, s)
	validateWorkload(c, s)
	validatePolicy(c, s)
	if len(c.probs) == 0 {
		if s.budgeted() {
			s.spend() // record what the budget buys, so the estimate below sees it
		}
		checkSize(c, s) // what the ranges allow together: the estimate needs a valid scenario
	}
	return join(c.probs)
}

func validateCommunity(c *checker, s *Scenario) {
	w := &s.World
	groups := len(s.Residents.Groups)
	for i, n := range w.Neighborhoods {
		key := fmt.Sprintf("world.neighborhoods[%d]", i)
		c.intIn(key+".population", n.Population, 0, 1000000)
		c.floatIn(key+".trust", n.Trust, 0, 1)
		c.intIn(key+".prior_recorded", n.PriorRecorded, 0, 1000000)
		if len(n.GroupShares) != groups {
			c.add(key+".group_shares", "must list %d shares, one per group of residents.groups (%s), got %d",
				groups, strings.Join(s.Residents.Groups, ", "), len(n.GroupShares))
			continue
		}
		var sum float64
		for j, v := range n.GroupShares {
			if c.floatIn(fmt.Sprintf("%s.group_shares[%d]", key, j), v, 0, 1) {
				sum += v
			}
		}
		if math.Abs(sum-1) > 1e-6 {
			c.add(key+".group_shares", "must sum to 1, got %s", fmtFloat(sum))
		}
	}
	for i, p := range w.Places {
		key := fmt.Sprintf("world.places[%d]", i)
		c.oneOf(key+".kind", p.Kind, agents.LandUses()[1:])
		c.floatIn(key+".weight", p.Weight, 0, maxWeight)
		x0, y0, x1, y1 := p.Cells[0], p.Cells[1], p.Cells[2], p.Cells[3]
		if x0 < 0 || y0 < 0 || x1 > w.Width || y1 > w.Height || x0 >= x1 || y0 >= y1 {
			c.add(key+".cells", "must be [x0, y0, x1, y1] with 0 <= x0 < x1 <= %d and 0 <= y0 < y1 <= %d, got %v", w.Width, w.Height, p.Cells)
		}
	}
	r := &s.Residents
	if groups == 0 || groups > 255 {
		c.add("residents.groups", "must name between 1 and 255 groups, got %d", groups)
	}
	seen := map[string]bool{}
	for i, g := range r.Groups {
		key := fmt.Sprintf("residents.groups[%d]", i)
		if c.label(key, g) && seen[g] {
			c.add(key, "%q is used by another group", g)
		}
		seen[g] = true
	}
	c.floatIn("residents.trust_sd", r.TrustSD, 0, 1)
	c.intIn("residents.ties", r.Ties, 0, 100)
	c.floatIn("residents.local_ties", r.LocalTies, 0, 1)

	present := map[string]bool{}
	for _, n := range w.Neighborhoods {
		if n.Population > 0 {
			present["residential"] = true
		}
	}
	for _, p := range w.Places {
		if p.Weight > 0 {
			present[p.Kind] = true
		}
	}
	cr := &s.Crime
	c.floatIn("crime.per_day", cr.PerDay, 0, maxPerDay)
	validateProfile(c, "crime.profile", cr.Profile)
	c.floatIn("crime.near_repeat", cr.NearRepeat, 0, 0.95)
	c.floatIn("crime.near_repeat_days", cr.NearRepeatDays, 0.01, 365)
	c.floatIn("crime.near_repeat_spread", cr.NearRepeatSpread, 0, 1)
	c.oneOf("crime.initial", cr.Initial, crimeStarts)
	c.floatIn("crime.deterrence", cr.Deterrence, 0, 1)
	c.durIn("crime.deterrence_life", cr.DeterrenceLife, 1, 24*60)
	c.floatIn("crime.residual_deterrence", cr.Residual, 0, 1)
	c.durIn("crime.koper_peak", cr.KoperPeak, 1, 2*60)
	c.floatIn("crime.koper_shape", cr.KoperShape, 0, 20)
	c.floatIn("crime.deterrence_spread", cr.DeterrenceSpread, 0, 1)
	c.floatIn("crime.discovery", cr.Discovery, 0, 1)
	c.floatIn("crime.discovery_arrest", cr.DiscoveryArrest, 0, 1)
	c.positive("crime.presence_ref", cr.PresenceRef, 100)
	c.floatIn("crime.presence_floor", cr.PresenceFloor, 0.01, 1)
	c.floatIn("crime.presence_days", cr.PresenceDays, 1, 90)
	c.floatIn("crime.detention", cr.Detention, 0, 1)
	c.floatIn("crime.detention_days", cr.DetentionDays, 1, 3650)
	c.floatIn("crime.evidence_days", cr.EvidenceDays, 0, maxDays)
	c.floatIn("crime.legitimacy", cr.Legitimacy, 0, 20)
	c.floatIn("crime.cell_heterogeneity", cr.CellHetero, 0, 5)
	c.intIn("crime.hotspot_days", cr.HotspotDays, 1, 365)
	c.intIn("crime.hotspot_top", cr.HotspotTop, 1, 100000)
	c.floatIn("crime.hotspot_kernel", cr.HotspotKernel, 0, 10)
	c.floatIn("crime.hotspot_focus", cr.HotspotFocus, 0, 20)
	if cr.PerDay > 0 && len(cr.Types) == 0 {
		c.add("crime.types", "must define at least one offense type when crime.per_day is %s", fmtFloat(cr.PerDay))
	}
	var shares float64
	for _, name := range sortedKeys(cr.Types) {
		t := cr.Types[name]
		key := "crime.types." + name
		c.typeName("crime.types", name)
		if _, clash := s.Calls.Types[name]; clash {
			c.add(key, "has the name of a call type (calls.types.%s): offense types and call types share one list of call names", name)
		}
		if c.floatIn(key+".share", t.Share, 0, maxWeight) {
			shares += t.Share
		}
		var aff float64
		for _, lu := range sortedKeys(t.Affinity) {
			if c.oneOf(key+".affinity."+lu, lu, agents.LandUses()) && c.floatIn(key+".affinity."+lu, t.Affinity[lu], 0, maxWeight) {
				aff += t.Affinity[lu]
			}
		}
		onMap := false
		var weighted []string // the land uses with a positive weight
		for _, lu := range sortedKeys(t.Affinity) {
			if v := t.Affinity[lu]; v > 0 {
				onMap = onMap || present[lu]
				weighted = append(weighted, lu)
			}
		}
		switch {
		case t.Share > 0 && !(aff > 0):
			c.add(key+".affinity", "is 0 for every land use: the offense could never happen anywhere")
		case t.Share > 0 && !onMap && cr.PerDay > 0:
			c.add(key+".affinity", "names only land uses that are nowhere on the map (%s): the offense could never happen; add residents or [[world.places]] of those kinds, or set share = 0",
				strings.Join(weighted, ", "))
		}
		c.floatIn(key+".reporting", t.Reporting, 0, 1)
		if t.Victimless && t.Reporting != 0 {
			c.add(key+".reporting", "must be 0 for a victimless offense (nobody reports it), got %s", fmtFloat(t.Reporting))
		}
		c.floatIn(key+".business", t.Business, 0, 1)
		c.floatIn(key+".business_reporting", t.BusinessReporting, 0, 1)
		if t.Victimless && t.Business != 0 {
			c.add(key+".business", "must be 0 for a victimless offense (it has no victim, business or resident), got %s", fmtFloat(t.Business))
		}
		c.durIn(key+".report_delay", t.ReportDelay, 0, 30*24*60)
		c.floatIn(key+".clearance", t.Clearance, 0, 1)
		c.floatIn(key+".presence_elasticity", t.Presence, 0, 2)
		c.floatIn(key+".offender_rate", t.Offender, 0, 1000)
		if c.floatIn(key+".near_repeat", t.NearRepeat, 0, 100) && t.NearRepeat*cr.NearRepeat > 0.95 {
			c.add(key+".near_repeat", "times crime.near_repeat (%s) is %s: each offense would trigger almost one more or more, and crime would grow without bound; keep the product at most 0.95",
				fmtFloat(cr.NearRepeat), fmtFloat(t.NearRepeat*cr.NearRepeat))
		}
		c.intIn(key+".priority", t.Priority, 1, 3)
		validateDist(c, key+".service", t.Service)
		validateDist(c, key+".report", t.Report)
	}
	if len(cr.Types) > 0 && !(shares > 0) {
		c.add("crime.types", "all shares are 0: at least one offense type needs a positive share")
	}
	if len(cr.Types) > 127 {
		c.add("crime.types", "must define at most 127 offense types, got %d", len(cr.Types))
	}
	if n := len(cr.Types) + len(s.Calls.Types); n > maxNamed {
		c.add("calls.types", "together with crime.types must define at most %d types, got %d", maxNamed, n)
	}

	tr := &s.Trust
	c.oneOf("trust.initial", tr.Initial, trustStarts)
	c.floatIn("trust.positive", tr.Positive, 0, 1)
	c.floatIn("trust.asymmetry", tr.Asymmetry, 0, 100)
	c.floatIn("trust.spread", tr.Spread, 0, 1)
	c.floatIn("trust.drift_half_life_days", tr.DriftHalfLifeDays, 1, maxDays)
	c.floatIn("trust.slope", tr.Slope, 0, 20)
	c.floatIn("trust.cooperation", tr.Cooperation, 0, 1)
	c.floatIn("trust.cooperation_clearance", tr.CooperationClearance, 0, 100)
	for p, e := range tr.ExpectedResponse {
		c.durIn(fmt.Sprintf("trust.expected_response[%d]", p), e, 1, 24*60)
	}
	c.floatIn("trust.satisfaction_steepness", tr.SatisfactionSteepness, 0.5, 50)

	en := &s.Engagement
	c.floatIn("engagement.intensity", en.Intensity, 0, 1)
	c.durIn("engagement.session", en.Session, 1, 8*60)
	c.intIn("engagement.contacts", en.Contacts, 0, 1000)
	c.durIn("engagement.delay", en.Delay, 0, 60)
	c.floatIn("engagement.problem_solving", en.ProblemSolving, 0, 1)
	c.floatIn("engagement.problem_floor", en.ProblemFloor, 0, 1)

	st := &s.Stops
	c.floatIn("stops.per_hour", st.PerHour, 0, 60)
	c.floatIn("stops.hit_rate", st.HitRate, 0, 1)
	c.floatIn("stops.procedural_justice", st.ProceduralJustice, 0, 1)
	c.floatIn("stops.pj_contact", st.PJContact, 0, 1)
}

// The values of trust.initial and crime.initial; the first is the
// default, the second the start the model had before (MODEL.md 5).
var (
	trustStarts = []string{"steady", "baseline"}
	crimeStarts = []string{"stationary", "empty"}
)

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func validateWorld(c *checker, w *World) {
	okW := c.intIn("world.width", w.Width, 1, maxGrid)
	okH := c.intIn("world.height", w.Height, 1, maxGrid)
	c.floatIn("world.cell_m", w.CellM, minCellM, maxCellM)
	if !okW || !okH {
		return
	}
	if x, y := w.Station[0], w.Station[1]; x < 0 || x >= w.Width || y < 0 || y >= w.Height {
		c.add("world.station", "must be a cell [column, row] with column in 0..%d and row in 0..%d, got [%d, %d]", w.Width-1, w.Height-1, x, y)
	}
	c.intIn("world.beat_cols", w.BeatCols, 1, w.Width)
	c.intIn("world.beat_rows", w.BeatRows, 1, w.Height)
	validateMap(c, w)
	if len(w.Neighborhoods) == 0 || len(w.Neighborhoods) > maxNamed {
		c.add("world.neighborhoods", "must list between 1 and %d neighborhoods, got %d", maxNamed, len(w.Neighborhoods))
		return
	}
	owner := make([]int, w.Width*w.Height)
	names := map[string]bool{}
	var weight float64
	for i, n := range w.Neighborhoods {
		key := fmt.Sprintf("world.neighborhoods[%d]", i)
		if c.label(key+".name", n.Name) && names[n.Name] {
			c.add(key+".name", "%q is used by another neighborhood", n.Name)
		}
		names[n.Name] = true
		if c.floatIn(key+".call_weight", n.CallWeight, 0, maxWeight) {
			weight += n.CallWeight
		}
		if w.PerCellHoods() {
			if n.Cells != [4]int{} {
				c.add(key+".cells", "must be left out when world.map.neighborhood_rows gives the neighborhoods cell by cell, got %v", n.Cells)
			}
			continue
		}
		x0, y0, x1, y1 := n.Cells[0], n.Cells[1], n.Cells[2], n.Cells[3]
		if x0 < 0 || y0 < 0 || x1 > w.Width || y1 > w.Height || x0 >= x1 || y0 >= y1 {
			c.add(key+".cells", "must be [x0, y0, x1, y1] with 0 <= x0 < x1 <= %d and 0 <= y0 < y1 <= %d, got %v", w.Width, w.Height, n.Cells)
			continue
		}
		overlap := -1
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if o := owner[y*w.Width+x]; o != 0 && overlap < 0 {
					overlap = o - 1
				}
				owner[y*w.Width+x] = i + 1
			}
		}
		if overlap >= 0 {
			c.add(key+".cells", "%v overlaps neighborhood %q: neighborhoods must not share cells", n.Cells, w.Neighborhoods[overlap].Name)
		}
	}
	if uncovered := slices.Index(owner, 0); uncovered >= 0 && !w.PerCellHoods() {
		n := 0
		for _, o := range owner {
			if o == 0 {
				n++
			}
		}
		c.add("world.neighborhoods", "leave %d cells outside every neighborhood, the first at [%d, %d]: neighborhoods must cover the %dx%d grid",
			n, uncovered%w.Width, uncovered/w.Width, w.Width, w.Height)
	}
	if !(weight > 0) {
		c.add("world.neighborhoods", "call_weight is 0 everywhere: at least one neighborhood needs a positive weight")
	}
}

func validateCalls(c *checker, cl *Calls) {
	validateProfile(c, "calls.profile", cl.Profile)
	for _, name := range sortedKeys(cl.Types) {
		t := cl.Types[name]
		key := "calls.types." + name
		c.typeName("calls.types", name)
		c.intIn(key+".priority", t.Priority, 1, 3)
		c.floatIn(key+".per_day", t.PerDay, 0, maxPerDay)
		if len(t.Profile) > 0 {
			validateProfile(c, key+".profile", t.Profile)
		}
		validateDist(c, key+".service", t.Service)
		validateDist(c, key+".report", t.Report)
	}
}

func validateProfile(c *checker, key string, p []float64) {
	if len(p) != 24 {
		c.add(key, "must list 24 hourly values (hour 0 first), got %d", len(p))
		return
	}
	var sum float64
	for i, v := range p {
		if c.floatIn(fmt.Sprintf("%s[%d]", key, i), v, 0, maxWeight) {
			sum += v
		}
	}
	if !(sum > 0) {
		c.add(key, "is 0 in every hour: at least one hour needs a positive value")
	}
}

func validateDist(c *checker, key string, d DurationDist) {
	c.oneOf(key+".dist", d.Dist, sim.DistKinds())
	c.durIn(key+".mean", d.Mean, 0, maxDurMinutes)
	c.durIn(key+".sd", d.SD, 0, maxDurMinutes)
	if d.Dist == "exponential" && d.SD.Duration != 0 {
		c.add(key+".sd", "is only for dist = \"lognormal\" (an exponential's standard deviation equals its mean), got %q", text(d.SD))
	}
}

// validatePolicy checks use of force, training, accountability,
// co-responders, services, costs, the budget and the events. Its ranges
// are on what the user wrote, key by key: sim.Config.check checks the
// Config the engine receives, after a budget has turned money into the
// shares trained and equipped, and knows no keys or lines.
func validatePolicy(c *checker, s *Scenario) {
	f := &s.Force
	c.floatsIn(0, 1, []keyValue{
		{"force.arrest", f.Arrest}, {"force.stop", f.Stop}, {"force.civilian_injury", f.CivilianInjury},
		{"force.officer_injury", f.OfficerInjury}, {"force.complaint", f.Complaint},
		{"force.complaint_other", f.ComplaintOther}, {"force.sustained", f.Sustained},
		{"training.deescalation", s.Training.Deescalation}, {"training.effect", s.Training.Effect},
		{"accountability.cameras", s.Accountability.Cameras},
		{"accountability.camera_mitigation", s.Accountability.CameraMitigation},
		{"accountability.oversight_mitigation", s.Accountability.OversightMitigation},
		{"coresponders.backup", s.CoResponders.Backup}, {"services.max_effect", s.Services.MaxEffect},
	})
	c.floatsIn(0, 100, []keyValue{
		{"force.subject_trust", f.SubjectTrust}, {"force.incident_precinct", f.IncidentPrecinct},
		{"force.incident_hood", f.IncidentHood},
		{"accountability.camera_sustained", s.Accountability.CameraSustained},
		{"accountability.oversight_sustained", s.Accountability.OversightSustained},
	})
	c.floatIn("training.hours", s.Training.Hours, 0, 2000)
	for _, name := range sortedKeys(s.Calls.Types) {
		t := s.Calls.Types[name]
		c.floatIn("calls.types."+name+".arrest", t.Arrest, 0, 1)
		c.floatIn("calls.types."+name+".force", t.Force, 0, 1)
	}
	for _, name := range sortedKeys(s.Crime.Types) {
		c.floatIn("crime.types."+name+".force", s.Crime.Types[name].Force, 0, 1)
	}

	co := &s.CoResponders
	types := append(sortedKeys(s.Calls.Types), sortedKeys(s.Crime.Types)...)
	for i, t := range co.Types {
		if !slices.Contains(types, t) {
			c.add(fmt.Sprintf("coresponders.types[%d]", i), "must name a call or offense type (%s), got %q", strings.Join(types, ", "), t)
		}
	}
	for _, t := range sortedKeys(co.Eligible) {
		key := "coresponders.eligible." + t
		if !slices.Contains(types, t) {
			c.add(key, "must name a call or offense type (%s), got %q", strings.Join(types, ", "), t)
			continue
		}
		c.floatIn(key, co.Eligible[t], 0, 1)
	}
	c.floatIn("coresponders.triage_out", co.TriageOut, 0, 1)
	c.durIn("coresponders.wait", co.Wait, 0, 120)
	validateDist(c, "coresponders.service", co.Service)
	validateDist(c, "coresponders.report", co.Report)
	for i, sh := range co.Shifts {
		key := fmt.Sprintf("coresponders.shifts[%d]", i)
		c.label(key+".name", sh.Name)
		c.durIn(key+".length", sh.Length, 1, 24*60)
		c.intIn(key+".teams", sh.Teams, 0, maxHeadcount)
	}

	sv := &s.Services
	c.floatIn("services.per_year", sv.PerYear, 0, maxMoney)
	c.floatIn("services.lag_days", sv.LagDays, 0, maxDays)
	c.floatIn("services.ramp_days", sv.RampDays, 0, maxDays)
	c.positive("services.saturation", sv.Saturation, maxMoney)
	validateHoods(c, "services.neighborhoods", sv.Neighborhoods, s)

	cs := &s.Costs
	c.floatsIn(0, maxMoney, []keyValue{
		{"costs.officer", cs.Officer}, {"costs.team", cs.Team}, {"costs.training_hour", cs.TrainingHour},
		{"costs.camera", cs.Camera}, {"costs.oversight", cs.Oversight},
	})
	c.floatIn("costs.overtime", cs.Overtime, 0, maxOvertimeRate)
	if !currencyCode(cs.Currency) {
		c.add("costs.currency", "must be a three-letter ISO 4217 code in capitals such as \"USD\" or \"EUR\", got %q", cs.Currency)
	}
	if s.budgeted() {
		validateBudget(c, "budget", &s.Budget, s)
		if len(s.Staffing.OfficersPerShift) > 0 {
			c.add("staffing.officers_per_shift", "is set but budget.sworn decides the headcount: remove one of them")
		}
	} else {
		// Every line is checked whether or not the budget decides: a line
		// that is NaN, infinite or negative is a mistake either way.
		ok := true
		for _, name := range BudgetLines() {
			ok = c.floatIn("budget."+name, *s.Budget.line(name), 0, maxMoney) && ok
		}
		if b := s.Budget; ok && (b.CoResponders+b.Training+b.Cameras+b.Oversight+b.SocialServices > 0 || b.Shift != nil) {
			c.add("budget.sworn", "must be greater than 0 when other budget lines are set (the budget replaces staffing.headcount), got %s", fmtFloat(b.Sworn))
		}
	}
	for i := range s.Events {
		validateEvent(c, fmt.Sprintf("events[%d]", i), &s.Events[i], s)
	}
}

// validateHoods checks that every name is a neighborhood of s.
func validateHoods(c *checker, key string, names []string, s *Scenario) {
	var all []string
	for _, nb := range s.World.Neighborhoods {
		all = append(all, nb.Name)
	}
	for i, n := range names {
		c.oneOf(fmt.Sprintf("%s[%d]", key, i), n, all)
	}
}
