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
	w.Map.apply(&g, w.Neighborhoods)
	metric, err := sim.ParseMetric(s.Travel.Metric)
	must(err)
	kind, err := agents.ParsePatrolKind(s.Patrol.Strategy)
	must(err)
	scope, err := agents.ParseHotspotScope(s.Patrol.HotspotScope)
	must(err)
	cfg := sim.Config{
		Seed: s.Seed, Days: s.Days, WarmupDays: s.WarmupDays, MeasureFrom: s.MeasureFromDay, MeasureDays: s.MeasureDays,
		Grid: g,
		Travel: sim.Travel{
			Metric:      metric,
			Speed:       s.Travel.SpeedKMH * 1000 / 60,
			PatrolSpeed: s.Travel.PatrolSpeedKMH * 1000 / 60,
			Turnout:     s.Travel.Turnout.Minutes(),
		},
		Patrol: agents.Patrol{Kind: kind, Dwell: s.Patrol.Dwell.Minutes(),
			Visit: s.Patrol.HotspotVisit.Minutes(), Interval: s.Patrol.HotspotInterval.Minutes(), Scope: scope},
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
			Service: simDist(t.Service), Report: simDist(t.Report), Arrest: t.Arrest, Force: t.Force,
			TeamOnly: t.Police != nil && !*t.Police}
		profile := s.Calls.Profile
		if len(t.Profile) > 0 {
			profile = t.Profile
		}
		copy(ct.Profile[:], profile)
		cfg.CallTypes = append(cfg.CallTypes, ct)
	}
	cfg.Community = s.community(&cfg)
	s.workload(&cfg)
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
	cells := make([]int, len(w.Neighborhoods)) // the neighborhoods' cells, rectangles or cell by cell
	for _, h := range cfg.Grid.Neighborhood {
		cells[h]++
	}
	for i, nb := range w.Neighborhoods {
		res.Count = append(res.Count, nb.Population)
		res.GroupShares = append(res.GroupShares, slices.Clone(nb.GroupShares))
		res.BaseTrust = append(res.BaseTrust, nb.Trust)
		cr.PriorRecorded = append(cr.PriorRecorded, nb.PriorRecorded)
		if mean == 0 {
			continue
		}
		density := float64(nb.Population) / float64(cells[i]) / mean
		for c, h := range cfg.Grid.Neighborhood {
			if h == i {
				cr.LandUse[agents.Residential][c] = density
			}
		}
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
	cr.NearRepeatStationary = c.Initial == crimeStarts[0]
	cr.Deterrence, cr.DeterrenceLife = c.Deterrence, c.DeterrenceLife.Minutes()
	cr.ResidualDeterrence, cr.KoperPeak, cr.KoperShape = c.Residual, c.KoperPeak.Minutes(), c.KoperShape
	cr.DeterrenceSpread = c.DeterrenceSpread
	cr.Discovery, cr.DiscoveryArrest = c.Discovery, c.DiscoveryArrest
	cr.PresenceRef, cr.PresenceFloor, cr.PresenceLife = c.PresenceRef, c.PresenceFloor, c.PresenceDays*sim.MinutesPerDay
	cr.Detention, cr.DetentionLife = c.Detention, c.DetentionDays*sim.MinutesPerDay
	cr.EvidenceLife, cr.Legitimacy = c.EvidenceDays*sim.MinutesPerDay, c.Legitimacy
	cr.CellHeterogeneity = c.CellHetero
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
			Report: t.Reporting, Business: t.Business, BusinessReport: t.BusinessReporting, ReportDelay: t.ReportDelay.Minutes(), Clearance: t.Clearance,
			NearRepeatScale: t.NearRepeat, PresenceElasticity: t.Presence, OffenderRate: t.Offender, Call: len(cfg.CallTypes)}
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
		SteadyStart:   tr.Initial == trustStarts[0],
		Steepness:     tr.SatisfactionSteepness,
	}
	for p, e := range tr.ExpectedResponse {
		com.Trust.Expected[p] = e.Minutes()
	}
	en := &s.Engagement
	com.Engagement = sim.Engagement{Share: en.Intensity, Session: en.Session.Minutes(), Contacts: en.Contacts,
		Delay: en.Delay.Minutes(), ProblemCut: en.ProblemSolving, ProblemFloor: en.ProblemFloor}
	com.Stops = sim.Stops{PerHour: s.Stops.PerHour, HitRate: s.Stops.HitRate, PJShare: s.Stops.ProceduralJustice,
		PJContact: s.Stops.PJContact}
	if cr.PerDay == 0 && total == 0 {
		return sim.Community{} // switched off: no crime, no residents
	}
	return com
}

