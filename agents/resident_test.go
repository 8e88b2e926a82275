package agents

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSteadyTrust checks the steady-state formula against the mean-field
// recursion of a simulated day, run in the test until it settles: the
// day's contacts close the share a of the gap to 1 and remove the share
// b of trust, then the drift closes the share pull of the gap to the
// baseline. It also checks the continuous-time form the documentation
// gives, (pull x base + a) / (pull + a + b), for rates as small as the
// default precinct's.
func TestSteadyTrust(t *testing.T) {
	for _, tc := range []struct {
		name             string
		pull, base, a, b float64
		continuousWithin float64
	}{
		{"no contacts", 0.00576, 0.55, 0, 0, 1e-12},
		{"default precinct", 0.00576, 0.575, 7.9e-6, 3.3e-5, 3e-5},
		{"20,000 residents", 0.00576, 0.575, 3.9e-5, 1.6e-4, 1e-4},
		{"positive only", 0.01, 0.4, 0.002, 0, 1e-3},
		{"heavy contacts", 0.05, 0.6, 0.1, 0.3, 0.05},
		{"no drift", 0, 0.5, 0.01, 0.03, 1e-3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.base
			for range 2_000_000 {
				x += tc.a*(1-x) - tc.b*x
				x += tc.pull * (tc.base - x)
			}
			got := SteadyTrust(tc.pull, tc.base, tc.a, tc.b)
			if math.Abs(got-x) > 1e-9 {
				t.Errorf("SteadyTrust = %.10f, the recursion settles at %.10f", got, x)
			}
			cont := (tc.pull*tc.base + tc.a) / (tc.pull + tc.a + tc.b)
			if math.Abs(got-cont) > tc.continuousWithin {
				t.Errorf("SteadyTrust = %.8f, continuous form %.8f: differ by more than %g", got, cont, tc.continuousWithin)
			}
		})
	}
}

// TestTallyAndShift checks that the tally sums the coefficients of the
// nudges per neighborhood of the resident nudged (ties included), that
// ProgrammeContact and Drift stay out of it, and that ShiftMeans brings
// each neighborhood's mean to its target even where trust clamps.
func TestTallyAndShift(t *testing.T) {
	cells := [][]int32{{0, 1}, {2, 3}}
	p := NewPopulation(PopulationSpec{Count: []int{200, 100}, Cells: cells, GroupShares: [][]float64{{1}, {1}},
		BaseTrust: []float64{0.5, 0.9}, TrustSD: 0.3, Ties: 2, LocalTies: 1, NumCells: 4}, rand.New(rand.NewPCG(1, 2)))
	tr := &TrustRules{Positive: 0.1, Asymmetry: 5, Spread: 0.5, DailyPull: 0.1}
	p.StartTally()
	p.Contact(0, true, 1, tr)     // resident 0 in hood 0: 0.1, and 0.05 for each of its 2 ties in hood 0
	p.Contact(250, false, 1, tr)  // hood 1: min(1, 0.5) = 0.5, ties 0.25 each
	p.Contact(250, false, 10, tr) // coefficient capped at 1; ties min(1, 2.5) = 1
	p.ProgrammeContact(1, true, 1, tr)
	p.Drift(tr)
	pos, neg := p.StopTally()
	ties := func(i int) float64 { return float64(len(p.TiesOf(i))) }
	want := [][2]float64{{0.1 + 0.05*ties(0), 0}, {0, 0.5 + 0.25*ties(250) + 1 + ties(250)}}
	for h, w := range want {
		if math.Abs(pos[h]-w[0]) > 1e-12 || math.Abs(neg[h]-w[1]) > 1e-12 {
			t.Errorf("hood %d: tally %g / %g, want %g / %g", h, pos[h], neg[h], w[0], w[1])
		}
	}
	if pos, neg := p.StopTally(); pos != nil || neg != nil {
		t.Errorf("a second StopTally returned %v, %v: want nil", pos, neg)
	}
	p.Contact(0, true, 1, &TrustRules{Positive: 0.1})
	target := []float64{0.97, 0.02}
	p.ShiftMeans(target)
	mean, _ := p.MeanTrust()
	for h := range target {
		if math.Abs(mean[h]-target[h]) > 1e-8 {
			t.Errorf("hood %d: mean %.5f after the shift, want %.5f", h, mean[h], target[h])
		}
	}
	for i, x := range p.Trusts() {
		if x < 0 || x > 1 {
			t.Fatalf("resident %d: trust %g outside [0, 1]", i, x)
		}
	}
}

