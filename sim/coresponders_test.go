package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestCoResponders: teams take most mental-health calls, so police use
// force on fewer of them, and officers have more free time; backups stay
// rare; every event of the runs keeps the engine's invariants.
func TestCoResponders(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	base := runs(t, 4, "baseline", "days=60")
	co := runs(t, 4, goodDir+"coresponders.toml", "days=60")
	fb, fc := sum(base, typeForce("mental_health")), sum(co, typeForce("mental_health"))
	hb, hc := sum(base, freeHours), sum(co, freeHours)
	calls := sum(co, func(r *sim.Result) float64 { return float64(r.CoResponders.Calls) })
	backups := sum(co, func(r *sim.Result) float64 { return float64(r.CoResponders.Backups) })
	freed := sum(co, func(r *sim.Result) float64 { return r.CoResponders.OfficerHoursFreed })
	t.Logf("mental-health force %v -> %v; officer free hours %.0f -> %.0f; team calls %v, backups %v (%.2f%%), officer hours freed %.0f",
		fb, fc, hb, hc, calls, backups, 100*backups/calls, freed)
	if !(fc < 0.5*fb) {
		t.Errorf("use of force on mental-health calls %v with teams, %v without: want under half", fc, fb)
	}
	if !(hc > hb+0.5*freed) {
		t.Errorf("officer free hours %.0f with teams, %.0f without (%.0f freed): want most of the freed hours back", hc, hb, freed)
	}
	if !(backups/calls < 0.01) {
		t.Errorf("backups %v of %v team calls: want under 1 %%", backups, calls)
	}
}
