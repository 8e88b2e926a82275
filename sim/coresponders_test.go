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

// co returns a run's co-responder statistics, failing the test without.
func co(t *testing.T, r *sim.Result) *sim.CoResponderStats {
	t.Helper()
	if r.CoResponders == nil {
		t.Fatal("no co-responder statistics")
	}
	return r.CoResponders
}

// TestTriageOut: when the dispatcher triages out every eligible call,
// teams take none and police take them all; with no triage nothing is
// triaged out; the default share lies between, near triage_out.
func TestTriageOut(t *testing.T) {
	for _, tc := range []struct {
		share  string
		lo, hi float64 // of triaged_out / (triaged_out + team calls + to_police)
	}{{"0", 0, 0}, {"0.05", 0.03, 0.07}, {"1", 1, 1}} {
		r := runs(t, 1, "coresponder-eugene", "days=30", "coresponders.triage_out="+tc.share)[0]
		c := co(t, r)
		eligible := c.TriagedOut + c.Calls + c.ToPolice
		got := float64(c.TriagedOut) / float64(eligible)
		t.Logf("triage_out %s: %d eligible calls, %d triaged out, %d to teams, %d to police", tc.share, eligible, c.TriagedOut, c.Calls, c.ToPolice)
		if !(got >= tc.lo && got <= tc.hi) || eligible < 500 {
			t.Errorf("triage_out %s: %d of %d eligible calls triaged out (%.3f), want a share in [%g, %g] of many", tc.share, c.TriagedOut, eligible, got, tc.lo, tc.hi)
		}
		if tc.share == "1" && (c.Calls != 0 || c.ToPolice != 0) {
			t.Errorf("triage_out 1: teams took %d calls, %d went to police for want of a team: want none", c.Calls, c.ToPolice)
		}
	}
}

// TestTeamWait: the longer an eligible call may wait for a free team, the
// larger the teams' share of calls, the fewer eligible calls go to police
// after all, and the longer the P2 response (those that do go to police
// waited first). With no wait none goes to police after waiting.
func TestTeamWait(t *testing.T) {
	var share, toPolice, p2 []float64
	for _, w := range []string{"0s", "10m", "60m"} {
		rs := runs(t, 2, "coresponder-eugene", "days=60", "coresponders.wait="+w)
		share = append(share, mean(rs, func(r *sim.Result) float64 { return *co(t, r).Share }))
		toPolice = append(toPolice, mean(rs, func(r *sim.Result) float64 { return float64(co(t, r).ToPolice) }))
		p2 = append(p2, mean(rs, func(r *sim.Result) float64 { return *r.ByPriority[1].Response.Mean }))
		after := sum(rs, func(r *sim.Result) float64 { return float64(co(t, r).ToPoliceAfterWait) })
		t.Logf("wait %s: team share %.4f, to police %.0f (after waiting %.0f), P2 mean %.2f min", w, share[len(share)-1], toPolice[len(toPolice)-1], after/2, p2[len(p2)-1])
		if (w == "0s") != (after == 0) {
			t.Errorf("wait %s: %.0f calls went to police after waiting for a team", w, after)
		}
	}
	for i := 1; i < len(share); i++ {
		if !(share[i] > share[i-1]) || !(toPolice[i] < toPolice[i-1]) || !(p2[i] > p2[i-1]) {
			t.Errorf("a longer wait: team share %.4f -> %.4f, to police %.0f -> %.0f, P2 mean %.2f -> %.2f; want more, fewer, longer",
				share[i-1], share[i], toPolice[i-1], toPolice[i], p2[i-1], p2[i])
		}
	}
}

// TestTeamOnly: calls of a type police do not take (police = false) are
// served by teams or referred; police come only as a team's backup; with
// no teams at all every one of them is referred.
func TestTeamOnly(t *testing.T) {
	const typ = "welfare_check"
	police := func(r *sim.Result) int {
		for _, bt := range r.Force.ByType {
			if bt.Type == typ {
				return bt.Responses
			}
		}
		return 0
	}
	calls := func(r *sim.Result) int {
		for _, tc := range r.CallsByType {
			if tc.Type == typ {
				return tc.Calls
			}
		}
		return 0
	}
	with := runs(t, 1, "coresponder-eugene", "days=30", "calls.types."+typ+".police=false")[0]
	c := co(t, with)
	t.Logf("with teams: %d %s calls, %d team-only team calls, %d referred; police scenes %d, backups %d", calls(with), typ, c.TeamOnlyCalls, c.Referred, police(with), c.Backups)
	if police(with) > c.Backups || c.TeamOnlyCalls == 0 || c.Referred == 0 || c.TeamOnlyCalls+c.Referred > calls(with) {
		t.Errorf("with teams: police finished %d %s scenes (%d backups), teams took %d, %d referred, of %d calls: want police only as backup, some of each",
			police(with), typ, c.Backups, c.TeamOnlyCalls, c.Referred, calls(with))
	}
	if c.OfficerHoursFreed >= runs(t, 1, "coresponder-eugene", "days=30")[0].CoResponders.OfficerHoursFreed {
		t.Errorf("team-only calls counted as officer hours freed (%.0f h)", c.OfficerHoursFreed)
	}
	none := runs(t, 1, "baseline", "days=30", "calls.types."+typ+".police=false")[0]
	nc := co(t, none)
	if nc.Referred != calls(none) || nc.Calls != 0 || police(none) != 0 {
		t.Errorf("no teams: %d of %d %s calls referred, %d team calls, %d police scenes: want all referred", nc.Referred, calls(none), typ, nc.Calls, police(none))
	}
}
