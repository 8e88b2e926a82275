package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/precinct-sim/precinct/agents"
)

// The engine's representation limits: call types, neighborhoods, offense
// types, resident groups, cells and residents are stored in narrow
// integers.
const (
	maxCallTypes     = math.MaxInt16
	maxNeighborhoods = math.MaxInt16
	maxCrimeTypes    = math.MaxInt8
	maxGroups        = math.MaxUint8 + 1
	maxCells         = math.MaxInt32
	maxResidents     = math.MaxInt32
)

// shareTolerance is how far the shares of a split (resident groups,
// offense types) may sum away from 1.
const shareTolerance = 1e-6

// check returns every inconsistency of c, or nil: every index in range,
// every slice of the length its index space needs, every probability in
// [0, 1], every rate, duration and weight finite and not negative, every
// kind known. The community's per-neighborhood and per-cell tables are
// checked only when the community half runs.
func (c *Config) check() error {
	k := &checker{}
	c.checkRun(k)
	hoodCells := c.checkGrid(k)
	c.checkTravel(k)
	k.shifts("Shifts", c.Shifts)
	c.checkPatrol(k)
	c.checkCalls(k)
	c.checkCrime(k, hoodCells)
	c.checkResidents(k, hoodCells)
	c.checkTrust(k)
	c.checkEngagement(k)
	c.checkStops(k)
	c.checkForce(k)
	c.checkCoResponders(k)
	c.checkWorkload(k)
	c.checkCosts(k)
	c.checkEvents(k)
	return errors.Join(k.errs...)
}

// checker collects the problems of a Config, each as an error that names
// the field, its value and what is allowed.
type checker struct {
	errs []error
}

// bad records one problem.
func (k *checker) bad(format string, a ...any) {
	k.errs = append(k.errs, fmt.Errorf("sim: config: "+format, a...))
}

// report records the problem of field name, if any: problem is "" or
// what follows the field's name ("= 5, want ...").
func (k *checker) report(name, problem string) {
	if problem != "" {
		k.bad("%s %s", name, problem)
	}
}

// each checks the n elements of slice name, reporting the first bad one
// and how many more there are rather than every one of a large table.
func (k *checker) each(name string, n int, problem func(i int) string) {
	first, more := "", 0
	for i := range n {
		switch p := problem(i); {
		case p == "":
		case first == "":
			first = fmt.Sprintf("%s[%d] %s", name, i, p)
		default:
			more++
		}
	}
	if more > 0 {
		first += fmt.Sprintf(" (and %d more)", more)
	}
	if first != "" {
		k.bad("%s", first)
	}
}

// length checks that slice name has want elements, one per what, and
// reports whether it has.
func (k *checker) length(name string, got, want int, what string) bool {
	if got != want {
		k.bad("%s has %d entries, want %d (one per %s)", name, got, want, what)
		return false
	}
	return true
}

func (k *checker) prob(name string, v float64)   { k.report(name, probProblem(v)) }
func (k *checker) nonNeg(name string, v float64) { k.report(name, nonNegProblem(v)) }
func (k *checker) finite(name string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		k.bad("%s = %v, want finite", name, v)
	}
}

// positive checks that duration or rate name is finite and > 0.
func (k *checker) positive(name string, v float64) {
	if !(v > 0) || math.IsInf(v, 0) {
		k.bad("%s = %v, want finite > 0", name, v)
	}
}

// intIn checks that integer name lies in [lo, hi].
func (k *checker) intIn(name string, v, lo, hi int) {
	if v < lo || v > hi {
		k.bad("%s = %d, want in [%d, %d]", name, v, lo, hi)
	}
}

func probProblem(v float64) string {
	if v >= 0 && v <= 1 {
		return ""
	}
	return fmt.Sprintf("= %v, want a probability in [0, 1]", v)
}

func nonNegProblem(v float64) string {
	if nonNeg(v) {
		return ""
	}
	return fmt.Sprintf("= %v, want finite >= 0", v)
}

// nonNeg reports whether v is finite and >= 0.
func nonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }

