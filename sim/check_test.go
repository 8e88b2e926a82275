package sim_test

import (
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// checkBaseline is a valid Config with every part of the Config in use:
// the baseline precinct with a co-responder shift and one event of each
// kind (events[0] a surge, [1] mutual aid, [2] an incident, [3] a
// staffing change and [4] a budget change, both roster events).
const checkBaseline = "../testdata/scenarios/good/events.toml"

// TestCheckCorrupt corrupts a valid Config one field at a time: Run must
// return an error that names the field, and never panic.
func TestCheckCorrupt(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name   string
		field  string // the error must mention it
		mutate func(c *sim.Config)
	}{
		{"run/days", "Days", func(c *sim.Config) { c.Days = 0 }},
		{"grid/width", "Grid is 0x64", func(c *sim.Config) { c.Grid.Width = 0 }},
		{"grid/cell size", "Grid.CellM", func(c *sim.Config) { c.Grid.CellM = nan }},
		{"grid/short beats", "Grid.Beat has", func(c *sim.Config) { c.Grid.Beat = c.Grid.Beat[:10] }},
		{"grid/beats", "Grid.Beats", func(c *sim.Config) { c.Grid.Beats = 0 }},
		{"grid/neighborhood index", "Grid.Neighborhood[5]", func(c *sim.Config) { c.Grid.Neighborhood[5] = 9 }},
		{"grid/station", "Grid.Station", func(c *sim.Config) { c.Grid.Station = -1 }},
		{"grid/call weight", "Grid.CallWeight[0]", func(c *sim.Config) { c.Grid.CallWeight[0] = -1 }},
		{"travel/metric", "Travel.Metric", func(c *sim.Config) { c.Travel.Metric = 9 }},
		{"travel/speed", "Travel.Speed", func(c *sim.Config) { c.Travel.Speed = 0 }},
		{"travel/turnout", "Travel.Turnout", func(c *sim.Config) { c.Travel.Turnout = inf }},
		{"shifts/length", "Shifts[0].Length", func(c *sim.Config) { c.Shifts[0].Length = 0 }},
		{"shifts/officers", "Shifts[2].Officers", func(c *sim.Config) { c.Shifts[2].Officers = -1 }},
		{"patrol/kind", "Patrol.Kind", func(c *sim.Config) { c.Patrol.Kind = 99 }},
		{"patrol/dwell", "Patrol.Dwell", func(c *sim.Config) { c.Patrol.Dwell = nan }},
		{"patrol/visit", "Patrol.Visit", func(c *sim.Config) {
			c.Patrol.Kind = agents.PatrolHotspot
			c.Patrol.Visit = 0
		}},
		{"patrol/interval", "Patrol.Interval", func(c *sim.Config) { c.Patrol.Interval = -1 }},
		{"patrol/scope", "Patrol.Scope", func(c *sim.Config) { c.Patrol.Scope = 7 }},
		{"call types/priority", "CallTypes[0].Priority", func(c *sim.Config) { c.CallTypes[0].Priority = 4 }},
		{"call types/profile", "CallTypes[1].Profile", func(c *sim.Config) { c.CallTypes[1].Profile = [24]float64{} }},
		{"call types/rate", "CallTypes[1].PerDay", func(c *sim.Config) { c.CallTypes[1].PerDay = inf }},
		{"call types/dist kind", "CallTypes[2].Service.Kind", func(c *sim.Config) { c.CallTypes[2].Service.Kind = 7 }},
		{"call types/dist mean", "CallTypes[2].Report.Mean", func(c *sim.Config) { c.CallTypes[2].Report.Mean = -1 }},
		{"call types/lognormal", "CallTypes[0].Service.SD", func(c *sim.Config) {
			c.CallTypes[0].Service = sim.Dist{Kind: sim.LogNormal, Mean: 1e-200, SD: 1e200}
		}},
		{"call types/arrest", "CallTypes[0].Arrest", func(c *sim.Config) { c.CallTypes[0].Arrest = 2 }},
		{"crime/deterrence", "Crime.Deterrence", func(c *sim.Config) { c.Community.Crime.Deterrence = 5 }},
		{"crime/deterrence life", "Crime.DeterrenceLife", func(c *sim.Config) { c.Community.Crime.DeterrenceLife = 0 }},
		{"crime/residual deterrence", "Crime.ResidualDeterrence", func(c *sim.Config) { c.Community.Crime.ResidualDeterrence = nan }},
		{"crime/koper peak", "Crime.KoperPeak", func(c *sim.Config) { c.Community.Crime.KoperPeak = 0 }},
		{"crime/koper shape", "Crime.KoperShape", func(c *sim.Config) { c.Community.Crime.KoperShape = -1 }},
		{"crime/deterrence spread", "Crime.DeterrenceSpread", func(c *sim.Config) { c.Community.Crime.DeterrenceSpread = 1.5 }},
		{"crime/profile", "Crime.Profile", func(c *sim.Config) { c.Community.Crime.Profile = [24]float64{} }},
		{"crime/rate", "Crime.PerDay", func(c *sim.Config) { c.Community.Crime.PerDay = -60 }},
		{"crime/near repeat", "NearRepeatScale", func(c *sim.Config) { c.Community.Crime.Types[0].NearRepeatScale = 10 }},
		{"crime/discovery", "Crime.Discovery", func(c *sim.Config) { c.Community.Crime.Discovery = nan }},
		{"crime/presence ref", "Crime.PresenceRef = 0 with a presence elasticity", func(c *sim.Config) { c.Community.Crime.PresenceRef = 0 }},
		{"crime/presence floor", "Crime.PresenceFloor", func(c *sim.Config) { c.Community.Crime.PresenceFloor = inf }},
		{"crime/presence life", "Crime.PresenceLife", func(c *sim.Config) { c.Community.Crime.PresenceLife = -1 }},
		{"crime/presence elasticity", "Crime.Types[1].PresenceElasticity", func(c *sim.Config) { c.Community.Crime.Types[1].PresenceElasticity = nan }},
		{"crime/detention", "Crime.Detention", func(c *sim.Config) { c.Community.Crime.Detention = 1.5 }},
		{"crime/detention life", "Crime.DetentionLife = 0", func(c *sim.Config) { c.Community.Crime.DetentionLife = 0 }},
		{"crime/offender rate", "Crime.Types[2].OffenderRate", func(c *sim.Config) { c.Community.Crime.Types[2].OffenderRate = -3 }},
		{"crime/legitimacy", "Crime.Legitimacy", func(c *sim.Config) { c.Community.Crime.Legitimacy = -1 }},
		{"crime/hot spots", "Crime.HotspotTop", func(c *sim.Config) {
			c.Patrol.Kind = agents.PatrolHotspot
			c.Community.Crime.HotspotTop = 0
		}},
		{"crime/hot-spot window", "Crime.HotspotWindow", func(c *sim.Config) { c.Community.Crime.HotspotWindow = -1 }},
		{"crime/prior records", "Crime.PriorRecorded", func(c *sim.Config) {
			c.Community.Crime.PriorRecorded = c.Community.Crime.PriorRecorded[:2]
		}},
		{"crime types/call", "Crime.Types[0].Call", func(c *sim.Config) { c.Community.Crime.Types[0].Call = 999 }},
		{"crime types/share", "Crime.Types[1].Share", func(c *sim.Config) { c.Community.Crime.Types[1].Share = nan }},
		{"crime types/shares", "Crime.Types shares", func(c *sim.Config) { c.Community.Crime.Types[1].Share += 0.5 }},
		{"crime types/affinity", "Crime.Types[2].Affinity[commerce]", func(c *sim.Config) {
			c.Community.Crime.Types[2].Affinity[agents.Commerce] = -1
		}},
		{"crime types/report", "Crime.Types[0].Report", func(c *sim.Config) { c.Community.Crime.Types[0].Report = 1.5 }},
		{"crime types/clearance", "Crime.Types[3].Clearance", func(c *sim.Config) { c.Community.Crime.Types[3].Clearance = -0.1 }},
		{"crime types/business", "Crime.Types[1].Business", func(c *sim.Config) { c.Community.Crime.Types[1].Business = 1.5 }},
		{"crime types/business report", "Crime.Types[2].BusinessReport", func(c *sim.Config) { c.Community.Crime.Types[2].BusinessReport = nan }},
		{"land use/short", "Crime.LandUse[commerce]", func(c *sim.Config) {
			c.Community.Crime.LandUse[agents.Commerce] = c.Community.Crime.LandUse[agents.Commerce][:100]
		}},
		{"land use/weight", "Crime.LandUse[residential][0]", func(c *sim.Config) { c.Community.Crime.LandUse[agents.Residential][0] = nan }},
		{"residents/base trust", "Residents.BaseTrust", func(c *sim.Config) { c.Community.Residents.BaseTrust = nil }},
		{"residents/trust range", "Residents.BaseTrust[2]", func(c *sim.Config) { c.Community.Residents.BaseTrust[2] = 1.2 }},
		{"residents/count", "Residents.Count[0]", func(c *sim.Config) { c.Community.Residents.Count[0] = -5 }},
		{"residents/short counts", "Residents.Count has", func(c *sim.Config) { c.Community.Residents.Count = c.Community.Residents.Count[:3] }},
		{"residents/homeless", "Residents.Count[3]", func(c *sim.Config) {
			for i, h := range c.Grid.Neighborhood {
				if h == 3 {
					c.Grid.Neighborhood[i] = 2
				}
			}
		}},
		{"residents/group shares", "Residents.GroupShares[1]", func(c *sim.Config) { c.Community.Residents.GroupShares[1] = []float64{1} }},
		{"residents/group sum", "Residents.GroupShares[0] sums", func(c *sim.Config) { c.Community.Residents.GroupShares[0] = []float64{0.9, 0.9} }},
		{"residents/groups", "Residents.Groups", func(c *sim.Config) { c.Community.Residents.Groups = nil }},
		{"residents/ties", "Residents.Ties", func(c *sim.Config) { c.Community.Residents.Ties = -1 }},
		{"trust/positive", "Trust.Rules.Positive", func(c *sim.Config) { c.Community.Trust.Rules.Positive = -0.1 }},
		{"trust/cooperation", "Trust.Cooperation.Base", func(c *sim.Config) { c.Community.Trust.Cooperation.Base = 2 }},
		{"trust/slope", "Trust.ReportSlope", func(c *sim.Config) { c.Community.Trust.ReportSlope = nan }},
		{"trust/expected", "Trust.Expected[2]", func(c *sim.Config) { c.Community.Trust.Expected[2] = 0 }},
		{"trust/steepness", "Trust.Steepness", func(c *sim.Config) { c.Community.Trust.Steepness = -1 }},
		{"engagement/session", "Engagement.Session", func(c *sim.Config) {
			c.Community.Engagement.Share = 0.3
			c.Community.Engagement.Session = 0
		}},
		{"engagement/share", "Engagement.Share", func(c *sim.Config) { c.Community.Engagement.Share = 1.5 }},
		{"engagement/contacts", "Engagement.Contacts", func(c *sim.Config) { c.Community.Engagement.Contacts = -1 }},
		{"stops/rate", "Stops.PerHour", func(c *sim.Config) { c.Community.Stops.PerHour = -1 }},
		{"stops/procedural justice", "Stops.PJShare", func(c *sim.Config) { c.Community.Stops.PJShare = 2 }},
		{"stops/procedural justice contact", "Stops.PJContact", func(c *sim.Config) { c.Community.Stops.PJContact = -0.5 }},
		{"force/arrest", "Force.Arrest", func(c *sim.Config) { c.Force.Arrest = 1.1 }},
		{"force/subject trust", "Force.SubjectTrust", func(c *sim.Config) { c.Force.SubjectTrust = inf }},
		{"co-responders/eligible", "CoResponders.Eligible", func(c *sim.Config) { c.CoResponders.Eligible = c.CoResponders.Eligible[:3] }},
		{"co-responders/shift", "CoResponders.Shifts[0].Start", func(c *sim.Config) { c.CoResponders.Shifts[0].Start = sim.MinutesPerDay }},
		{"co-responders/service", "CoResponders.Service.Mean", func(c *sim.Config) { c.CoResponders.Service.Mean = nan }},
		{"co-responders/backup", "CoResponders.Backup", func(c *sim.Config) { c.CoResponders.Backup = -1 }},
		{"co-responders/eligible share", "CoResponders.Eligible[2]", func(c *sim.Config) { c.CoResponders.Eligible[2] = 1.5 }},
		{"co-responders/triage", "CoResponders.TriageOut", func(c *sim.Config) { c.CoResponders.TriageOut = nan }},
		{"co-responders/wait", "CoResponders.Wait", func(c *sim.Config) { c.CoResponders.Wait = -10 }},
		{"services/neighborhood", "Crime.Services[0].Hoods", func(c *sim.Config) {
			c.Community.Crime.Services = []sim.ServiceProgram{{Hoods: []int{0, 7}, Effect: 0.1}}
		}},
		{"services/effect", "Crime.Services[0].Effect", func(c *sim.Config) {
			c.Community.Crime.Services = []sim.ServiceProgram{{Hoods: []int{0}, Effect: 2}}
		}},
		{"costs/amount", "Costs[0].PerYear", func(c *sim.Config) { c.Costs[0].PerYear = -1 }},
		{"events/start", "Events[0].Start", func(c *sim.Config) { c.Events[0].Start = -60 }},
		{"surge/weights", "Events[0].SurgeWeight has", func(c *sim.Config) { c.Events[0].SurgeWeight = c.Events[0].SurgeWeight[:5] }},
		{"surge/no area", "Events[0].SurgeWeight sums", func(c *sim.Config) { clear(c.Events[0].SurgeWeight) }},
		{"surge/rate", "Events[0].SurgePerDay", func(c *sim.Config) { c.Events[0].SurgePerDay = nan }},
		{"aid/end", "Events[1].End", func(c *sim.Config) { c.Events[1].End = c.Events[1].Start }},
		{"aid/extra", "Events[1].Extra", func(c *sim.Config) { c.Events[1].Extra = -6 }},
		{"incident/neighborhood", "Events[2].Hood", func(c *sim.Config) { c.Events[2].Hood = 9 }},
		{"incident/severity", "Events[2].Severity", func(c *sim.Config) { c.Events[2].Severity = nan }},
		{"roster/posts", "Events[3].Officers has", func(c *sim.Config) { c.Events[3].Officers = c.Events[3].Officers[:1] }},
		{"roster/teams", "Events[4].Teams[0]", func(c *sim.Config) { c.Events[4].Teams[0] = -1 }},
		{"roster/costs", "Events[4].Costs[1].PerYear", func(c *sim.Config) { c.Events[4].Costs[1].PerYear = nan }},
		{"events/kind", "Events[2].Kind", func(c *sim.Config) { c.Events[2].Kind = 9 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := load(t, checkBaseline)
			if err := sim.Check(&cfg); err != nil {
				t.Fatalf("the baseline is invalid: %v", err)
			}
			tc.mutate(&cfg)
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("%s: sim.Run panicked: %v", tc.name, p)
				}
			}()
			_, err := sim.Run(cfg, 0)
			switch {
			case err == nil:
				t.Fatalf("%s: sim.Run ran a corrupt Config", tc.name)
			case !strings.Contains(err.Error(), tc.field):
				t.Errorf("%s: the error does not mention %s:\n%v", tc.name, tc.field, err)
			}
		})
	}
}

