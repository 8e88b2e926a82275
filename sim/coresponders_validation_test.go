//go:build validation

package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestEugeneLike is row 16 of docs/VALIDATION.md: on coresponder-eugene
// (one team around the clock and one from 11:00 to 18:00, Eugene's van
// hours) the teams take 13-19 % of all calls and ask police for backup at
// 0.5-1.5 % of their calls, over ten replicates. It also logs the share
// of police-type calls diverted to teams (Eugene: 3-8 %; the scenario has
// no team-only demand, so it equals the team share: see the row).
func TestEugeneLike(t *testing.T) {
	rn := runScenario(t, "coresponder-eugene", validationReps)
	var share, backups, diverted []float64
	for _, r := range rn.results {
		co := r.CoResponders
		share = append(share, *co.Share)
		backups = append(backups, float64(co.Backups)/float64(co.Calls))
		diverted = append(diverted, float64(co.Calls-co.TeamOnlyCalls)/float64(r.Calls-teamOnlyReceived(&rn.cfg, r)))
	}
	for _, row := range []struct {
		name   string
		xs     []float64
		lo, hi float64
	}{
		{"16 team share of calls", share, 0.13, 0.19},
		{"16 backups per team call", backups, 0.005, 0.015},
	} {
		m, h := meanHalfWidth(row.xs)
		t.Logf("%-46s %10.4g ± %-8.2g [%g, %g]", row.name, m, h, row.lo, row.hi)
		if !(m >= row.lo && m <= row.hi) {
			t.Errorf("%s: mean %.4g ± %.2g over %d replicates, outside [%g, %g]", row.name, m, h, len(row.xs), row.lo, row.hi)
		}
	}
	m, h := meanHalfWidth(diverted)
	t.Logf("%-46s %10.4g ± %-8.2g (Eugene 0.03-0.08; not checked)", "16 police-type calls diverted to teams", m, h)
}

// teamOnlyReceived counts the calls of team-only types a run received.
func teamOnlyReceived(cfg *sim.Config, r *sim.Result) int {
	n := 0
	for i, tc := range r.CallsByType {
		if cfg.CallTypes[i].TeamOnly {
			n += tc.Calls
		}
	}
	return n
}