func indexProblem(i, n int) string {
	if i >= 0 && i < n {
		return ""
	}
	return fmt.Sprintf("= %d, want an index in [0, %d)", i, n)
}

// weights checks that every weight of w is finite and >= 0, and returns
// their sum (NaN when one is not). A per-cell table is long: the weights
// are summed in a plain loop, and each reports the bad ones only once
// one is found.
func (k *checker) weights(name string, w []float64) float64 {
	var sum float64
	for _, v := range w {
		if !nonNeg(v) {
			k.each(name, len(w), func(i int) string { return nonNegProblem(w[i]) })
			return math.NaN()
		}
		sum += v
	}
	return sum
}

// indices checks that every element of slice name, idx, is an index in
// [0, len(count)), and adds to count, index by index, how many elements
// hold it (only those in range). It reports whether every one was, and
// like weights leaves each to the tables with a bad one.
func (k *checker) indices(name string, idx, count []int) bool {
	for _, v := range idx {
		if indexProblem(v, len(count)) != "" {
			clear(count)
			k.each(name, len(idx), func(i int) string {
				p := indexProblem(idx[i], len(count))
				if p == "" {
					count[idx[i]]++
				}
				return p
			})
			return false
		}
		count[v]++
	}
	return true
}

// shares checks a split into parts: each share a probability, summing
// to 1.
func (k *checker) shares(name string, s []float64) {
	var sum float64
	k.each(name, len(s), func(i int) string {
		sum += s[i]
		return probProblem(s[i])
	})
	if len(s) > 0 && math.Abs(sum-1) > shareTolerance {
		k.bad("%s sums to %v, want 1", name, sum)
	}
}

// profile checks an hourly profile: weights >= 0 that are not all 0.
func (k *checker) profile(name string, p *[24]float64) {
	if sum := k.weights(name, p[:]); !math.IsNaN(sum) && (!(sum > 0) || math.IsInf(sum, 0)) {
		k.bad("%s sums to %v, want finite > 0 (some hour with a positive rate)", name, sum)
	}
}

// dist checks a duration distribution: a known family, a finite mean and
// standard deviation >= 0, and for a lognormal a variance the sampler can
// compute.
func (k *checker) dist(name string, d Dist) {
	if !distNames.Valid(d.Kind) {
		k.bad("%s.Kind = %v, want one of %v", name, d.Kind, distNames.List())
	}
	k.nonNeg(name+".Mean", d.Mean)
	k.nonNeg(name+".SD", d.SD)
	if d.Kind == LogNormal && d.Mean > 0 && d.SD > 0 && math.IsInf(d.SD*d.SD/(d.Mean*d.Mean), 0) {
		k.bad("%s.SD = %v with Mean = %v: the lognormal's variance overflows, want SD / Mean < 1e150", name, d.SD, d.Mean)
	}
}

// shifts checks a roster's shifts.
func (k *checker) shifts(name string, shifts []Shift) {
	for i, s := range shifts {
		key := fmt.Sprintf("%s[%d]", name, i)
		if !(s.Start >= 0 && s.Start < MinutesPerDay) {
			k.bad("%s.Start = %v (%s), want minutes in [0, %d)", key, s.Start, s.Name, MinutesPerDay)
		}
		if !(s.Length > 0 && s.Length <= MinutesPerDay) {
			k.bad("%s.Length = %v (%s), want minutes in (0, %d]", key, s.Length, s.Name, MinutesPerDay)
		}
		if s.Officers < 0 {
			k.bad("%s.Officers = %d (%s), want >= 0", key, s.Officers, s.Name)
		}
	}
}

// posts checks the posts per shift a roster event sets.
func (k *checker) posts(name string, posts []int) {
	k.each(name, len(posts), func(i int) string {
		if posts[i] < 0 {
			return fmt.Sprintf("= %d, want >= 0", posts[i])
		}
		return ""
	})
}

// costs checks cost lines.
func (k *checker) costs(name string, lines []CostLine) {
	for i, l := range lines {
		k.nonNeg(fmt.Sprintf("%s[%d].PerYear (%s)", name, i, l.Name), l.PerYear)
	}
}