// TestLazyDrift checks the lazily applied drift against the daily rule
// applied to every resident in turn (t += pull (base - t) each midnight,
// then the day's contacts and shocks), and the neighborhood means kept
// from sums of deviations against a scan of the residents, over days of
// random contacts, a shock, a shift of the means and a change of pull.
func TestLazyDrift(t *testing.T) {
	cases := []struct {
		name     string
		pulls    []float64 // pull of each day
		contacts int       // contacts a day
	}{
		{"no contacts", []float64{0.05, 0.05, 0.05, 0.05, 0.05, 0.05}, 0},
		{"contacts", []float64{0.00576, 0.00576, 0.00576, 0.00576, 0.00576, 0.00576, 0.00576, 0.00576}, 40},
		{"pull changes", []float64{0.1, 0.1, 0, 0, 0.3, 0.3, 0.3}, 25},
		{"no pull", []float64{0, 0, 0, 0}, 30},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := PopulationSpec{Count: []int{120, 80, 0}, Cells: [][]int32{{0, 1}, {2, 3}, {4}},
				GroupShares: [][]float64{{1}, {1}, {1}}, BaseTrust: []float64{0.4, 0.8, 0.6}, TrustSD: 0.2,
				Ties: 3, LocalTies: 0.7, NumCells: 5}
			p := NewPopulation(spec, rand.New(rand.NewPCG(3, 4)))
			ref := p.Trusts()
			r := rand.New(rand.NewPCG(5, 6))
			nudge := func(i int, pos bool, w float64, tr *TrustRules) {
				x := ref[i]
				if pos {
					x += min(1, w*tr.Positive) * (1 - x)
				} else {
					x -= min(1, w*tr.Positive*tr.Asymmetry) * x
				}
				ref[i] = min(1, max(0, x))
			}
			check := func(when string) {
				t.Helper()
				for i, x := range p.Trusts() {
					if math.Abs(x-ref[i]) > 1e-12 {
						t.Fatalf("%s: resident %d trust %.15f, daily rule %.15f", when, i, x, ref[i])
					}
				}
				mean, all := p.MeanTrust()
				var sum [3]float64
				var tot float64
				for i, x := range ref {
					sum[p.HoodOf(i)] += x
					tot += x
				}
				for h := range mean {
					want := spec.BaseTrust[h]
					if n := spec.Count[h]; n > 0 {
						want = sum[h] / float64(n)
					}
					if math.Abs(mean[h]-want) > 1e-12 {
						t.Fatalf("%s: hood %d mean %.15f, scan %.15f", when, h, mean[h], want)
					}
				}
				if want := tot / float64(len(ref)); math.Abs(all-want) > 1e-12 {
					t.Fatalf("%s: mean %.15f, scan %.15f", when, all, want)
				}
			}
			for d, pull := range tc.pulls {
				tr := &TrustRules{Positive: 0.05, Asymmetry: 4, Spread: 0.3, DailyPull: pull}
				p.Drift(tr)
				for i, x := range ref {
					ref[i] = x + pull*(spec.BaseTrust[p.HoodOf(i)]-x)
				}
				check("after drift")
				for range tc.contacts {
					i, pos, w := r.IntN(len(ref)), r.Float64() < 0.6, 0.5+r.Float64()
					p.Contact(i, pos, w, tr)
					nudge(i, pos, w, tr)
					for _, j := range p.TiesOf(i) {
						nudge(int(j), pos, w*tr.Spread, tr)
					}
				}
				if d == 2 {
					p.Shock(1, 2, tr)
					for _, i := range p.InHood(1) {
						nudge(int(i), false, 2, tr)
					}
				}
				if d == 3 {
					target := []float64{0.5, 0.7, 0.1}
					mean, _ := p.MeanTrust()
					p.ShiftMeans(target)
					for h := range 2 {
						for _, i := range p.InHood(h) {
							ref[i] = min(1, max(0, ref[i]+target[h]-mean[h]))
						}
					}
				}
				check(fmt.Sprintf("day %d", d))
			}
		})
	}
}

