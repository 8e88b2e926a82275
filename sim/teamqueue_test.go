package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// teamConfig is testConfig with co-responder teams: teams around the
// clock, urgent calls eligible in full and routine calls in half, a
// team-only type of public assists, calls waiting wait minutes for a team.
func teamConfig(teams int, wait float64) Config {
	cfg := testConfig(4, agents.PatrolBeat, false)
	assist := cfg.CallTypes[2]
	assist.Name, assist.PerDay, assist.TeamOnly = "assist", 8, true
	cfg.CallTypes = append(cfg.CallTypes, assist)
	cfg.CoResponders = CoResponders{
		Shifts:   []Shift{{"all", 0, MinutesPerDay, teams}, {"day", 600, 480, teams}},
		Eligible: []float64{0, 1, 0.5, 0},
		Wait:     wait, TriageOut: 0.1, Backup: 0.02,
		Service: Dist{LogNormal, 40, 25}, Report: Dist{Exponential, 5, 0},
	}
	return cfg
}

// checkTeams is checkState plus the team queue's invariants: every call
// in it waits for a team and has no unit; none waits while a team on
// duty is free.
func checkTeams(e *engine) string {
	if msg := checkState(e); msg != "" {
		return msg
	}
	waiting := 0
	for id := range e.calls {
		if e.calls[id].teamWait {
			waiting++
		}
	}
	if waiting != len(e.teamQueue) {
		return fmt.Sprintf("%d calls wait for a team, the team queue holds %d", waiting, len(e.teamQueue))
	}
	for _, id := range e.teamQueue {
		if c := &e.calls[id]; c.unit != -1 || c.team || c.inQueue || c.dispatch >= 0 {
			return fmt.Sprintf("call %d waits for a team but has unit %d, team %v, in the police queue %v, dispatched at %v", id, c.unit, c.team, c.inQueue, c.dispatch)
		}
	}
	if len(e.teamQueue) > 0 {
		for i := range e.teams {
			if t := &e.teams[i]; t.OnDuty && !t.Busy {
				return fmt.Sprintf("team %d is free while %d calls wait for a team", t.ID, len(e.teamQueue))
			}
		}
	}
	return ""
}

// TestTeamQueue runs the team queue through every event with one team
// (often busy) and three: its invariants hold, calls go to police after
// waiting, team-only calls are referred, and a longer wait gives the
// teams more calls.
func TestTeamQueue(t *testing.T) {
	var prev int
	for _, tc := range []struct {
		teams int
		wait  float64
	}{{1, 0}, {1, 20}, {1, 60}, {3, 20}} {
		cfg := teamConfig(tc.teams, tc.wait)
		res, _ := runChecked(t, &cfg, 0, checkTeams)
		co := res.CoResponders
		t.Logf("%d teams, wait %v: %d team calls (%d team-only), %d triaged out, %d to police (%d after waiting), %d referred",
			tc.teams, tc.wait, co.Calls, co.TeamOnlyCalls, co.TriagedOut, co.ToPolice, co.ToPoliceAfterWait, co.Referred)
		if co.Calls == 0 || co.TeamOnlyCalls == 0 || co.TriagedOut == 0 || (tc.wait == 0) != (co.ToPoliceAfterWait == 0) {
			t.Errorf("%d teams, wait %v: want team calls, team-only calls, triage, and calls to police after a wait only with a wait", tc.teams, tc.wait)
		}
		if tc.teams == 1 {
			if co.Referred == 0 || co.Calls <= prev {
				t.Errorf("one team, wait %v: %d referred, %d team calls after %d at a shorter wait: want referrals and more team calls", tc.wait, co.Referred, co.Calls, prev)
			}
			prev = co.Calls
		}
	}
}

// TestWaitInResponse: with the one team held by a call that never ends,
// every other eligible urgent call waits the full wait for it and then
// goes to police, so the P2 mean response grows by about the wait.
func TestWaitInResponse(t *testing.T) {
	const wait = 30
	p2 := func(w float64) float64 {
		cfg := teamConfig(1, w)
		cfg.CoResponders.Shifts = cfg.CoResponders.Shifts[:1]
		cfg.CoResponders.Eligible = []float64{0, 1, 0, 0}
		cfg.CoResponders.TriageOut = 0
		cfg.CoResponders.Service = Dist{Exponential, 1e9, 0}
		res, _ := runChecked(t, &cfg, 0, checkTeams)
		if co := res.CoResponders; co.Calls > 1 {
			t.Fatalf("the team took %d calls, want at most the one that holds it", co.Calls)
		}
		return *res.ByPriority[1].Response.Mean
	}
	at0, atW := p2(0), p2(wait)
	t.Logf("P2 mean response %.2f min with no wait, %.2f with a %d-minute wait", at0, atW, wait)
	if d := atW - at0; math.Abs(d-wait) > 3 {
		t.Errorf("P2 mean response %.2f -> %.2f (%+.2f): want about +%d, the wait", at0, atW, d, wait)
	}
}
