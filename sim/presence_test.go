package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestKoper checks the Koper curve against the gamma-density shape
// computed here: 1 at its peak, small for a drive-by, falling after the
// peak; and 1 everywhere with shape 0.
func TestKoper(t *testing.T) {
	cr := &Crime{KoperPeak: 13, KoperShape: 2}
	for _, tc := range []struct {
		l, lo, hi float64 // g(l) must lie in [lo, hi]
	}{
		{0, 0, 0}, {1, 0.03, 0.05}, {2, 0.1, 0.15}, {10, 0.9, 0.97}, {13, 1, 1}, {15, 0.95, 0.99}, {30, 0.3, 0.45},
	} {
		x := tc.l / 13
		want := x * x * math.Exp(2-2*x)
		if g := koper(cr, tc.l); math.Abs(g-want) > 1e-12 || g < tc.lo || g > tc.hi {
			t.Errorf("g(%v) = %.4f, want %.4f in [%v, %v]", tc.l, g, want, tc.lo, tc.hi)
		}
	}
	best := 0.0
	for l := 0.5; l <= 60; l += 0.5 {
		if koper(cr, l) > koper(cr, best) {
			best = l
		}
	}
	if best != 13 {
		t.Errorf("the curve peaks at %v min, want 13", best)
	}
	flat := &Crime{KoperPeak: 13}
	for _, l := range []float64{0.1, 1, 13, 100} {
		if g := koper(flat, l); g != 1 {
			t.Errorf("shape 0: g(%v) = %v, want 1", l, g)
		}
	}
}

// TestPresenceDiffusion checks the deterrence of one dwell in the centre
// of a 5 x 5 grid: direct in its cell, the spread share in each of the 8
// neighbours, none two cells away; the residual after it leaves, spread
// likewise; and the max rule: a cell's own larger deterrence is not
// lowered by a neighbour's, and of two residuals the larger is kept.
func TestPresenceDiffusion(t *testing.T) {
	cr := &Crime{Deterrence: 0.5, DeterrenceLife: 30, ResidualDeterrence: 0.4, KoperPeak: 13, KoperShape: 2, DeterrenceSpread: 0.3}
	g := &Grid{Width: 5, Height: 5, Beat: make([]int, 25), Neighborhood: make([]int, 25)}
	p := newPresence(cr, g, newPlaceMap(g))
	o := &agents.Officer{Present: -1}
	o.Arrive = 100
	p.plan(o, agents.Point{X: 2.5, Y: 2.5}, 100, 110)
	const centre = 12
	check := func(at float64, own float64) {
		t.Helper()
		for i := range 25 {
			dx, dy := math.Abs(float64(i%5-2)), math.Abs(float64(i/5-2))
			want := 0.0
			switch {
			case i == centre:
				want = own
			case dx <= 1 && dy <= 1:
				want = cr.DeterrenceSpread * own
			}
			if d := p.deterrence(i, at); math.Abs(d-want) > 1e-12 {
				t.Errorf("minute %v, cell (%v, %v) from the dwell: deterrence %v, want %v", at, dx, dy, d, want)
			}
		}
	}
	check(105, 0.5)
	if dwelt := p.leave(o, 110); dwelt != 10 {
		t.Fatalf("dwelt %v minutes, want 10", dwelt)
	}
	res := cr.ResidualDeterrence * 100.0 / 169 * math.Exp(2-20.0/13) // g(10) by hand
	check(111, res*math.Exp(-1.0/30))
	check(140, res*math.Exp(-1))

	// A neighbour's own residual larger than the spread share is its own.
	q := &agents.Officer{Present: -1}
	q.Arrive = 120
	p.plan(q, agents.Point{X: 1.5, Y: 1.5}, 120, 133)
	p.leave(q, 133)
	if d, want := p.deterrence(6, 140), cr.ResidualDeterrence*math.Exp(-7.0/30); math.Abs(d-want) > 1e-12 {
		t.Errorf("cell (1, 1) after its own 13-minute dwell: %v, want %v", d, want)
	}
	// A drive-by in the centre after the 10-minute dwell leaves a smaller
	// residual: the larger one stays in force.
	q.Arrive = 150
	p.plan(q, agents.Point{X: 2.5, Y: 2.5}, 150, 151)
	p.leave(q, 151)
	if d, want := p.own(centre, 160), res*math.Exp(-50.0/30); math.Abs(d-want) > 1e-12 {
		t.Errorf("centre after a drive-by: %v, want the earlier dwell's %v", d, want)
	}
}