// refPopulation builds a population the obvious way, with the draws
// NewPopulation documents in the same order: for each resident, a home
// cell, a group and an initial trust, appended to per-cell and
// per-neighborhood lists; then the tie key, and each resident's ties
// from the generator TiesOf documents, local ones drawn from the
// neighborhood's list.
func refPopulation(spec PopulationSpec, r *rand.Rand) (home []int32, hood []int16, group []uint8, trust []float64, byCell, byHood [][]int32, ties [][]int32) {
	byCell, byHood = make([][]int32, spec.NumCells), make([][]int32, len(spec.Count))
	for h, count := range spec.Count {
		for range count {
			id := int32(len(home))
			c := spec.Cells[h][r.IntN(len(spec.Cells[h]))]
			u, g := r.Float64(), len(spec.GroupShares[h])-1
			for k, share := range spec.GroupShares[h] {
				if u < share {
					g = k
					break
				}
				u -= share
			}
			home, hood, group = append(home, c), append(hood, int16(h)), append(group, uint8(g))
			trust = append(trust, min(1, max(0, spec.BaseTrust[h]+spec.TrustSD*r.NormFloat64())))
			byCell[c] = append(byCell[c], id)
			byHood[h] = append(byHood[h], id)
		}
	}
	sm := func(x uint64) uint64 {
		x += 0x9e3779b97f4a7c15
		x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
		x = (x ^ (x >> 27)) * 0x94d049bb133111eb
		return x ^ (x >> 31)
	}
	k1, k2 := r.Uint64(), r.Uint64()
	ties = make([][]int32, len(home))
	for i := range home {
		r := rand.New(rand.NewPCG(sm(k1^uint64(i)), sm(k2^uint64(i))))
		own := byHood[hood[i]]
		for range spec.Ties {
			var j int32
			if r.Float64() < spec.LocalTies && len(own) > 1 {
				j = own[r.IntN(len(own))]
			} else {
				j = int32(r.IntN(len(home)))
			}
			if j != int32(i) {
				ties[i] = append(ties[i], j)
			}
		}
	}
	return home, hood, group, trust, byCell, byHood, ties
}

