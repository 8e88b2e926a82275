package scenarios_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

// TestBudgetRecordsPurchase: a budget scenario's resolved scenario (what
// scenario.toml and run.json hold) records the officers and teams the
// budget buys, not its parent's, and the record resolves to the same
// engine configuration.
func TestBudgetRecordsPurchase(t *testing.T) {
	for _, tc := range []struct {
		name      string
		headcount int
		teams     int
		bought    string
	}{
		{"funding-shift-10", 90, 1, "90 officers, 1 co-responder team on duty in each of 1 team shift, social services of USD 600,000 a year"},
		{"funding-shift-25", 75, 3, "75 officers, 3 co-responder teams"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := scenarios.Load(tc.name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Staffing.Headcount != tc.headcount || s.CoResponders.Shifts[0].Teams != tc.teams {
				t.Errorf("resolved staffing.headcount %d, teams %d; want %d and %d, what the budget buys",
					s.Staffing.Headcount, s.CoResponders.Shifts[0].Teams, tc.headcount, tc.teams)
			}
			if b := s.Bought(); !strings.HasPrefix(b, tc.bought) {
				t.Errorf("Bought() = %q, want it to start %q", b, tc.bought)
			}
			again, err := scenarios.Parse("resolved.toml", s.TOML(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(again.Config(), s.Config()) {
				t.Error("the recorded scenario builds another configuration")
			}
		})
	}
	if s, _ := scenarios.Load("baseline", nil); s.Bought() != "" {
		t.Errorf("baseline has no budget, Bought() = %q", s.Bought())
	}
}