func (c *Config) checkRun(k *checker) {
	if c.Days < 1 {
		k.bad("Days = %d, want >= 1", c.Days)
	}
	if c.WarmupDays < 0 {
		k.bad("WarmupDays = %d, want >= 0", c.WarmupDays)
	}
	if c.MeasureFrom < 0 || c.MeasureFrom >= max(c.Days, 1) {
		k.bad("MeasureFrom = %d, want 0 .. Days-1 = %d", c.MeasureFrom, c.Days-1)
	}
	if c.MeasureDays < 0 || c.MeasureFrom+c.MeasureDays > c.Days {
		k.bad("MeasureDays = %d from day %d, want 0 (to the end) .. Days-MeasureFrom = %d", c.MeasureDays, c.MeasureFrom, c.Days-c.MeasureFrom)
	}
}

// checkGrid checks the grid and returns the number of cells of each
// neighborhood, or nil when the per-cell tables are broken.
func (c *Config) checkGrid(k *checker) []int {
	g := &c.Grid
	if !(g.CellM > 0) || math.IsInf(g.CellM, 0) {
		k.bad("Grid.CellM = %v, want finite metres > 0", g.CellM)
	}
	if len(g.Neighborhoods) > maxNeighborhoods {
		k.bad("Grid.Neighborhoods has %d names, want at most %d", len(g.Neighborhoods), maxNeighborhoods)
	}
	if g.Width < 1 || g.Height < 1 || g.Width > maxCells || g.Height > maxCells || g.Width*g.Height > maxCells {
		k.bad("Grid is %dx%d cells, want at least 1x1 and at most %d cells", g.Width, g.Height, maxCells)
		return nil
	}
	n := g.Cells()
	k.report("Grid.Station", indexProblem(g.Station, n))
	okBeats := g.Beats >= 1 && g.Beats <= n
	if !okBeats {
		k.bad("Grid.Beats = %d, want in [1, %d] (every beat needs a cell)", g.Beats, n)
	}
	if k.length("Grid.Beat", len(g.Beat), n, "cell") && okBeats {
		perBeat := make([]int, g.Beats)
		k.indices("Grid.Beat", g.Beat, perBeat)
		if empty := slices.Index(perBeat, 0); empty >= 0 {
			k.bad("Grid.Beat gives beat %d no cells, want at least one cell in each of the Grid.Beats = %d beats", empty, g.Beats)
		}
	}
	if w := g.CallWeight; k.length("Grid.CallWeight", len(w), n, "cell") {
		if sum := k.weights("Grid.CallWeight", w); !math.IsNaN(sum) && (!(sum > 0) || math.IsInf(sum, 0)) {
			k.bad("Grid.CallWeight sums to %v, want finite > 0", sum)
		}
	}
	if !k.length("Grid.Neighborhood", len(g.Neighborhood), n, "cell") {
		return nil
	}
	hoodCells := make([]int, len(g.Neighborhoods))
	if !k.indices("Grid.Neighborhood", g.Neighborhood, hoodCells) {
		return nil
	}
	return hoodCells
}

func (c *Config) checkTravel(k *checker) {
	tr := &c.Travel
	if !metricNames.Valid(tr.Metric) {
		k.bad("Travel.Metric = %v, want one of %v", tr.Metric, metricNames.List())
	}
	k.positive("Travel.Speed", tr.Speed)
	k.positive("Travel.PatrolSpeed", tr.PatrolSpeed)
	k.nonNeg("Travel.Turnout", tr.Turnout)
	for p, v := range tr.PrioritySpeed {
		if v != 0 {
			k.positive(fmt.Sprintf("Travel.PrioritySpeed[%d]", p), v)
		}
	}
}

