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

// TestBackupsAreNotCalls: a team's request for police backup is police
// work, not a new call for service. Asking for backup at half the team
// calls leaves the non-crime calls (by type, which fixes their priority)
// as they are, and the backups are counted apart, with their own
// response time.
func TestBackupsAreNotCalls(t *testing.T) {
	none := runs(t, 1, "coresponder-full", "days=20", "coresponders.backup=0")[0]
	half := runs(t, 1, "coresponder-full", "days=20", "coresponders.backup=0.5")[0]
	cfg := load(t, "coresponder-full", "days=20")
	crime := map[string]bool{}
	for _, ct := range cfg.Community.Crime.Types {
		crime[cfg.CallTypes[ct.Call].Name] = true
	}
	for i, tc := range none.CallsByType {
		if !crime[tc.Type] && half.CallsByType[i].Calls != tc.Calls {
			t.Errorf("%s calls: %d with no backups, %d with backup at half the team calls", tc.Type, tc.Calls, half.CallsByType[i].Calls)
		}
	}
	if b := half.CoResponders.Backups; b < 100 || half.CoResponders.BackupResponse.N == 0 {
		t.Errorf("backups %d, of them answered %d: want many, answered", b, half.CoResponders.BackupResponse.N)
	}
	if none.CoResponders.Backups != 0 || none.CoResponders.BackupResponse.N != 0 {
		t.Errorf("backup probability 0: %d backups", none.CoResponders.Backups)
	}
	if d := half.Calls - none.Calls; abs(d) > half.CoResponders.Backups/4 {
		t.Errorf("calls %d -> %d with %d backups: the backups are counted as calls", none.Calls, half.Calls, half.CoResponders.Backups)
	}
}
