package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestPresenceFactor checks G against its formula and its two
// properties: 1 at the reference presence, and an elasticity to presence
// of -eta x V / (V + V0), which tends to -eta well above the floor.
func TestPresenceFactor(t *testing.T) {
	for _, tc := range []struct {
		name               string
		v, ref, floor, eta float64
		want               float64
	}{
		{"at the reference", 0.3, 0.3, 0.1, 0.2, 1},
		{"no patrol", 0, 0.3, 0.1, 0.2, math.Pow(0.03/0.33, -0.2)},
		{"double the reference", 0.6, 0.3, 0.1, 0.2, math.Pow(0.63/0.33, -0.2)},
		{"half, property", 0.15, 0.3, 0.1, 0.09, math.Pow(0.18/0.33, -0.09)},
		{"no elasticity", 0, 0.3, 0.1, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if g := presenceFactor(tc.v, tc.ref, tc.floor, tc.eta); math.Abs(g-tc.want) > 1e-12 {
				t.Errorf("G = %v, want %v", g, tc.want)
			}
		})
	}
	// The elasticity, by a central difference in log presence.
	const ref, floor, eta, v, h = 0.3, 0.1, 0.2, 0.9, 1e-5
	e := (math.Log(presenceFactor(v*math.Exp(h), ref, floor, eta)) - math.Log(presenceFactor(v*math.Exp(-h), ref, floor, eta))) / (2 * h)
	if want := -eta * v / (v + floor*ref); math.Abs(e-want) > 1e-8 {
		t.Errorf("elasticity to presence at V = %v: %v, want %v", v, e, want)
	}
}

// TestIncapacitationFactor checks I = 1 - min(0.9, λ/365 x J / R0).
func TestIncapacitationFactor(t *testing.T) {
	for _, tc := range []struct {
		name             string
		held, rate, base float64
		want             float64
	}{
		{"nobody held", 0, 10, 2, 1},
		{"no offender rate", 3, 0, 2, 1},
		{"no offending", 3, 10, 0, 1},
		{"three held", 3, 10, 2, 1 - 30.0/365/2},
		{"capped", 1000, 10, 2, 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := incapacitationFactor(tc.held, tc.rate, tc.base); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("I = %v, want %v", got, tc.want)
			}
		})
	}
}

// withArea switches on area deterrence and incapacitation in a
// withCommunity configuration: burglary elasticity 0.1 and 12 offenses a
// year per offender, assault 0.3 and 4, drugs neither.
func withArea(cfg *Config) {
	cr := &cfg.Community.Crime
	cr.PresenceRef, cr.PresenceFloor, cr.PresenceLife = 0.5, 0.1, 7*MinutesPerDay
	cr.Detention, cr.DetentionLife = 0.5, 30*MinutesPerDay
	cr.Types[0].PresenceElasticity, cr.Types[0].OffenderRate = 0.1, 12 // burglary
	cr.Types[1].PresenceElasticity, cr.Types[1].OffenderRate = 0.3, 4  // assault
}

// checkArea returns the first broken invariant of the area state, or "":
// perceived presence and detained offenders finite and >= 0, every
// multiplier in (0, majorant].
func checkArea(e *engine) string {
	a := e.com.area
	if !a.on {
		return ""
	}
	for b, v := range a.v {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Sprintf("beat %d: perceived presence %v", b, v)
		}
	}
	for i, h := range a.jail.held {
		if !(h >= 0) || math.IsInf(h, 0) {
			return fmt.Sprintf("detained offenders[%d] = %v", i, h)
		}
	}
	for i, x := range a.mult {
		if !(x > 0 && x <= a.max*(1+1e-12)) {
			return fmt.Sprintf("multiplier[%d] = %v, want in (0, %v]", i, x, a.max)
		}
	}
	return ""
}

// areaTestEngine is the small test precinct with area deterrence and
// incapacitation switched on.
func areaTestEngine(t *testing.T) (*Config, *engine) {
	t.Helper()
	cfg := testConfig(2, agents.PatrolBeat, false)
	withCommunity(&cfg, agents.PatrolBeat, 0)
	withArea(&cfg)
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	return &cfg, newEngine(&cfg, 0)
}