// TestCheckEveryProblem corrupts several parts at once: the error must
// name every one of them, not only the first.
func TestCheckEveryProblem(t *testing.T) {
	cfg := load(t, checkBaseline)
	cfg.Community.Crime.Deterrence = 5
	cfg.Community.Crime.Types[0].Call = 999
	cfg.Community.Residents.BaseTrust = nil
	cfg.Travel.Speed = -1
	err := sim.Check(&cfg)
	for _, field := range []string{"Crime.Deterrence", "Crime.Types[0].Call", "Residents.BaseTrust", "Travel.Speed"} {
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("the error does not mention %s:\n%v", field, err)
		}
	}
}

// TestCheckValid runs the check alone on every library scenario, every
// good fixture and a Latin hypercube of baseline variants over their
// main numeric keys (under every preset pattern and moving patrol
// strategy): all must pass.
func TestCheckValid(t *testing.T) {
	refs := scenarios.Names()
	fixtures, err := filepath.Glob("../testdata/scenarios/good/*.toml")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no good fixtures: %v", err)
	}
	for _, ref := range append(refs, fixtures...) {
		cfg := load(t, ref)
		if err := sim.Check(&cfg); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}

	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	patterns := []string{"8x3", "10x4", "12x2", "24x1"}
	strategies := []string{"beat", "hotspot", "random"}
	const points = 300
	for i, x := range scenarios.LatinHypercube(rand.New(rand.NewPCG(12, 0)), points, len(hypercube)) {
		s := *base
		s.Staffing.Pattern = patterns[i%len(patterns)]
		s.Patrol.Strategy = strategies[i%len(strategies)]
		for j, key := range hypercube {
			key.set(&s, key.lo+x[j]*(key.hi-key.lo))
		}
		if err := scenarios.Validate(&s); err != nil {
			t.Fatalf("hypercube point %d is not a valid scenario (a range is too wide): %v", i, err)
		}
		cfg := s.Config()
		if err := sim.Check(&cfg); err != nil {
			t.Errorf("hypercube point %d (%+v): %v", i, x, err)
		}
	}
}

