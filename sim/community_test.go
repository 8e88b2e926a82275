package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// withCommunity adds a small community to a testConfig: 800 residents in
// two neighborhoods, three offense types, stops and engagement.
func withCommunity(cfg *Config, patrol agents.PatrolKind, engage float64) {
	cfg.Patrol.Kind = patrol
	n := cfg.Grid.Cells()
	cr := Crime{PerDay: 30, NearRepeat: 0.3, NearRepeatLife: 7 * MinutesPerDay, NearRepeatSpread: 0.5,
		Deterrence: 0.5, DeterrenceLife: 30, ResidualDeterrence: 0.5, KoperPeak: 13, KoperShape: 2, DeterrenceSpread: 0.3, Discovery: 0.5, DiscoveryArrest: 0.5, EvidenceLife: 20 * MinutesPerDay,
		Legitimacy: 1, HotspotWindow: 14, HotspotTop: 8, PriorRecorded: []int{5, 3}}
	for h := range cr.Profile {
		cr.Profile[h] = 1
	}
	for l := range cr.LandUse {
		cr.LandUse[l] = make([]float64, n)
	}
	for i := range n {
		cr.LandUse[agents.Residential][i] = 1
		if i%16 < 3 && i/16 < 3 {
			cr.LandUse[agents.Nightlife][i] = 5
		}
	}
	flat := cfg.CallTypes[0].Profile
	for i, t := range []CrimeType{
		{Name: "burglary", Share: 0.4, Report: 0.5, ReportDelay: 30, Clearance: 0.2, NearRepeatScale: 1},
		{Name: "assault", Share: 0.3, Violent: true, Report: 0.45, ReportDelay: 2, Clearance: 0.5, NearRepeatScale: 0.5},
		{Name: "drugs", Share: 0.3, Victimless: true, Clearance: 1},
	} {
		t.Affinity[agents.Residential] = 1
		if i == 1 {
			t.Affinity[agents.Nightlife] = 4
		}
		t.Call = len(cfg.CallTypes)
		cr.Types = append(cr.Types, t)
		cfg.CallTypes = append(cfg.CallTypes, CallType{Name: t.Name, Priority: P1 + Priority(i%3), Profile: flat,
			Service: Dist{LogNormal, 40, 20}, Report: Dist{Exponential, 20, 0}})
	}
	cfg.Community = Community{
		Crime: cr,
		Residents: Residents{Count: []int{500, 300}, Groups: []string{"a", "b"},
			GroupShares: [][]float64{{0.8, 0.2}, {0.3, 0.7}}, BaseTrust: []float64{0.6, 0.45}, TrustSD: 0.2, Ties: 3, LocalTies: 0.8},
		Trust: Trust{Rules: agents.TrustRules{Positive: 0.05, Asymmetry: 5, Spread: 0.3, DailyPull: 0.01},
			ReportSlope: 3, Cooperation: agents.Likelihood{Base: 0.5, Slope: 3}, CoopClearance: 1, Expected: [3]float64{10, 20, 60}, Steepness: 4},
		Engagement: Engagement{Share: engage, Session: 40, Contacts: 5, Delay: 5, ProblemCut: 0.05, ProblemFloor: 0.5},
		Stops:      Stops{PerHour: 1, HitRate: 0.3, PJShare: 0.3},
	}
}

// checkCommunity returns the first broken invariant of the community
// state, or "": trust in [0, 1], dwells only by free officers, recorded
// offenses that happened.
func checkCommunity(e *engine) string {
	m := e.com
	for i, t := range m.pop.Trusts() {
		if !(t >= 0 && t <= 1) {
			return fmt.Sprintf("resident %d has trust %v", i, t)
		}
	}
	for i := range e.officers {
		o := &e.officers[i]
		if o.Present >= 0 && !o.State.Free() && (o.State != agents.SelfInit || o.Activity != actDirected) {
			return fmt.Sprintf("officer %d dwells at cell %d while %v", o.ID, o.Present, o.State)
		}
	}
	for i := range e.cfg.Grid.Cells() {
		if w := m.rate(i); !(w >= 0) {
			return fmt.Sprintf("cell %d has offense rate %v", i, w)
		}
	}
	return ""
}