// policy fills the use-of-force, co-responder, services, cost and event
// parts of cfg from s and its plan p.
func (s *Scenario) policy(cfg *sim.Config, p *plan) {
	f, a := &s.Force, &s.Accountability
	cfg.Force = sim.Force{
		Arrest: f.Arrest, Stop: f.Stop, CivilianInjury: f.CivilianInjury, OfficerInjury: f.OfficerInjury,
		Complaint: f.Complaint, ComplaintOther: f.ComplaintOther, Sustained: f.Sustained,
		SubjectTrust: f.SubjectTrust, IncidentPrecinct: f.IncidentPrecinct, IncidentHood: f.IncidentHood,
		Deescalation: p.deesc, DeescalationEffect: s.Training.Effect,
		Cameras: p.cameras, Oversight: p.oversight,
		CameraMitigation: a.CameraMitigation, OversightMitigation: a.OversightMitigation,
		CameraSustained: a.CameraSustained, OversightSustained: a.OversightSustained,
	}
	co := &s.CoResponders
	cfg.CoResponders = sim.CoResponders{TriageOut: co.TriageOut, Wait: co.Wait.Minutes(),
		Backup: co.Backup, Service: simDist(co.Service), Report: simDist(co.Report)}
	for i, sh := range co.Shifts {
		cfg.CoResponders.Shifts = append(cfg.CoResponders.Shifts,
			sim.Shift{Name: sh.Name, Start: float64(sh.Start), Length: sh.Length.Minutes(), Officers: p.teams[i]})
	}
	if len(co.Shifts) > 0 {
		cfg.CoResponders.Eligible = make([]float64, len(cfg.CallTypes))
		for i, t := range cfg.CallTypes {
			cfg.CoResponders.Eligible[i] = co.Eligible[t.Name]
			if slices.Contains(co.Types, t.Name) {
				cfg.CoResponders.Eligible[i] = 1
			}
		}
	}
	warm := float64(s.WarmupDays) * sim.MinutesPerDay
	if sv := &s.Services; p.services > 0 && sv.MaxEffect > 0 {
		cfg.Community.Crime.Services = []sim.ServiceProgram{{
			Hoods: s.hoods(sv.Neighborhoods), Start: warm,
			Lag: sv.LagDays * sim.MinutesPerDay, Ramp: sv.RampDays * sim.MinutesPerDay,
			Effect: sv.MaxEffect * (1 - math.Exp(-p.services/sv.Saturation)),
		}}
	}
	cfg.Costs = s.costs(p)
	cfg.OvertimeHour = s.Costs.Overtime * s.Costs.Officer / s.Staffing.AnnualHours
	cfg.Currency = s.Costs.Currency
	for _, ev := range s.Events {
		cfg.Events = append(cfg.Events, s.event(cfg, p, &ev, warm))
	}
}

// hoods returns the ids of the named neighborhoods, all when names is
// empty.
func (s *Scenario) hoods(names []string) []int {
	var ids []int
	for i, nb := range s.World.Neighborhoods {
		if len(names) == 0 || slices.Contains(names, nb.Name) {
			ids = append(ids, i)
		}
	}
	return ids
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