// hypercube lists the baseline's main numeric keys, each with a range
// scenarios.Validate allows (all of it, or a plausible part where the
// keys constrain each other) and how to set it on a scenario.
var hypercube = []struct {
	lo, hi float64
	set    func(s *scenarios.Scenario, v float64)
}{
	{1, 1e6, func(s *scenarios.Scenario, v float64) { s.Seed = uint64(v) }},
	{1, 730, func(s *scenarios.Scenario, v float64) { s.Days = int(v) }},
	{0, 365, func(s *scenarios.Scenario, v float64) { s.WarmupDays = int(v) }},
	{1, 5000, func(s *scenarios.Scenario, v float64) { s.World.CellM = v }},
	{5, 200, func(s *scenarios.Scenario, v float64) { s.Travel.SpeedKMH = v }},
	{5, 200, func(s *scenarios.Scenario, v float64) { s.Travel.PatrolSpeedKMH = v }},
	{0, 60, func(s *scenarios.Scenario, v float64) { s.Travel.Turnout = minutes(v) }},
	{40, 2000, func(s *scenarios.Scenario, v float64) { s.Staffing.Headcount = int(v) }},
	{1200, 2400, func(s *scenarios.Scenario, v float64) { s.Staffing.AnnualHours = v }},
	{0, 480, func(s *scenarios.Scenario, v float64) { s.Patrol.Dwell = minutes(v) }},
	{1, 120, func(s *scenarios.Scenario, v float64) { s.Patrol.HotspotVisit = minutes(v) }},
	{0, 1440, func(s *scenarios.Scenario, v float64) { s.Patrol.HotspotInterval = minutes(v) }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Residents.TrustSD = v }},
	{0, 100, func(s *scenarios.Scenario, v float64) { s.Residents.Ties = int(v) }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Residents.LocalTies = v }},
	{0, 2000, func(s *scenarios.Scenario, v float64) { s.Crime.PerDay = v }},
	{0, 0.95, func(s *scenarios.Scenario, v float64) { s.Crime.NearRepeat = v }},
	{0.01, 365, func(s *scenarios.Scenario, v float64) { s.Crime.NearRepeatDays = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.NearRepeatSpread = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.Deterrence = v }},
	{1, 1440, func(s *scenarios.Scenario, v float64) { s.Crime.DeterrenceLife = minutes(v) }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.Residual = v }},
	{1, 120, func(s *scenarios.Scenario, v float64) { s.Crime.KoperPeak = minutes(v) }},
	{0, 20, func(s *scenarios.Scenario, v float64) { s.Crime.KoperShape = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.DeterrenceSpread = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.Discovery = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Crime.DiscoveryArrest = v }},
	{0, 365, func(s *scenarios.Scenario, v float64) { s.Crime.EvidenceDays = v }},
	{0, 20, func(s *scenarios.Scenario, v float64) { s.Crime.Legitimacy = v }},
	{1, 365, func(s *scenarios.Scenario, v float64) { s.Crime.HotspotDays = int(v) }},
	{1, 5000, func(s *scenarios.Scenario, v float64) { s.Crime.HotspotTop = int(v) }},
	{0, 10, func(s *scenarios.Scenario, v float64) { s.Crime.HotspotKernel = v }},
	{0, 20, func(s *scenarios.Scenario, v float64) { s.Crime.HotspotFocus = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Trust.Positive = v }},
	{0, 100, func(s *scenarios.Scenario, v float64) { s.Trust.Asymmetry = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Trust.Spread = v }},
	{1, 3650, func(s *scenarios.Scenario, v float64) { s.Trust.DriftHalfLifeDays = v }},
	{0, 20, func(s *scenarios.Scenario, v float64) { s.Trust.Slope = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Trust.Cooperation = v }},
	{0, 100, func(s *scenarios.Scenario, v float64) { s.Trust.CooperationClearance = v }},
	{1, 1440, func(s *scenarios.Scenario, v float64) { s.Trust.ExpectedResponse[0] = minutes(v) }},
	{1, 1440, func(s *scenarios.Scenario, v float64) { s.Trust.ExpectedResponse[2] = minutes(v) }},
	{0.5, 50, func(s *scenarios.Scenario, v float64) { s.Trust.SatisfactionSteepness = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) {
		setType(s, "theft", func(t *scenarios.CrimeType) { t.Business = v })
	}},
	{0, 1, func(s *scenarios.Scenario, v float64) {
		setType(s, "burglary", func(t *scenarios.CrimeType) { t.BusinessReporting = v })
	}},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Engagement.Intensity = v }},
	{1, 480, func(s *scenarios.Scenario, v float64) { s.Engagement.Session = minutes(v) }},
	{0, 1000, func(s *scenarios.Scenario, v float64) { s.Engagement.Contacts = int(v) }},
	{0, 60, func(s *scenarios.Scenario, v float64) { s.Engagement.Delay = minutes(v) }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Engagement.ProblemSolving = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Engagement.ProblemFloor = v }},
	{0, 60, func(s *scenarios.Scenario, v float64) { s.Stops.PerHour = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Stops.HitRate = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Stops.ProceduralJustice = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Stops.PJContact = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Force.Arrest = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Force.Stop = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Force.Complaint = v }},
	{0, 100, func(s *scenarios.Scenario, v float64) { s.Force.SubjectTrust = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Training.Deescalation = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Training.Effect = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.Accountability.Cameras = v }},
	{0, 1, func(s *scenarios.Scenario, v float64) { s.CoResponders.Backup = v }},
}

// minutes returns m minutes as a scenario duration, to the second as a
// scenario file writes it.
func minutes(m float64) scenarios.Duration {
	return scenarios.Duration{Duration: time.Duration(math.Round(m*60)) * time.Second}
}

// setType changes offense type name of s through f, on a copy of the
// types so that the base scenario's map is not touched.
func setType(s *scenarios.Scenario, name string, f func(*scenarios.CrimeType)) {
	types := maps.Clone(s.Crime.Types)
	t := types[name]
	f(&t)
	types[name] = t
	s.Crime.Types = types
}
