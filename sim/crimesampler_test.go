package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

// TestSumTree checks the sum tree against a linear scan of the
// cumulative weights, zero weights among them: every u falls in the leaf
// the scan gives, and never in a leaf of zero weight.
func TestSumTree(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    []float64
	}{
		{"one", []float64{2}},
		{"three", []float64{1, 2, 3}},
		{"zeros", []float64{0, 0, 5, 0, 1, 0, 0}},
		{"last only", []float64{0, 0, 0, 0, 0, 0.25}},
		{"powers", []float64{1, 1e-9, 1e9, 3, 0, 7, 2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newSumTree(len(tc.w))
			for i, w := range tc.w {
				tr.set(i, w)
			}
			var total float64
			for _, w := range tc.w {
				total += w
			}
			if math.Abs(tr.total()-total) > 1e-12*total {
				t.Fatalf("total %v, want %v", tr.total(), total)
			}
			const n = 10000
			for k := range n + 1 {
				u := total * float64(k) / n
				got := tr.find(u)
				if tc.w[got] == 0 {
					t.Fatalf("u %v fell in leaf %d of zero weight", u, got)
				}
				want, acc := -1, 0.0
				for i, w := range tc.w {
					if acc += w; w > 0 && (u < acc || want < 0) {
						want = i
						if u < acc {
							break
						}
					}
				}
				if k < n && got != want {
					t.Fatalf("u %v: leaf %d, want %d", u, got, want)
				}
			}
		})
	}
}

// TestCrimeSampler drives the sampler through boosts, problem-solving
// cuts and midnights on a small grid of two beats and three
// neighborhoods, and checks it against values computed here cell by
// cell: each cell's rate as sampled (static plus the dynamic rate at the
// cell's last midnight or its last change since, whichever is later),
// the draws (a fine grid of uniforms lands on each cell in proportion to
// its weight), and the per-beat, per-type rates.
func TestCrimeSampler(t *testing.T) {
	const w, h, types = 6, 4, 2
	n := w * h
	var lu [agents.NumLandUse][]float64
	for l := range lu {
		lu[l] = make([]float64, n)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		lu[agents.Residential][i] = r.Float64()
		if i%5 == 0 {
			lu[agents.Commerce][i] = 2 * r.Float64()
		}
	}
	lu[agents.Residential][7] = 0 // a cell with no static rate at all
	field := agents.NewCrimeField(agents.CrimeFieldSpec{Width: w, Height: h, LandUse: lu, PerDay: 10,
		Shares: []float64{0.6, 0.4}, Affinity: [][agents.NumLandUse]float64{{1, 0.2}, {0.1, 1}}, Life: 2 * MinutesPerDay})
	g := &Grid{Width: w, Height: h, CellM: 100, Beats: 2, Beat: make([]int, n), Neighborhood: make([]int, n)}
	for i := range n {
		g.Beat[i] = (i % w) / 3
		g.Neighborhood[i] = (i / w) % 3
	}
	s := newCrimeSampler(g, field, types, true, 0)
	snap := make([]float64, n) // minute of each cell's sampled dynamic rate
	mult := []float64{1, 0.5, 2}
	check := func(when string) {
		t.Helper()
		total := s.totals(mult)
		var want float64
		weights := make([]float64, n)
		for i := range n {
			ref := field.Static[i] + field.Dynamic(i, snap[i])
			if got := s.sampled(i); math.Abs(got-ref) > 1e-9*max(ref, 1e-300) {
				t.Errorf("%s: cell %d sampled %v, want %v", when, i, got, ref)
			}
			weights[i] = mult[g.Neighborhood[i]] * ref
			want += weights[i]
		}
		if math.Abs(total-want) > 1e-9*want {
			t.Errorf("%s: total %v, want %v", when, total, want)
		}
		const k = 200000
		count := make([]int, n)
		for j := range k {
			count[s.draw((float64(j)+0.5)/k, mult)]++
		}
		for i := range n {
			if e := k * weights[i] / want; math.Abs(float64(count[i])-e) > 2 {
				t.Errorf("%s: cell %d drawn %d times in %d, want %.1f", when, i, count[i], k, e)
			}
		}
		base := make([]float64, g.Beats*types)
		s.beatRates(base, mult)
		for b := range g.Beats {
			for j := range types {
				var ref float64
				for i := range n {
					if g.Beat[i] != b {
						continue
					}
					cum := field.TypeCum(i)
					lo := 0.0
					if j > 0 {
						lo = cum[j-1]
					}
					ref += weights[i] * (cum[j] - lo) / cum[types-1]
				}
				if got := base[b*types+j]; math.Abs(got-ref) > 1e-9*ref {
					t.Errorf("%s: beat %d type %d rate %v, want %v", when, b, j, got, ref)
				}
			}
		}
	}
	check("start")
	now := 0.0
	for day := 1; day <= 6; day++ {
		for range 5 {
			now += r.Float64() * 200
			c := r.IntN(n)
			field.Boost(c, now, 0.5, 0.4, func(i int) {
				s.take(i, now)
				snap[i] = now
			})
		}
		if day == 3 {
			cells := make([]int32, n)
			for i := range cells {
				cells[i] = int32(i)
			}
			c := field.SolveProblem(cells, 0.5, 0)
			s.takeCut(c, now)
			snap[c] = now
		}
		check("day " + string(rune('0'+day)) + " before midnight")
		now = float64(day) * MinutesPerDay
		s.decay(now)
		for i := range snap {
			snap[i] = now
		}
		check("day " + string(rune('0'+day)) + " midnight")
	}
}