// TestAreaState follows the beats' presence, detained offenders and
// multipliers over two midnights, against references computed here from
// the formulas of areadeterrence.go and incapacitation.go.
func TestAreaState(t *testing.T) {
	cfg, e := areaTestEngine(t)
	m := e.com
	cr := &cfg.Community.Crime
	k := len(cr.Types)
	cell := 3*16 + 3 // beat 0
	if b := cfg.Grid.Beat[cell]; b != 0 {
		t.Fatalf("cell %d is in beat %d, want 0", cell, b)
	}
	beatKm2 := 64 * 0.2 * 0.2
	// Shares of the types in each cell, from the field's cumulative rates.
	share := func(i, j int) float64 {
		cum := m.field.TypeCum(i)
		prev := 0.0
		if j > 0 {
			prev = cum[j-1]
		}
		return (cum[j] - prev) / cum[k-1]
	}
	// Every rate is raised by the largest multiplier possible, G at no
	// presence for the most elastic type (assault, 0.3).
	majorant := math.Pow(0.05/0.55, -0.3)
	if math.Abs(m.area.max-majorant) > 1e-12 {
		t.Fatalf("majorant %v, want %v", m.area.max, majorant)
	}
	// prev holds the sampling weights before a refresh: R0 is read from
	// them.
	prev := make([]float64, cfg.Grid.Cells()) // before the first refresh: none
	refresh := func(day int) {
		for i := range prev {
			prev[i] = m.rate(i)
		}
		m.refreshRates(float64(day) * MinutesPerDay)
	}
	check := func(day int, v []float64, held [][]float64) {
		t.Helper()
		tm := float64(day) * MinutesPerDay
		for b := range cfg.Grid.Beats {
			for j := range k {
				g := math.Pow((v[b]+0.05)/(0.5+0.05), -cr.Types[j].PresenceElasticity)
				var base float64
				for i, bi := range cfg.Grid.Beat {
					if bi == b {
						base += prev[i] / majorant * share(i, j) * g
					}
				}
				want := g
				if held[b][j] > 0 && cr.Types[j].OffenderRate > 0 {
					want *= 1 - min(0.9, cr.Types[j].OffenderRate/365*held[b][j]/base)
				}
				if got := m.area.mult[b*k+j]; math.Abs(got-want) > 1e-12*want {
					t.Errorf("day %d, beat %d, type %s: multiplier %v, want %v", day, b, cr.Types[j].Name, got, want)
				}
			}
		}
		if got, want := m.rate(cell), m.field.Rate(cell, tm)*m.hoodMult[cfg.Grid.Neighborhood[cell]]*majorant; math.Abs(got-want) > 1e-12*want {
			t.Errorf("day %d: cell rate %v, want %v", day, got, want)
		}
	}
	zero := func() [][]float64 {
		h := make([][]float64, cfg.Grid.Beats)
		for b := range h {
			h[b] = make([]float64, k)
		}
		return h
	}
	// Before the first midnight every beat is at the reference.
	ref := []float64{0.5, 0.5, 0.5, 0.5}
	check(0, ref, zero())

	// Day 1: 600 officer-minutes in beat 0, none elsewhere; two burglary
	// arrests in beat 0.
	m.bookPresence(cell, 600)
	for range 2 {
		m.detain(&offense{cell: int32(cell), typ: 0})
	}
	m.detain(&offense{cell: int32(cell), typ: 2}) // drugs: no offender rate
	refresh(1)
	v1 := []float64{600 / beatKm2 / MinutesPerDay, 0, 0, 0}
	held := zero()
	held[0][0] = 2 * 0.5 * math.Exp(-1.0/30)
	check(1, v1, held)

	// Day 2: 300 minutes; the perception moves by 1 - exp(-1/7) toward it.
	m.bookPresence(cell, 300)
	m.detain(&offense{cell: int32(cell), typ: 1})
	refresh(2)
	w := math.Exp(-1.0 / 7)
	v2 := []float64{w*v1[0] + (1-w)*300/beatKm2/MinutesPerDay, 0, 0, 0}
	held[0][0] *= math.Exp(-1.0 / 30)
	held[0][1] = 0.5 * math.Exp(-1.0/30)
	check(2, v2, held)
	if got := m.area.jail.held[0*k+2]; got != 0 {
		t.Errorf("detained drug offenders %v, want 0 (no offender rate)", got)
	}

	// Candidates take the cell's static type mix; those of type j happen
	// in the share multiplier / majorant of them.
	const n = 100000
	drawn, kept := make([]int, k), make([]int, k)
	for s := range n {
		typ, ok := m.areaType(cell, (float64(s)+0.5)/n)
		drawn[typ]++
		if ok {
			kept[typ]++
		}
	}
	for j := range k {
		d, want := n*share(cell, j), n*share(cell, j)*m.area.mult[j]/majorant
		if math.Abs(float64(drawn[j])-d) > 1 || math.Abs(float64(kept[j])-want) > 2 {
			t.Errorf("type %s: %d candidates and %d offenses in %d, want %.1f and %.1f", cr.Types[j].Name, drawn[j], kept[j], n, d, want)
		}
	}
}

// TestAreaOff checks that with no presence elasticity and no offender
// rate the channel leaves rates and type draws as they were.
func TestAreaOff(t *testing.T) {
	cfg := testConfig(2, agents.PatrolBeat, false)
	withCommunity(&cfg, agents.PatrolBeat, 0)
	e := newEngine(&cfg, 0)
	m := e.com
	m.bookPresence(5, 600)
	m.refreshRates(MinutesPerDay)
	if m.area.max != 1 {
		t.Fatalf("majorant %v with the channel off, want 1", m.area.max)
	}
	for i := range cfg.Grid.Cells() {
		if got, want := m.rate(i), m.field.Rate(i, MinutesPerDay)*m.hoodMult[cfg.Grid.Neighborhood[i]]; math.Abs(got-want) > 1e-12*want {
			t.Fatalf("cell %d rate %v with the channel off, want %v", i, got, want)
		}
		for _, u := range []float64{0.1, 0.5, 0.93} {
			if a, ok := m.areaType(i, u); a != m.field.TypeAt(i, u) || !ok {
				t.Fatalf("cell %d, u %v: type %d (happens %v), want the field's %d, happening", i, u, a, ok, m.field.TypeAt(i, u))
			}
		}
	}
}
