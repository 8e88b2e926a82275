package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
)

// patterns are the preset shift patterns: name -> shifts.
var patterns = map[string][]ShiftSpec{
	"8x3": {
		{Name: "day", Start: 7 * 60, Length: hours(8)},
		{Name: "evening", Start: 15 * 60, Length: hours(8)},
		{Name: "night", Start: 23 * 60, Length: hours(8)},
	},
	"10x4": {
		{Name: "day", Start: 6 * 60, Length: hours(10)},
		{Name: "midday", Start: 11 * 60, Length: hours(10)},
		{Name: "evening", Start: 16 * 60, Length: hours(10)},
		{Name: "night", Start: 21 * 60, Length: hours(10)},
	},
	"12x2": {
		{Name: "day", Start: 7 * 60, Length: hours(12)},
		{Name: "night", Start: 19 * 60, Length: hours(12)},
	},
	"24x1": {
		{Name: "round the clock", Start: 0, Length: hours(24)},
	},
}

func hours(h float64) Duration { return Duration{durationOfMinutes(60 * h)} }

// Patterns returns the allowed values of staffing.pattern: the presets
// and "custom".
func Patterns() []string {
	return []string{"8x3", "10x4", "12x2", "24x1", "custom"}
}

// shiftSpecs returns the shifts of the pattern.
func (st *Staffing) shiftSpecs() []ShiftSpec {
	if st.Pattern == "custom" {
		return st.Shifts
	}
	return patterns[st.Pattern]
}

func shiftNames(sh []ShiftSpec) string {
	names := make([]string, len(sh))
	for i, s := range sh {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// posts returns the number of posts on duty in each shift. Staffed by
// headcount, the officers' yearly available hours are spread over the
// shifts in proportion to weight x length: a post needs Length hours a
// day, an officer gives AnnualHours/365. The fractional posts are rounded
// to a whole total, which is shared out by largest remainder (ties to the
// earlier shift), so that patterns on the same headcount keep the same
// officer-hours.
func (st *Staffing) posts() []int {
	shifts := st.shiftSpecs()
	if len(st.OfficersPerShift) > 0 {
		return slices.Clone(st.OfficersPerShift)
	}
	perDay := float64(st.Headcount) * st.AnnualHours / 365 // officer-hours a day
	var denom float64
	for i, sh := range shifts {
		denom += st.weight(i) * sh.Length.Hours()
	}
	exact := make([]float64, len(shifts))
	var sum float64
	for i := range shifts {
		exact[i] = perDay * st.weight(i) / denom
		sum += exact[i]
	}
	total := int(math.Round(sum))
	posts := make([]int, len(shifts))
	order := make([]int, len(shifts))
	given := 0
	for i, x := range exact {
		posts[i] = int(math.Floor(x))
		given += posts[i]
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(exact[b]-math.Floor(exact[b]), exact[a]-math.Floor(exact[a]))
	})
	for k := 0; given < total; k++ {
		posts[order[k%len(order)]]++
		given++
	}
	return posts
}

func (st *Staffing) weight(i int) float64 {
	if len(st.Weights) == 0 {
		return 1
	}
	return st.Weights[i]
}

// Config translates a validated scenario into the engine's configuration.
// It panics if s has not passed Validate.
func (s *Scenario) Config() sim.Config {
	w := &s.World
	n := w.Width * w.Height
	g := sim.Grid{
		Width: w.Width, Height: w.Height, CellM: w.CellM,
		Neighborhood: make([]int, n), Beat: make([]int, n), CallWeight: make([]float64, n),
		Beats:   w.BeatCols * w.BeatRows,
		Station: w.Station[1]*w.Width + w.Station[0],
	}
	for i, nb := range w.Neighborhoods {
		g.Neighborhoods = append(g.Neighborhoods, nb.Name)
		forCells(nb.Cells, w.Width, func(c int) {
			g.Neighborhood[c] = i
			g.CallWeight[c] = nb.CallWeight
		})
	}
	for y := range w.Height {
		for x := range w.Width {
			g.Beat[y*w.Width+x] = (y*w.BeatRows/w.Height)*w.BeatCols + x*w.BeatCols/w.Width
		}
	}
	metric, err := sim.ParseMetric(s.Travel.Metric)
	must(err)
	kind, err := agents.ParsePatrolKind(s.Patrol.Strategy)
	must(err)
	cfg := sim.Config{
		Seed: s.Seed, Days: s.Days, WarmupDays: s.WarmupDays,
		Grid: g,
		Travel: sim.Travel{
			Metric:      metric,
			Speed:       s.Travel.SpeedKMH * 1000 / 60,
			PatrolSpeed: s.Travel.PatrolSpeedKMH * 1000 / 60,
			Turnout:     s.Travel.Turnout.Minutes(),
		},
		Patrol:  agents.Patrol{Kind: kind, Dwell: s.Patrol.Dwell.Minutes()},
		Preempt: s.Dispatch.Preempt,
	}
	p := s.plan()
	posts := p.staffing.posts()
	for i, sh := range p.staffing.shiftSpecs() {
		cfg.Shifts = append(cfg.Shifts, sim.Shift{Name: sh.Name, Start: float64(sh.Start), Length: sh.Length.Minutes(), Officers: posts[i]})
	}
	names := make([]string, 0, len(s.Calls.Types))
	for name := range s.Calls.Types {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.Calls.Types[a].Priority, s.Calls.Types[b].Priority), strings.Compare(a, b))
	})
	for _, name := range names {
		t := s.Calls.Types[name]
		ct := sim.CallType{Name: name, Priority: sim.Priority(t.Priority), PerDay: t.PerDay,
			Service: simDist(t.Service), Report: simDist(t.Report), Arrest: t.Arrest, Force: t.Force}
		profile := s.Calls.Profile
		if len(t.Profile) > 0 {
			profile = t.Profile
		}
		copy(ct.Profile[:], profile)
		cfg.CallTypes = append(cfg.CallTypes, ct)
	}
	cfg.Community = s.community(&cfg)
	s.policy(&cfg, &p)
	return cfg
}