func TestCommunityInvariants(t *testing.T) {
	for _, tc := range []struct {
		name   string
		posts  int
		patrol agents.PatrolKind
		engage float64
		area   bool // area deterrence and incapacitation on
	}{
		{"beat", 6, agents.PatrolBeat, 0, false},
		{"hotspot", 6, agents.PatrolHotspot, 0, false},
		{"engaged", 6, agents.PatrolRandom, 0.4, false},
		{"overloaded/hotspot/engaged", 2, agents.PatrolHotspot, 0.5, false},
		{"hotspot/area", 6, agents.PatrolHotspot, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(tc.posts, agents.PatrolBeat, false)
			withCommunity(&cfg, tc.patrol, tc.engage)
			if tc.area {
				withArea(&cfg)
			}
			res, e := runChecked(t, &cfg, 1, func(e *engine) string {
				if msg := checkState(e); msg != "" {
					return msg
				}
				if msg := checkArea(e); msg != "" {
					return msg
				}
				return checkCommunity(e)
			})
			checkResult(t, &cfg, res)
			checkCommunityResult(t, &cfg, res.Community)
			for i, o := range e.com.offenses {
				if o.recorded && o.t > e.now {
					t.Fatalf("offense %d recorded before it happened", i)
				}
			}
			if tc.posts > 2 && res.Community.Stops == 0 {
				t.Error("no stops although officers had free time")
			}
			if tc.engage > 0 && tc.posts > 2 {
				if got := res.Community.Engagement.FreeShare; math.Abs(got-tc.engage) > 0.05 {
					t.Errorf("engagement share of free time %.3f, want %.2f", got, tc.engage)
				}
			}
		})
	}
}

// checkCommunityResult checks the community books: no negative counts,
// recorded within true type by type and neighborhood by neighborhood,
// shares in [0, 1], per-cell totals that add up.
func checkCommunityResult(t *testing.T, cfg *Config, c *CommunityResult) {
	t.Helper()
	if c == nil {
		t.Fatal("no community result")
	}
	if c.True <= 0 || c.Recorded <= 0 {
		t.Errorf("nothing happened: true %d, recorded %d", c.True, c.Recorded)
	}
	for _, tc := range c.ByType {
		if tc.Recorded > tc.True || tc.Reported > tc.Recorded || tc.Arrests > tc.Recorded || tc.Reported < 0 {
			t.Errorf("%s: true %d, reported %d, recorded %d, arrests %d", tc.Type, tc.True, tc.Reported, tc.Recorded, tc.Arrests)
		}
		if tc.ResidentVictims+tc.BusinessVictims > tc.True || tc.BusinessReported > tc.BusinessVictims || tc.BusinessReported > tc.Reported {
			t.Errorf("%s: true %d, resident victims %d, business victims %d, reported %d by businesses of %d", tc.Type, tc.True,
				tc.ResidentVictims, tc.BusinessVictims, tc.BusinessReported, tc.Reported)
		}
	}
	for _, h := range c.Neighborhoods {
		if h.Recorded > h.True || h.Reported > h.Recorded || h.Stops < 0 || h.TrustEnd < 0 || h.TrustEnd > 1 {
			t.Errorf("%s: true %d, reported %d, recorded %d, stops %d, trust %v", h.Name, h.True, h.Reported, h.Recorded, h.Stops, h.TrustEnd)
		}
	}
	if v := c.RecordedVia; v.Report+v.Patrol+v.Stop != c.Recorded || v.Report != c.Reported {
		t.Errorf("recorded %d, reported %d, via %+v", c.Recorded, c.Reported, v)
	}
	sum := func(xs []int) int {
		n := 0
		for _, x := range xs {
			if x < 0 {
				t.Errorf("negative cell count %d", x)
			}
			n += x
		}
		return n
	}
	if sum(c.Cells.True) != c.True || sum(c.Cells.Stops) != c.Stops {
		t.Errorf("cells hold %d offenses and %d stops, totals %d and %d", sum(c.Cells.True), sum(c.Cells.Stops), c.True, c.Stops)
	}
	for _, p := range []*float64{c.Clearance, c.ReportingRate, c.ViolentReporting, c.PropertyReporting, c.NearRepeatShare} {
		if p != nil && !(*p >= 0 && *p <= 1) {
			t.Errorf("a share is %v", *p)
		}
	}
	if !(c.MeanTrust >= 0 && c.MeanTrust <= 1) {
		t.Errorf("mean trust %v", c.MeanTrust)
	}
}

// TestProblemSolvingToZero drives every cell's attractiveness to zero
// through problem solving: offending must stop, not crash the sampler.
func TestProblemSolvingToZero(t *testing.T) {
	cfg := testConfig(6, agents.PatrolBeat, false)
	withCommunity(&cfg, agents.PatrolBeat, 1)
	cfg.Community.Engagement.ProblemCut, cfg.Community.Engagement.ProblemFloor = 1, 0
	cfg.Community.Crime.NearRepeat = 0
	res, err := Run(cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Community.Engagement.StaticRemaining != 0 {
		t.Errorf("static attractiveness left %v, want 0", res.Community.Engagement.StaticRemaining)
	}
}
