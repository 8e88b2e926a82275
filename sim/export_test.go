package sim

import (
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// The books checks, for the tests of package sim_test: every run those
// tests make is checked like the engine's own.
var (
	CheckResult          = checkResult
	CheckCommunityResult = checkCommunityResult
)

// CheckedRun runs replicate rep of cfg checking every invariant of the
// engine after every event, and the books at the end.
func CheckedRun(t *testing.T, cfg *Config, rep int) *Result {
	t.Helper()
	res, _ := runChecked(t, cfg, rep, checkAll)
	checkResult(t, cfg, res)
	if res.Community != nil {
		checkCommunityResult(t, cfg, res.Community)
	}
	return res
}

// Check is Config.check, for the tests of package sim_test.
var Check = (*Config).check

// Presence is the presence submodel of a grid (where officers dwell, and
// the deterrence of their presence), for the virtual experiments of
// package sim_test.
type Presence struct{ p presence }

// NewPresence returns the presence of a w x h grid with no officer yet.
func NewPresence(cr *Crime, w, h int) *Presence {
	g := &Grid{Width: w, Height: h, Beat: make([]int, w*h), Neighborhood: make([]int, w*h)}
	return &Presence{newPresence(cr, g, newPlaceMap(g))}
}

// Visit books o's dwell at point at over [from, to]; o.Arrive must be from.
func (p *Presence) Visit(o *agents.Officer, at agents.Point, from, to float64) {
	p.p.plan(o, at, from, to)
}

// Leave ends o's dwell at minute t and returns the minutes it dwelt.
func (p *Presence) Leave(o *agents.Officer, t float64) float64 { return p.p.leave(o, t) }

// Deterrence is the share of offending suppressed in cell i at minute t.
func (p *Presence) Deterrence(i int, t float64) float64 { return p.p.deterrence(i, t) }

// rate returns cell i's offense rate before deterrence as the sampler
// holds it, raised by the majorant (areadeterrence.go): offenses a day.
func (m *community) rate(i int) float64 {
	return m.rates.sampled(i) * m.hoodMult[m.grid.Neighborhood[i]] * m.area.max
}
