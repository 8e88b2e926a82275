//go:build validation

package sim_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
)

// TestKoperCurve is the virtual experiment of the Koper curve (docs/
// VALIDATION.md row 19) on the baseline's deterrence parameters: 100 hot
// spots on a 40 x 40 grid, four cells apart so that their neighbour rings
// do not touch, each with one offense candidate an hour and one officer
// visiting it for L minutes every 2 hours (the first visit at a random
// minute of the first 2 hours), for 60 days. Offense candidates and visit
// times are common random numbers: the same for every L and for the
// control without deterrence. R̂(L) = 1 - post(L) / post_control(L),
// where post counts the offenses in the hot cells in the 60 minutes after
// each departure. The residual deterrence follows the Koper curve, an
// input: this is a calibration check that the model reproduces it through
// its presence bookkeeping (dwells, departures, the max rule), not a
// validation.
func TestKoperCurve(t *testing.T) {
	const (
		side, spacing = 40, 4
		days          = 60
		every         = 120.0 // minutes between visits
		window        = 60.0  // minutes after a departure that count
		perMinute     = 1.0 / 60
	)
	cfg := load(t, "baseline")
	cr := &cfg.Community.Crime
	lengths := []float64{1, 3, 5, 8, 10, 12, 13, 14, 16, 20, 25, 30}
	type candidate struct{ t, u float64 }
	type spot struct {
		cell   int
		at     agents.Point
		offset float64
		cands  []candidate
	}
	var spots []spot
	for j := range side / spacing {
		for i := range side / spacing {
			x, y := spacing*i+spacing/2, spacing*j+spacing/2
			r := rand.New(rand.NewPCG(16, uint64(len(spots))))
			s := spot{cell: y*side + x, at: agents.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5}, offset: every * r.Float64()}
			for tm := r.ExpFloat64() / perMinute; tm < days*sim.MinutesPerDay; tm += r.ExpFloat64() / perMinute {
				s.cands = append(s.cands, candidate{tm, r.Float64()})
			}
			spots = append(spots, s)
		}
	}
	rhat := make([]float64, len(lengths))
	var visits int
	var lines []string
	for k, l := range lengths {
		p := sim.NewPresence(cr, side, side)
		var post, control int
		for _, s := range spots {
			o := &agents.Officer{Present: -1}
			ci := 0
			// offenses runs the candidates before minute to, counting those
			// within the window after the departure at left.
			offenses := func(to, left float64) {
				for ; ci < len(s.cands) && s.cands[ci].t < to; ci++ {
					c := s.cands[ci]
					if c.t <= left || c.t > left+window {
						continue
					}
					control++
					if c.u >= p.Deterrence(s.cell, c.t) {
						post++
					}
				}
			}
			left := -2 * window
			for start := s.offset; start < days*sim.MinutesPerDay; start += every {
				offenses(start, left)
				o.Arrive = start
				p.Visit(o, s.at, start, start+l)
				offenses(start+l, left) // during the visit: outside every window
				p.Leave(o, start+l)
				left = start + l
				visits++
			}
			offenses(days*sim.MinutesPerDay+window, left)
		}
		rhat[k] = 1 - float64(post)/float64(control)
		lines = append(lines, fmt.Sprintf("L = %2.0f min: R̂ %.4f (%d offenses after departures, %d without deterrence)", l, rhat[k], post, control))
	}
	t.Logf("%d visits in all;\n%s", visits, strings.Join(lines, "\n"))
	best := slices.Index(rhat, slices.Max(rhat))
	rmax, r1, r30 := rhat[best], rhat[0], rhat[len(rhat)-1]
	if l := lengths[best]; l < 10 || l > 15 {
		t.Errorf("R̂ peaks at L = %v min, want 10-15 (Koper 1995)", l)
	}
	if !(r1 < 0.25*rmax) {
		t.Errorf("R̂(1 min) = %.4f, want under a quarter of the peak %.4f", r1, rmax)
	}
	if !(r30 < rmax) {
		t.Errorf("R̂(30 min) = %.4f, want under the peak %.4f", r30, rmax)
	}
}