func (c *Config) checkPatrol(k *checker) {
	if kinds := agents.PatrolKinds(); int(c.Patrol.Kind) >= len(kinds) {
		k.bad("Patrol.Kind = %v, want one of %v", c.Patrol.Kind, kinds)
	}
	k.nonNeg("Patrol.Dwell", c.Patrol.Dwell)
	k.nonNeg("Patrol.Interval", c.Patrol.Interval)
	if k.nonNeg("Patrol.Visit", c.Patrol.Visit); c.Patrol.Kind == agents.PatrolHotspot && c.Patrol.Interval > 0 && !(c.Patrol.Visit > 0) {
		k.bad("Patrol.Visit = %v with hot-spot visits every %v minutes, want minutes > 0", c.Patrol.Visit, c.Patrol.Interval)
	}
	if scopes := agents.HotspotScopes(); int(c.Patrol.Scope) >= len(scopes) {
		k.bad("Patrol.Scope = %v, want one of %v", c.Patrol.Scope, scopes)
	}
}

func (c *Config) checkCalls(k *checker) {
	if len(c.CallTypes) > maxCallTypes {
		k.bad("CallTypes has %d types, want at most %d", len(c.CallTypes), maxCallTypes)
	}
	for i := range c.CallTypes {
		t := &c.CallTypes[i]
		key := fmt.Sprintf("CallTypes[%d]", i)
		if t.Priority < P1 || t.Priority > P3 {
			k.bad("%s.Priority = %d (%s), want 1, 2 or 3", key, t.Priority, t.Name)
		}
		k.nonNeg(key+".PerDay", t.PerDay)
		k.profile(key+".Profile", &t.Profile)
		k.dist(key+".Service", t.Service)
		k.dist(key+".Report", t.Report)
		k.prob(key+".Arrest", t.Arrest)
		k.prob(key+".Force", t.Force)
		if len(t.Units) > 0 {
			k.shares(key+".Units", t.Units)
		}
		k.prob(key+".SecondaryShare", t.SecondaryShare)
		k.prob(key+".Backup", t.Backup)
	}
}

