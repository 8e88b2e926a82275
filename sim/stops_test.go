package sim

import (
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestPJStopContact ends one long dwell of a trained officer, with force
// and hits switched off so that a stop can move trust only through its
// contact: with stops.pj_contact = 0 (the rule before issue 16) the stops
// leave every resident's trust as it was; with 0.5 they raise the sum.
func TestPJStopContact(t *testing.T) {
	for _, tc := range []struct {
		name    string
		contact float64
		rise    bool
	}{
		{"no contact", 0, false},
		{"half a positive contact", 0.5, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(2, agents.PatrolBeat, false)
			withCommunity(&cfg, agents.PatrolBeat, 0)
			cfg.Community.Stops = Stops{PerHour: 30, PJShare: 1, PJContact: tc.contact}
			cfg.Force.Stop = 0
			if err := cfg.check(); err != nil {
				t.Fatal(err)
			}
			e := newEngine(&cfg, 0)
			o := &e.officers[0]
			cell := int(e.com.pop.Home[0])
			o.State, o.Trained = agents.OnPatrol, true
			o.Present, o.Arrive, o.DwellEnd = cell, 0, 120
			before := e.com.pop.Trusts()
			e.now = 120
			n := e.endDwell(o)
			if n < 20 {
				t.Fatalf("%d stops in two hours at 30 an hour: want about 60", n)
			}
			var rise float64
			for i, x := range e.com.pop.Trusts() {
				if !tc.rise && x != before[i] {
					t.Fatalf("resident %d: trust %v -> %v after stops that should move nothing", i, before[i], x)
				}
				rise += x - before[i]
			}
			if tc.rise && !(rise > 0) {
				t.Errorf("%d procedurally just stops changed total trust by %g: want a rise", n, rise)
			}
		})
	}
}
