package sim

import (
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestBeatCoverage checks that beat patrol covers every beat about
// equally when a shift's officers do not divide evenly among the beats
// (fewer officers than beats included, and a round-the-clock shift whose
// officers never go off): the presence hours per beat, over the run, are
// within 15 % of each other.
func TestBeatCoverage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		posts  int
		shifts []Shift // nil: testConfig's three 8-hour shifts
	}{
		{"6 posts on 4 beats", 6, nil},
		{"3 posts on 4 beats", 3, nil},
		{"5 posts on 4 beats", 5, nil},
		{"24 h shift of 5 posts", 5, []Shift{{"all", 0, MinutesPerDay, 5}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(tc.posts, agents.PatrolBeat, false)
			if tc.shifts != nil {
				cfg.Shifts = tc.shifts
			}
			withCommunity(&cfg, agents.PatrolBeat, 0)
			for i := range cfg.CallTypes {
				cfg.CallTypes[i].PerDay /= 4 // leave the few officers free time to patrol
			}
			cfg.Days = 30
			res, err := Run(cfg, 0)
			if err != nil {
				t.Fatal(err)
			}
			hours := make([]float64, cfg.Grid.Beats)
			for c, h := range res.Community.Cells.PresenceHours {
				hours[cfg.Grid.Beat[c]] += h
			}
			lo, hi := slices.Min(hours), slices.Max(hours)
			if lo <= 0 || hi/lo > 1.15 {
				t.Errorf("presence hours per beat %.0f: the most covered beat has %.2f times the least covered one's, want at most 1.15", hours, hi/max(lo, 1e-9))
			}
		})
	}
}