// checkCrime checks the offense process; hoodCells is the number of cells
// of each neighborhood (nil when the grid is broken).
func (c *Config) checkCrime(k *checker, hoodCells []int) {
	cr := &c.Community.Crime
	k.nonNeg("Crime.PerDay", cr.PerDay)
	k.nonNeg("Crime.NearRepeat", cr.NearRepeat)
	k.nonNeg("Crime.NearRepeatLife", cr.NearRepeatLife)
	k.prob("Crime.NearRepeatSpread", cr.NearRepeatSpread)
	k.prob("Crime.Deterrence", cr.Deterrence)
	k.prob("Crime.ResidualDeterrence", cr.ResidualDeterrence)
	if k.nonNeg("Crime.DeterrenceLife", cr.DeterrenceLife); cr.ResidualDeterrence > 0 && cr.DeterrenceLife == 0 {
		k.bad("Crime.DeterrenceLife = 0 with Crime.ResidualDeterrence = %v, want minutes > 0", cr.ResidualDeterrence)
	}
	if k.nonNeg("Crime.KoperShape", cr.KoperShape); cr.KoperShape > 0 {
		k.positive("Crime.KoperPeak", cr.KoperPeak)
	}
	k.prob("Crime.DeterrenceSpread", cr.DeterrenceSpread)
	k.prob("Crime.Discovery", cr.Discovery)
	k.prob("Crime.DiscoveryArrest", cr.DiscoveryArrest)
	c.checkArea(k)
	k.nonNeg("Crime.EvidenceLife", cr.EvidenceLife)
	k.nonNeg("Crime.Legitimacy", cr.Legitimacy)
	k.intIn("Crime.HotspotWindow", cr.HotspotWindow, 0, math.MaxInt32)
	k.intIn("Crime.HotspotTop", cr.HotspotTop, 0, math.MaxInt32)
	k.nonNeg("Crime.HotspotKernel", cr.HotspotKernel)
	k.nonNeg("Crime.HotspotFocus", cr.HotspotFocus)
	if len(cr.Types) > maxCrimeTypes {
		k.bad("Crime.Types has %d types, want at most %d", len(cr.Types), maxCrimeTypes)
	}
	var shares float64
	for i := range cr.Types {
		t := &cr.Types[i]
		key := fmt.Sprintf("Crime.Types[%d]", i)
		k.nonNeg(key+".Share", t.Share)
		shares += t.Share
		for l, v := range t.Affinity {
			k.nonNeg(fmt.Sprintf("%s.Affinity[%v]", key, agents.LandUse(l)), v)
		}
		k.prob(key+".Report", t.Report)
		k.prob(key+".Business", t.Business)
		k.prob(key+".BusinessReport", t.BusinessReport)
		k.nonNeg(key+".ReportDelay", t.ReportDelay)
		k.prob(key+".Clearance", t.Clearance)
		k.nonNeg(key+".NearRepeatScale", t.NearRepeatScale)
		k.nonNeg(key+".PresenceElasticity", t.PresenceElasticity)
		k.nonNeg(key+".OffenderRate", t.OffenderRate)
		if b := cr.NearRepeat * t.NearRepeatScale; b >= 1 {
			k.bad("%s.NearRepeatScale = %v times Crime.NearRepeat = %v is a branching ratio of %v, want < 1 (crime would grow without bound)",
				key, t.NearRepeatScale, cr.NearRepeat, b)
		}
		k.report(key+".Call", indexProblem(t.Call, len(c.CallTypes)))
	}
	for i := range cr.Services {
		p := &cr.Services[i]
		key := fmt.Sprintf("Crime.Services[%d]", i)
		k.each(key+".Hoods", len(p.Hoods), func(j int) string { return indexProblem(p.Hoods[j], len(c.Grid.Neighborhoods)) })
		k.finite(key+".Start", p.Start)
		k.nonNeg(key+".Lag", p.Lag)
		k.nonNeg(key+".Ramp", p.Ramp)
		k.prob(key+".Effect", p.Effect)
	}
	if !c.Community.Enabled() {
		return
	}
	if len(cr.Types) > 0 && !math.IsNaN(shares) && math.Abs(shares-1) > shareTolerance {
		k.bad("Crime.Types shares sum to %v, want 1", shares)
	}
	if cr.PerDay > 0 {
		k.profile("Crime.Profile", &cr.Profile)
	}
	if c.Patrol.Kind == agents.PatrolHotspot && cr.HotspotTop < 1 {
		k.bad("Crime.HotspotTop = %d with hot-spot patrol, want >= 1", cr.HotspotTop)
	}
	if n := c.Grid.Cells(); hoodCells != nil {
		for l := range cr.LandUse {
			key := fmt.Sprintf("Crime.LandUse[%v]", agents.LandUse(l))
			if k.length(key, len(cr.LandUse[l]), n, "cell") {
				k.weights(key, cr.LandUse[l])
			}
		}
	}
	if p := cr.PriorRecorded; len(p) > 0 && k.length("Crime.PriorRecorded", len(p), len(c.Grid.Neighborhoods), "neighborhood") {
		k.each("Crime.PriorRecorded", len(p), func(h int) string {
			switch {
			case p[h] < 0:
				return fmt.Sprintf("= %d, want >= 0", p[h])
			case p[h] > 0 && cr.HotspotWindow < 1:
				return fmt.Sprintf("= %d with Crime.HotspotWindow = %d, want a window of at least 1 day to hold them", p[h], cr.HotspotWindow)
			case p[h] > 0 && hoodCells != nil && hoodCells[h] == 0:
				return fmt.Sprintf("= %d in a neighborhood with no cells, want 0", p[h])
			}
			return ""
		})
	}
}