// TestPresenceRecords drives many officers' dwells over a 40 x 40 grid
// for three days and checks the sparse records against a dense
// reference kept here cell by cell (the cover interval, the residual in
// force, the hours dwelt): the deterrence of every cell at many minutes
// is the reference's, records of spent cells are dropped at midnight
// (the table stays far smaller than the grid), and the hours of dropped
// and kept records add up to the reference's.
func TestPresenceRecords(t *testing.T) {
	const w, h = 40, 40
	cr := &Crime{Deterrence: 0.5, DeterrenceLife: 30, ResidualDeterrence: 0.4, KoperPeak: 13, KoperShape: 2}
	g := &Grid{Width: w, Height: h, Beat: make([]int, w*h), Neighborhood: make([]int, w*h)}
	p := newPresence(cr, g, newPlaceMap(g))
	type ref struct{ from, to, s, left, hours float64 }
	dense := make([]ref, w*h)
	for i := range dense {
		dense[i] = ref{math.Inf(-1), math.Inf(-1), 0, math.Inf(-1), 0}
	}
	own := func(i int, tm float64) float64 {
		r := dense[i]
		var d float64
		if r.s > 0 && tm >= r.left {
			d = r.s * math.Exp(-(tm-r.left)/cr.DeterrenceLife)
		}
		if r.from <= tm && tm <= r.to {
			d = max(d, cr.Deterrence)
		}
		return d
	}
	rng := rand.New(rand.NewPCG(5, 6))
	now := 0.0
	for day := 1; day <= 3; day++ {
		for now < float64(day)*MinutesPerDay-60 {
			now += rng.Float64() * 3
			c := rng.IntN(w * h)
			dwell := 1 + rng.Float64()*20
			o := &agents.Officer{Present: -1}
			o.Arrive = now
			p.plan(o, g.Center(c), now, now+dwell)
			r := &dense[c]
			if now > r.to {
				r.from = now
			} else {
				r.from = min(r.from, now)
			}
			r.to = max(r.to, now+dwell)
			left := now + dwell*rng.Float64()*1.2 // some are pulled away early
			dwelt := p.leave(o, left)
			if want := max(0, min(left, now+dwell)-now); dwelt != want {
				t.Fatalf("dwelt %v, want %v", dwelt, want)
			}
			if dwelt > 0 {
				p.record(c).hours += dwelt / 60
				r.hours += dwelt / 60
				if s := cr.ResidualDeterrence * koper(cr, dwelt); s > 0 && !(r.s > 0 && s <= r.s*math.Exp(-(now+dwelt-r.left)/cr.DeterrenceLife)) {
					r.s, r.left = s, now+dwelt
				}
			}
			if left < now+dwell && r.to == now+dwell {
				switch {
				case left > r.from:
					r.to = left
				case r.from == now:
					r.from, r.to = math.Inf(-1), math.Inf(-1)
				}
			}
			for range 3 {
				i, tm := rng.IntN(w*h), now+rng.Float64()*30
				if got, want := p.own(i, tm), own(i, tm); math.Abs(got-want) > 1e-15 {
					t.Fatalf("day %d, cell %d at %v: deterrence %v, want %v", day, i, tm, got, want)
				}
			}
		}
		now = float64(day) * MinutesPerDay
		p.prune(now)
		if n := len(p.rec); n >= w*h/2 {
			t.Errorf("day %d: %d records kept of %d cells after the midnight", day, n, w*h)
		}
		for i := range w * h {
			if got, want := p.own(i, now), own(i, now); math.Abs(got-want) > residualGone {
				t.Fatalf("day %d midnight, cell %d: deterrence %v, want %v", day, i, got, want)
			}
		}
	}
	hours := p.presenceHours()
	for i := range dense {
		if math.Abs(hours[i]-dense[i].hours) > 1e-12 {
			t.Errorf("cell %d: %v hours, want %v", i, hours[i], dense[i].hours)
		}
	}
}

