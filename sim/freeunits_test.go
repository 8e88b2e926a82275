package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// bruteChoose is the dispatcher's choice as a scan of every officer:
// among the free ones (of the call's beat, then of its adjacent beats,
// when the policy says so), the one with the shortest response time, the
// lowest id among equals. The response time is world.responseTime from
// where the officer is, and the engagement delay for an engaged one,
// worked out here rather than by the dispatcher's responseClock.
func bruteChoose(e *engine, c *call) *agents.Officer {
	beat := e.cfg.Grid.Beat[c.cell]
	scan := func(in func(o *agents.Officer) bool) *agents.Officer {
		dst := e.cfg.Grid.Center(int(c.cell))
		var best *agents.Officer
		bestT := math.Inf(1)
		for i := range e.officers {
			o := &e.officers[i]
			if !o.State.Free() || !in(o) {
				continue
			}
			t := e.world.responseTime(o.Pos(e.now), dst, c.priority)
			if o.State == agents.Engage {
				t += e.cfg.Community.Engagement.Delay
			}
			if t < bestT {
				best, bestT = o, t
			}
		}
		return best
	}
	own := func(o *agents.Officer) bool { return o.Beat == beat }
	near := func(o *agents.Officer) bool { return e.world.adjacent[beat][o.Beat] }
	switch e.cfg.Dispatch.Policy {
	case DispatchBeat:
		if o := scan(own); o != nil {
			return o
		}
	case DispatchBeatAdjacent:
		if o := scan(own); o != nil {
			return o
		}
		if o := scan(near); o != nil {
			return o
		}
	}
	return scan(func(*agents.Officer) bool { return true })
}

// checkFreeSets returns the first disagreement of the free sets by beat
// with the officers' states and beats, or of the dispatcher's choice
// with bruteChoose for calls of every priority at a few cells drawn
// from r, or "".
func checkFreeSets(e *engine, r *rand.Rand) string {
	for b := range e.freeIn {
		n := 0
		for i := range e.officers {
			o := &e.officers[i]
			in := e.freeIn[b].words[o.ID>>6]>>(o.ID&63)&1 == 1
			if want := o.State.Free() && o.Beat == b; in != want {
				return fmt.Sprintf("officer %d (%v, beat %d): in beat %d's free set %v", o.ID, o.State, o.Beat, b, in)
			}
			if in {
				n++
			}
		}
		if n != e.freeIn[b].n {
			return fmt.Sprintf("beat %d's free set counts %d, holds %d", b, e.freeIn[b].n, n)
		}
	}
	for range 3 {
		cell := r.IntN(e.cfg.Grid.Cells())
		c := call{cell: int32(cell), beat: int32(e.cfg.Grid.Beat[cell]), priority: Priority(1 + r.IntN(3))}
		got, want := e.chooseFree(&c), bruteChoose(e, &c)
		if got != want {
			return fmt.Sprintf("call at cell %d, P%d: chose %v, a scan of every officer %v", c.cell, c.priority, got, want)
		}
	}
	return ""
}

// TestChooseFree checks after every event of runs under each dispatch
// policy, light and heavy load, with and without community engagement
// (whose units respond later), that the free sets by beat hold exactly
// the free officers of each beat and that the dispatcher chooses the
// unit a scan of every officer would.
func TestChooseFree(t *testing.T) {
	for _, policy := range []DispatchPolicy{DispatchNearest, DispatchBeat, DispatchBeatAdjacent} {
		for _, tc := range []struct {
			name   string
			posts  int
			engage float64
		}{
			{"light", 12, 0},
			{"heavy", 4, 0},
			{"engaged", 8, 0.4},
		} {
			t.Run(fmt.Sprintf("%v/%s", policy, tc.name), func(t *testing.T) {
				cfg := testConfig(tc.posts, agents.PatrolRandom, true)
				cfg.Days, cfg.Dispatch.Policy = 20, policy
				if tc.engage > 0 {
					withCommunity(&cfg, agents.PatrolRandom, tc.engage)
				}
				r := rand.New(rand.NewPCG(5, uint64(policy)))
				runChecked(t, &cfg, 0, func(e *engine) string {
					if msg := checkState(e); msg != "" {
						return msg
					}
					return checkFreeSets(e, r)
				})
			})
		}
	}
}