// checkResidents checks the synthetic population; hoodCells is the number
// of cells of each neighborhood (nil when the grid is broken).
func (c *Config) checkResidents(k *checker, hoodCells []int) {
	r := &c.Community.Residents
	k.nonNeg("Residents.TrustSD", r.TrustSD)
	k.intIn("Residents.Ties", r.Ties, 0, math.MaxInt32)
	k.prob("Residents.LocalTies", r.LocalTies)
	if !c.Community.Enabled() {
		return
	}
	hoods := len(c.Grid.Neighborhoods)
	total := 0
	if k.length("Residents.Count", len(r.Count), hoods, "neighborhood") {
		k.each("Residents.Count", hoods, func(h int) string {
			switch n := r.Count[h]; {
			case n < 0:
				return fmt.Sprintf("= %d, want >= 0", n)
			case n > 0 && hoodCells != nil && hoodCells[h] == 0:
				return fmt.Sprintf("= %d in a neighborhood with no cells, want 0", n)
			default:
				total += min(n, maxResidents)
				return ""
			}
		})
		if total > maxResidents {
			k.bad("Residents.Count sums to %d or more, want at most %d", total, maxResidents)
		}
	}
	if len(r.Groups) > maxGroups || (total > 0 && len(r.Groups) == 0) {
		k.bad("Residents.Groups has %d groups, want 1 to %d", len(r.Groups), maxGroups)
	}
	if k.length("Residents.GroupShares", len(r.GroupShares), hoods, "neighborhood") {
		for h, s := range r.GroupShares {
			key := fmt.Sprintf("Residents.GroupShares[%d]", h)
			if k.length(key, len(s), len(r.Groups), "group of Residents.Groups") {
				k.shares(key, s)
			}
		}
	}
	if k.length("Residents.BaseTrust", len(r.BaseTrust), hoods, "neighborhood") {
		k.each("Residents.BaseTrust", hoods, func(h int) string { return probProblem(r.BaseTrust[h]) })
	}
}

func (c *Config) checkTrust(k *checker) {
	tr := &c.Community.Trust
	k.prob("Trust.Rules.Positive", tr.Rules.Positive)
	k.nonNeg("Trust.Rules.Asymmetry", tr.Rules.Asymmetry)
	k.prob("Trust.Rules.Spread", tr.Rules.Spread)
	k.prob("Trust.Rules.DailyPull", tr.Rules.DailyPull)
	k.finite("Trust.ReportSlope", tr.ReportSlope)
	k.prob("Trust.Cooperation.Base", tr.Cooperation.Base)
	k.finite("Trust.Cooperation.Slope", tr.Cooperation.Slope)
	k.nonNeg("Trust.CoopClearance", tr.CoopClearance)
	if !c.Community.Enabled() {
		return
	}
	for p, e := range tr.Expected {
		k.positive(fmt.Sprintf("Trust.Expected[%d]", p), e)
	}
	k.positive("Trust.Steepness", tr.Steepness)
}

func (c *Config) checkEngagement(k *checker) {
	en := &c.Community.Engagement
	k.prob("Engagement.Share", en.Share)
	if k.nonNeg("Engagement.Session", en.Session); en.Share > 0 && en.Session == 0 {
		k.bad("Engagement.Session = 0 with Engagement.Share = %v, want minutes > 0", en.Share)
	}
	k.intIn("Engagement.Contacts", en.Contacts, 0, math.MaxInt32)
	k.nonNeg("Engagement.Delay", en.Delay)
	k.prob("Engagement.ProblemCut", en.ProblemCut)
	k.prob("Engagement.ProblemFloor", en.ProblemFloor)
}

func (c *Config) checkStops(k *checker) {
	st := &c.Community.Stops
	k.nonNeg("Stops.PerHour", st.PerHour)
	k.prob("Stops.HitRate", st.HitRate)
	k.prob("Stops.PJShare", st.PJShare)
	k.prob("Stops.PJContact", st.PJContact)
	k.dist("Stops.Duration", st.Duration)
}