// TestNewPopulation checks NewPopulation against refPopulation from the
// same stream, field by field and to the bit, and ShiftMeans against a
// shift computed in the test from the same population: the mean of each
// neighborhood summed resident by resident, the trust of each resident
// shifted and clamped until every mean is within 1e-9 of its target.
func TestNewPopulation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		spec   PopulationSpec
		target []float64
	}{
		{"two neighborhoods", PopulationSpec{Count: []int{300, 200}, Cells: [][]int32{{0, 1, 2}, {3, 4}},
			GroupShares: [][]float64{{0.6, 0.4}, {0.2, 0.8}}, BaseTrust: []float64{0.5, 0.7}, TrustSD: 0.2,
			Ties: 4, LocalTies: 0.8, NumCells: 6}, []float64{0.6, 0.65}},
		{"an empty neighborhood and an empty cell", PopulationSpec{Count: []int{0, 150, 50}, Cells: [][]int32{{0}, {1, 2}, {4}},
			GroupShares: [][]float64{{1}, {0.5, 0.5}, {1}}, BaseTrust: []float64{0.5, 0.4, 0.9}, TrustSD: 0.3,
			Ties: 3, LocalTies: 1, NumCells: 5}, []float64{0.3, 0.98, 0.02}},
		{"one resident, no local ties", PopulationSpec{Count: []int{1, 40}, Cells: [][]int32{{2}, {0, 1}},
			GroupShares: [][]float64{{1}, {1}}, BaseTrust: []float64{0.6, 0.5}, TrustSD: 0.1,
			Ties: 5, LocalTies: 0, NumCells: 3}, []float64{0.6, 0.5}},
		{"no ties", PopulationSpec{Count: []int{60}, Cells: [][]int32{{0, 1, 2, 3}},
			GroupShares: [][]float64{{0.3, 0.3, 0.4}}, BaseTrust: []float64{0.55}, TrustSD: 0.15,
			Ties: 0, LocalTies: 0.5, NumCells: 4}, []float64{0.1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPopulation(tc.spec, rand.New(rand.NewPCG(7, 8)))
			home, hood, group, trust, byCell, byHood, ties := refPopulation(tc.spec, rand.New(rand.NewPCG(7, 8)))
			if !slices.Equal(p.Home, home) || !slices.Equal(hoods(p), hood) || !slices.Equal(p.Group, group) || !slices.Equal(p.Trusts(), trust) {
				t.Fatalf("homes, neighborhoods, groups or trust differ from the reference")
			}
			for c := range byCell {
				if !slices.Equal(p.inCell(c), byCell[c]) {
					t.Errorf("cell %d: residents %v, want %v", c, p.inCell(c), byCell[c])
				}
			}
			for h := range byHood {
				if !slices.Equal(p.InHood(h), byHood[h]) {
					t.Errorf("neighborhood %d: residents %v, want %v", h, p.InHood(h), byHood[h])
				}
			}
			for i := range ties {
				if got := p.TiesOf(i); !slices.Equal(got, ties[i]) {
					t.Errorf("resident %d: ties %v, want %v", i, got, ties[i])
				}
			}

			p.ShiftMeans(tc.target)
			for range 100 {
				done := true
				for h, rs := range byHood {
					var sum float64
					for _, i := range rs {
						sum += trust[i]
					}
					d := tc.target[h] - sum/float64(len(rs))
					if len(rs) == 0 || math.Abs(d) <= 1e-9 {
						continue
					}
					done = false
					for _, i := range rs {
						trust[i] = min(1, max(0, trust[i]+d))
					}
				}
				if done {
					break
				}
			}
			if got := p.Trusts(); !slices.Equal(got, trust) {
				t.Errorf("trust after ShiftMeans differs from the reference shift")
			}
			mean, _ := p.MeanTrust()
			for h, rs := range byHood {
				want := tc.spec.BaseTrust[h]
				if len(rs) > 0 {
					var sum float64
					for _, i := range rs {
						sum += trust[i]
					}
					want = sum / float64(len(rs))
				}
				if math.Abs(mean[h]-want) > 1e-12 {
					t.Errorf("neighborhood %d: mean %.15f after ShiftMeans, scan %.15f", h, mean[h], want)
				}
			}
		})
	}
}

// BenchmarkNewPopulation times building 8 times the baseline's
// population: 800,000 residents in four neighborhoods of 1,024 cells
// each, 4 ties per resident, 80 % of them local.
func BenchmarkNewPopulation(b *testing.B) {
	spec := PopulationSpec{Count: []int{160_000, 240_000, 240_000, 160_000}, BaseTrust: []float64{0.55, 0.48, 0.62, 0.68},
		TrustSD: 0.15, Ties: 4, LocalTies: 0.8, NumCells: 4096}
	for h := range spec.Count {
		spec.Cells = append(spec.Cells, nil)
		for c := range 1024 {
			spec.Cells[h] = append(spec.Cells[h], int32(h*1024+c))
		}
		spec.GroupShares = append(spec.GroupShares, []float64{0.6, 0.4})
	}
	b.ReportAllocs()
	for b.Loop() {
		NewPopulation(spec, rand.New(rand.NewPCG(1, 2)))
	}
}

// hoods returns every resident's neighborhood, in order of id.
func hoods(p *Population) []int16 {
	out := make([]int16, p.Len())
	for i := range out {
		out[i] = int16(p.HoodOf(i))
	}
	return out
}

// TestClamp01 checks clamp01 against the built-ins' min(1, max(0, x)),
// bit for bit, on the edges and on numbers either side of them.
func TestClamp01(t *testing.T) {
	for _, x := range []float64{math.Copysign(0, -1), 0, 1, -1, 2, 0.5, 1e-300, -1e-300,
		math.Nextafter(1, 2), math.Nextafter(1, 0), math.Inf(1), math.Inf(-1)} {
		if got, want := clamp01(x), min(1, max(0, x)); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("clamp01(%v) = %v, want %v", x, got, want)
		}
	}
}