// community translates the crime, resident and trust settings. Each
// offense type gets a call type of the same name (with no calls of its
// own: its calls come from reported offenses), appended to cfg.CallTypes.
func (s *Scenario) community(cfg *sim.Config) sim.Community {
	w := &s.World
	n := w.Width * w.Height
	var com sim.Community
	res := &com.Residents
	res.Groups = slices.Clone(s.Residents.Groups)
	res.TrustSD, res.Ties, res.LocalTies = s.Residents.TrustSD, s.Residents.Ties, s.Residents.LocalTies
	cr := &com.Crime
	for l := range cr.LandUse {
		cr.LandUse[l] = make([]float64, n)
	}
	// Residential land use is residents per cell relative to the
	// precinct's mean, so that an average cell weighs 1 like a place of
	// weight 1.
	total := 0
	for _, nb := range w.Neighborhoods {
		total += nb.Population
	}
	mean := float64(total) / float64(n)
	for _, nb := range w.Neighborhoods {
		res.Count = append(res.Count, nb.Population)
		res.GroupShares = append(res.GroupShares, slices.Clone(nb.GroupShares))
		res.BaseTrust = append(res.BaseTrust, nb.Trust)
		cr.PriorRecorded = append(cr.PriorRecorded, nb.PriorRecorded)
		cells := (nb.Cells[2] - nb.Cells[0]) * (nb.Cells[3] - nb.Cells[1])
		if mean == 0 {
			continue
		}
		density := float64(nb.Population) / float64(cells) / mean
		forCells(nb.Cells, w.Width, func(i int) { cr.LandUse[agents.Residential][i] = density })
	}
	for _, p := range w.Places {
		lu, err := agents.ParseLandUse(p.Kind)
		must(err)
		forCells(p.Cells, w.Width, func(i int) { cr.LandUse[lu][i] += p.Weight })
	}
	c := &s.Crime
	cr.PerDay = c.PerDay
	copy(cr.Profile[:], c.Profile)
	cr.NearRepeat, cr.NearRepeatLife, cr.NearRepeatSpread = c.NearRepeat, c.NearRepeatDays*sim.MinutesPerDay, c.NearRepeatSpread
	cr.Deterrence, cr.DeterrenceLife = c.Deterrence, c.DeterrenceLife.Minutes()
	cr.Discovery, cr.DiscoveryArrest = c.Discovery, c.DiscoveryArrest
	cr.EvidenceLife, cr.Legitimacy = c.EvidenceDays*sim.MinutesPerDay, c.Legitimacy
	cr.HotspotWindow, cr.HotspotTop, cr.HotspotKernel, cr.HotspotFocus = c.HotspotDays, c.HotspotTop, c.HotspotKernel, c.HotspotFocus
	var shares float64 // summed in name order: float addition is not associative
	for _, name := range sortedKeys(c.Types) {
		shares += c.Types[name].Share
	}
	var flat [24]float64
	for h := range flat {
		flat[h] = 1
	}
	for _, name := range sortedKeys(c.Types) {
		t := c.Types[name]
		ct := sim.CrimeType{Name: name, Share: t.Share / shares, Violent: t.Violent, Victimless: t.Victimless,
			Report: t.Reporting, ReportDelay: t.ReportDelay.Minutes(), Clearance: t.Clearance,
			NearRepeatScale: t.NearRepeat, Call: len(cfg.CallTypes)}
		for lu, v := range t.Affinity {
			l, err := agents.ParseLandUse(lu)
			must(err)
			ct.Affinity[l] = v
		}
		cr.Types = append(cr.Types, ct)
		cfg.CallTypes = append(cfg.CallTypes, sim.CallType{Name: name, Priority: sim.Priority(t.Priority),
			Profile: flat, Service: simDist(t.Service), Report: simDist(t.Report), Force: t.Force})
	}
	tr := &s.Trust
	com.Trust = sim.Trust{
		Rules: agents.TrustRules{Positive: tr.Positive, Asymmetry: tr.Asymmetry, Spread: tr.Spread,
			DailyPull: 1 - math.Exp2(-1/tr.DriftHalfLifeDays)},
		ReportSlope:   tr.Slope,
		Cooperation:   agents.Likelihood{Base: tr.Cooperation, Slope: tr.Slope},
		CoopClearance: tr.CooperationClearance,
		Satisfied:     tr.SatisfiedWithin.Minutes(),
	}
	en := &s.Engagement
	com.Engagement = sim.Engagement{Share: en.Intensity, Session: en.Session.Minutes(), Contacts: en.Contacts,
		Delay: en.Delay.Minutes(), ProblemCut: en.ProblemSolving, ProblemFloor: en.ProblemFloor}
	com.Stops = sim.Stops{PerHour: s.Stops.PerHour, HitRate: s.Stops.HitRate, PJShare: s.Stops.ProceduralJustice}
	if cr.PerDay == 0 && total == 0 {
		return sim.Community{} // switched off: no crime, no residents
	}
	return com
}

// forCells calls f with the index of every cell of the rectangle.
func forCells(r [4]int, width int, f func(int)) {
	for y := r[1]; y < r[3]; y++ {
		for x := r[0]; x < r[2]; x++ {
			f(y*width + x)
		}
	}
}

func simDist(d DurationDist) sim.Dist {
	kind, err := sim.ParseDistKind(d.Dist)
	must(err)
	return sim.Dist{Kind: kind, Mean: d.Mean.Minutes(), SD: d.SD.Minutes()}
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprintf("scenarios: Config on an unvalidated scenario: %v", err))
	}
}