func (c *Config) checkForce(k *checker) {
	f := &c.Force
	for _, p := range []struct {
		name string
		v    float64
	}{
		{"Force.Arrest", f.Arrest}, {"Force.Stop", f.Stop}, {"Force.CivilianInjury", f.CivilianInjury},
		{"Force.OfficerInjury", f.OfficerInjury}, {"Force.Complaint", f.Complaint},
		{"Force.ComplaintOther", f.ComplaintOther}, {"Force.Sustained", f.Sustained},
		{"Force.Deescalation", f.Deescalation}, {"Force.DeescalationEffect", f.DeescalationEffect},
		{"Force.Cameras", f.Cameras}, {"Force.CameraMitigation", f.CameraMitigation},
		{"Force.OversightMitigation", f.OversightMitigation},
	} {
		k.prob(p.name, p.v)
	}
	for _, p := range []struct {
		name string
		v    float64
	}{
		{"Force.SubjectTrust", f.SubjectTrust}, {"Force.IncidentPrecinct", f.IncidentPrecinct},
		{"Force.IncidentHood", f.IncidentHood}, {"Force.CameraSustained", f.CameraSustained},
		{"Force.OversightSustained", f.OversightSustained},
	} {
		k.nonNeg(p.name, p.v)
	}
}

func (c *Config) checkCoResponders(k *checker) {
	co := &c.CoResponders
	if len(co.Shifts) > 0 {
		k.length("CoResponders.Eligible", len(co.Eligible), len(c.CallTypes), "call type")
	}
	k.each("CoResponders.Eligible", len(co.Eligible), func(i int) string { return probProblem(co.Eligible[i]) })
	k.shifts("CoResponders.Shifts", co.Shifts)
	k.prob("CoResponders.TriageOut", co.TriageOut)
	k.nonNeg("CoResponders.Wait", co.Wait)
	k.prob("CoResponders.Backup", co.Backup)
	k.dist("CoResponders.Service", co.Service)
	k.dist("CoResponders.Report", co.Report)
}

// checkWorkload checks call processing, the dispatch policy, holding,
// telephone reports, arrests, officer-initiated work, out-of-service time
// and the calendar.
func (c *Config) checkWorkload(k *checker) {
	d := &c.Dispatch
	for p := range d.Processing {
		k.dist(fmt.Sprintf("Dispatch.Processing[%d]", p), d.Processing[p])
	}
	if !policyNames.Valid(d.Policy) {
		k.bad("Dispatch.Policy = %v, want one of %v", d.Policy, policyNames.List())
	}
	k.intIn("Dispatch.HoldReserve", d.HoldReserve, 0, math.MaxInt32)
	k.nonNeg("Dispatch.HoldMax", d.HoldMax)
	k.prob("Dispatch.Telephone", d.Telephone)
	if d.Telephone > 0 {
		k.length("Dispatch.TelephoneTypes", len(d.TelephoneTypes), len(c.CallTypes), "call type")
	}
	a := &c.Arrests
	k.dist("Arrests.Booking", a.Booking)
	k.prob("Arrests.Second", a.Second)
	k.report("Arrests.Place", indexProblem(a.Place, c.Grid.Cells()))
	si := &c.SelfInit
	for _, x := range []struct {
		name string
		a    Activity
	}{{"SelfInit.Traffic", si.Traffic}, {"SelfInit.Directed", si.Directed}, {"SelfInit.Followup", si.Followup}} {
		k.nonNeg(x.name+".PerHour", x.a.PerHour)
		k.dist(x.name+".Duration", x.a.Duration)
	}
	o := &c.OutOfService
	k.dist("OutOfService.Meal", o.Meal)
	k.nonNeg("OutOfService.MealAfter", o.MealAfter)
	k.nonNeg("OutOfService.MealBeforeEnd", o.MealBeforeEnd)
	k.nonNeg("OutOfService.AdminPerHour", o.AdminPerHour)
	k.dist("OutOfService.Admin", o.Admin)
	k.prob("OutOfService.CourtPerShift", o.CourtPerShift)
	k.dist("OutOfService.Court", o.Court)
	cal := &c.Calendar
	for i, v := range cal.CallWeekday {
		k.nonNeg(fmt.Sprintf("Calendar.CallWeekday[%d]", i), v)
	}
	for i, v := range cal.CrimeWeekday {
		k.nonNeg(fmt.Sprintf("Calendar.CrimeWeekday[%d]", i), v)
	}
	for i, v := range cal.CallMonthly {
		k.nonNeg(fmt.Sprintf("Calendar.CallMonthly[%d]", i), v)
	}
	for i, v := range cal.CrimeMonthly {
		k.nonNeg(fmt.Sprintf("Calendar.CrimeMonthly[%d]", i), v)
	}
}

