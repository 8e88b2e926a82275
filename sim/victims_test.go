package sim

import (
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestBusinessVictims runs the small community with one offense type
// whose land uses and business share vary: a type that draws only on
// commerce and has business share 1 never has a resident victim, so it
// never makes a victim contact; a type that draws only on homes never has
// a business victim; half-residential cells give business share x 1/2.
func TestBusinessVictims(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		residential, commerce float64 // the type's affinities (every cell has both land uses at 1)
		business              float64
		want                  float64 // expected share of business victims
	}{
		{"shop theft", 0, 1, 1, 1},
		{"homes only", 1, 0, 1, 0},
		{"half and half", 1, 1, 1, 0.5},
		{"mixed, business 0.6", 1, 3, 0.6, 0.6 * 3 / 4},
		{"no business share", 0, 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(6, agents.PatrolBeat, false)
			withCommunity(&cfg, agents.PatrolBeat, 0)
			cr := &cfg.Community.Crime
			for i := range cr.LandUse[agents.Commerce] {
				cr.LandUse[agents.Commerce][i] = 1
				cr.LandUse[agents.Nightlife][i] = 0
			}
			ct := cr.Types[0]
			ct.Name, ct.Share, ct.Business, ct.BusinessReport = "shop", 1, tc.business, 0.7 // not a burglary: no Knox table to compute
			ct.Affinity = [agents.NumLandUse]float64{}
			ct.Affinity[agents.Residential], ct.Affinity[agents.Commerce] = tc.residential, tc.commerce
			cr.Types = []CrimeType{ct}
			cfg.Community.Stops.PerHour = 0
			res, _ := runChecked(t, &cfg, 0, func(*engine) string { return "" })
			c := res.Community
			checkCommunityResult(t, &cfg, c)
			bt := c.ByType[0]
			if bt.ResidentVictims+bt.BusinessVictims != bt.True {
				t.Fatalf("%d offenses, %d against residents and %d against businesses", bt.True, bt.ResidentVictims, bt.BusinessVictims)
			}
			n := float64(bt.True)
			got := float64(bt.BusinessVictims) / n
			if sd := math.Sqrt(tc.want * (1 - tc.want) / n); math.Abs(got-tc.want) > 4*sd+1e-12 {
				t.Errorf("business victims %.4f of %d offenses, want %.4f (4 SD %.4f)", got, bt.True, tc.want, 4*sd)
			}
			contacts := c.Contacts.Satisfied + c.Contacts.Dissatisfied
			t.Logf("%d offenses: %d against businesses (%d reported), %d victim contacts", bt.True, bt.BusinessVictims, bt.BusinessReported, contacts)
			if tc.want == 1 && (bt.ResidentVictims != 0 || contacts != 0) {
				t.Errorf("business-only type: %d resident victims, %d victim contacts", bt.ResidentVictims, contacts)
			}
			if tc.want < 1 && contacts == 0 {
				t.Error("resident victims but no victim contact")
			}
			if bt.BusinessVictims > 100 {
				p := float64(bt.BusinessReported) / float64(bt.BusinessVictims)
				// Reports exclude offenses discovered first by a dwelling officer.
				if sd := math.Sqrt(0.7 * 0.3 / float64(bt.BusinessVictims)); p > 0.7+4*sd || p < 0.5 {
					t.Errorf("businesses reported %.3f of their offenses, want at most 0.7 and near it", p)
				}
			}
		})
	}
}

// TestSatisfaction checks the satisfaction curve against its formula,
// computed here: half satisfied at the expected time, 1 / (1 + 2^s) at
// twice it, 1 at no wait, and falling with the response.
func TestSatisfaction(t *testing.T) {
	for _, tc := range []struct {
		r, e, s, want float64
	}{
		{10, 10, 4, 0.5},
		{60, 60, 0.5, 0.5},
		{20, 10, 4, 1 / (1 + math.Pow(2, 4))},
		{5, 10, 4, 1 / (1 + math.Pow(0.5, 4))},
		{0, 10, 4, 1},
		{30, 20, 50, 1 / (1 + math.Pow(1.5, 50))},
	} {
		if got := satisfaction(tc.r, tc.e, tc.s); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("satisfaction(%v, %v, %v) = %v, want %v", tc.r, tc.e, tc.s, got, tc.want)
		}
	}
	if got := satisfaction(20, 10, 4); math.Abs(got-1.0/17) > 1e-12 {
		t.Errorf("R = 2E, s = 4: %v, want 1/17", got)
	}
	prev := 1.0
	for r := 1.0; r < 300; r *= 1.5 {
		p := satisfaction(r, 20, 4)
		if !(p < prev) {
			t.Fatalf("satisfaction does not fall: %v at %v min after %v", p, r, prev)
		}
		prev = p
	}
}