// TestDeters checks the offense's test of deterrence against its value:
// over officers' random dwells on a 30 x 30 grid with spread, u drawn at
// random, equal to the deterrence and just below it, deters(i, t, u) is
// u < deterrence(i, t) for every cell at many minutes.
func TestDeters(t *testing.T) {
	const w, h = 30, 30
	for _, spread := range []float64{0, 0.3, 1} {
		cr := &Crime{Deterrence: 0.5, DeterrenceLife: 30, ResidualDeterrence: 0.4, KoperPeak: 13, KoperShape: 2, DeterrenceSpread: spread}
		g := &Grid{Width: w, Height: h, Beat: make([]int, w*h), Neighborhood: make([]int, w*h)}
		p := newPresence(cr, g, newPlaceMap(g))
		rng := rand.New(rand.NewPCG(7, 8))
		now, checked, deterred := 0.0, 0, 0
		for now < MinutesPerDay {
			now += rng.Float64() * 3
			o := &agents.Officer{Present: -1}
			o.Arrive = now
			dwell := 1 + rng.Float64()*20
			p.plan(o, g.Center(rng.IntN(w*h)), now, now+dwell)
			p.leave(o, now+dwell*rng.Float64()*1.2)
			for range 20 {
				i, tm := rng.IntN(w*h), now+rng.Float64()*30
				d := p.deterrence(i, tm)
				for _, u := range []float64{rng.Float64(), rng.Float64() * d, d, math.Nextafter(d, 0)} {
					want := u < d
					if got := p.deters(i, tm, u); got != want {
						t.Fatalf("spread %v, cell %d at %v: deters(u = %v) = %v, deterrence %v", spread, i, tm, u, got, d)
					}
					checked++
					if want {
						deterred++
					}
				}
			}
		}
		if deterred == 0 || deterred == checked {
			t.Errorf("spread %v: %d of %d draws deterred: the test sees one side only", spread, deterred, checked)
		}
	}
}

// The deterrence of a cell as a value, the reference the tests hold the
// engine's test of it, presence.deters, to.

// deterrence returns the share of offending suppressed in cell i at
// minute t: the cell's own deterrence or DeterrenceSpread of its most
// deterred neighbour's, whichever is larger.
func (p *presence) deterrence(i int, t float64) float64 {
	d := p.own(i, t)
	s := p.cr.DeterrenceSpread
	if s == 0 || d >= p.spreadMost() {
		return d // no neighbour can deter more
	}
	for j := range p.neighbours(i) {
		d = max(d, s*p.own(j, t))
	}
	return d
}

// own returns the deterrence of cell i's own presence at minute t: direct
// while an officer dwells there, else the residual in force; a residual
// larger than the direct deterrence holds through a later dwell.
func (p *presence) own(i int, t float64) float64 {
	c := p.get(i)
	if c == nil {
		return 0
	}
	var d float64
	if s, l := c.resStrength, c.resLeft; s > 0 && t >= l {
		d = s * math.Exp(-(t-l)/p.cr.DeterrenceLife)
	}
	if c.dwellFrom <= t && t <= c.dwellTo {
		d = max(d, p.cr.Deterrence)
	}
	return d
}