func (c *Config) checkCosts(k *checker) {
	k.costs("Costs", c.Costs)
	k.nonNeg("OvertimeHour", c.OvertimeHour)
}

func (c *Config) checkEvents(k *checker) {
	co := &c.CoResponders
	for i := range c.Events {
		ev := &c.Events[i]
		key := fmt.Sprintf("Events[%d]", i)
		k.nonNeg(key+".Start", ev.Start)
		switch ev.Kind {
		case EventSurge:
			if !(ev.End > ev.Start) {
				k.bad("%s.End = %v (surge), want > Start (%v)", key, ev.End, ev.Start)
			}
			k.nonNeg(key+".SurgePerDay", ev.SurgePerDay)
			if k.length(key+".SurgeWeight", len(ev.SurgeWeight), c.Grid.Cells(), "cell") {
				sum := k.weights(key+".SurgeWeight", ev.SurgeWeight)
				if ev.SurgePerDay > 0 && !math.IsNaN(sum) && (!(sum > 0) || math.IsInf(sum, 0)) {
					k.bad("%s.SurgeWeight sums to %v with SurgePerDay = %v, want finite > 0", key, sum, ev.SurgePerDay)
				}
			}
		case EventIncident:
			if ev.Hood < -1 || ev.Hood >= len(c.Grid.Neighborhoods) {
				k.bad("%s.Hood = %d (incident), want -1 or an index in [0, %d)", key, ev.Hood, len(c.Grid.Neighborhoods))
			}
			k.nonNeg(key+".Severity", ev.Severity)
		case EventRoster:
			if k.length(key+".Officers", len(ev.Officers), len(c.Shifts), "shift of Shifts") {
				k.posts(key+".Officers", ev.Officers)
			}
			if ev.Teams != nil && k.length(key+".Teams", len(ev.Teams), len(co.Shifts), "shift of CoResponders.Shifts") {
				k.posts(key+".Teams", ev.Teams)
			}
			k.costs(key+".Costs", ev.Costs)
		case EventAid:
			if !(ev.End > ev.Start) {
				k.bad("%s.End = %v (aid), want > Start (%v)", key, ev.End, ev.Start)
			}
			if ev.Extra < 0 {
				k.bad("%s.Extra = %d (aid), want >= 0", key, ev.Extra)
			}
		default:
			k.bad("%s.Kind = %d, want EventSurge, EventIncident, EventRoster or EventAid", key, ev.Kind)
		}
	}
}

// checkArea checks area deterrence and incapacitation: the reference
// presence, floor and perception life must be positive when some type
// has a presence elasticity, the detention life when detention averts
// offending.
func (c *Config) checkArea(k *checker) {
	cr := &c.Community.Crime
	k.nonNeg("Crime.PresenceRef", cr.PresenceRef)
	k.nonNeg("Crime.PresenceFloor", cr.PresenceFloor)
	k.nonNeg("Crime.PresenceLife", cr.PresenceLife)
	k.prob("Crime.Detention", cr.Detention)
	k.nonNeg("Crime.DetentionLife", cr.DetentionLife)
	var eta, lambda bool
	for i := range cr.Types {
		eta = eta || cr.Types[i].PresenceElasticity > 0
		lambda = lambda || cr.Types[i].OffenderRate > 0
	}
	if eta {
		for _, f := range []struct {
			name string
			v    float64
		}{{"Crime.PresenceRef", cr.PresenceRef}, {"Crime.PresenceFloor", cr.PresenceFloor}, {"Crime.PresenceLife", cr.PresenceLife}} {
			if f.v == 0 {
				k.bad("%s = 0 with a presence elasticity, want > 0", f.name)
			}
		}
	}
	if lambda && cr.Detention > 0 && cr.DetentionLife == 0 {
		k.bad("Crime.DetentionLife = 0 with Crime.Detention = %v, want minutes > 0", cr.Detention)
	}
}
