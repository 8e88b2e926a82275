package sim

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// knoxWorld returns a configuration with a 60 x 60 grid of 50 m cells and
// one offense type, burglary, and n burglaries from place: each gets a
// cell and a minute.
func knoxWorld(n int, place func(i int) (cell int, t float64)) (*Config, []offense) {
	cfg := &Config{Grid: Grid{Width: 60, Height: 60, CellM: 50}}
	cfg.Community.Crime.Types = []CrimeType{{Name: "theft"}, {Name: knoxType}}
	var out []offense
	for i := range n {
		c, t := place(i)
		out = append(out, offense{t: t, cell: int32(c), typ: 1, inWindow: true})
		out = append(out, offense{t: t, cell: int32(c), typ: 0, inWindow: true}) // another type: left out
	}
	return cfg, out
}

// bruteKnox counts the pairs of each band by comparing every pair.
func bruteKnox(cfg *Config, offs []offense) []int {
	n := make([]int, knoxDistBands*knoxTimeBands)
	w, m := cfg.Grid.Width, cfg.Grid.CellM
	for i := range offs {
		for j := i + 1; j < len(offs); j++ {
			a, b := &offs[i], &offs[j]
			if a.typ != 1 || b.typ != 1 {
				continue
			}
			d := m * math.Hypot(float64(int(a.cell)%w-int(b.cell)%w), float64(int(a.cell)/w-int(b.cell)/w))
			days := int(math.Abs(math.Floor(a.t/MinutesPerDay) - math.Floor(b.t/MinutesPerDay)))
			for db := range knoxDistBands {
				for tb := range knoxTimeBands {
					if d >= knoxDistM[db] && d < knoxDistM[db+1] && days >= knoxDays[tb] && days < knoxDays[tb+1] {
						n[db*knoxTimeBands+tb]++
					}
				}
			}
		}
	}
	return n
}

// TestKnox checks the Knox table: observed counts against a brute-force
// count of every pair; the ratio near 1 when places and times are
// independent, above 1 in the nearest band when each burglary has a twin
// close by a few days later, and the same table from the same stream.
func TestKnox(t *testing.T) {
	const n = 1000
	for _, tc := range []struct {
		name   string
		place  func(r *rand.Rand) func(i int) (int, float64)
		lo, hi float64 // range of the 0-200 m, 0-14 day ratio
	}{
		{"independent", func(r *rand.Rand) func(int) (int, float64) {
			return func(int) (int, float64) { return r.IntN(3600), r.Float64() * 365 * MinutesPerDay }
		}, 0.8, 1.2},
		{"twins", func(r *rand.Rand) func(int) (int, float64) {
			var c int
			var tm float64
			return func(i int) (int, float64) {
				if i%2 == 0 {
					c, tm = r.IntN(3600), r.Float64()*365*MinutesPerDay
					return c, tm
				}
				return min(c+1, 3599), tm + 3*MinutesPerDay
			}
		}, 1.5, math.Inf(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, offs := knoxWorld(n, tc.place(rand.New(rand.NewPCG(1, 2))))
			got := knoxBands(cfg, offs, rand.New(rand.NewPCG(3, 4)))
			want := bruteKnox(cfg, offs)
			if len(got) != len(want) {
				t.Fatalf("%d bands, want %d", len(got), len(want))
			}
			for i, b := range got {
				if b.Observed != want[i] {
					t.Errorf("band %d (%v-%v m, %d-%d days): observed %d, brute force %d", i, b.DistLoM, b.DistHiM, b.DaysLo, b.DaysHi, b.Observed, want[i])
				}
				if !(b.P > 0 && b.P <= 1) {
					t.Errorf("band %d: p %v", i, b.P)
				}
			}
			near := got[0]
			t.Logf("0-200 m, 0-14 days: observed %d, expected %.1f, ratio %.3f, p %.2f", near.Observed, near.Expected, *near.Ratio, near.P)
			if r := *near.Ratio; r < tc.lo || r > tc.hi {
				t.Errorf("nearest ratio %.3f, want in [%g, %g]", r, tc.lo, tc.hi)
			}
			again := knoxBands(cfg, offs, rand.New(rand.NewPCG(3, 4)))
			for i := range got {
				if got[i].Expected != again[i].Expected {
					t.Fatalf("band %d: expected %v, then %v from the same stream", i, got[i].Expected, again[i].Expected)
				}
			}
		})
	}
	cfg, offs := knoxWorld(10, func(i int) (int, float64) { return i, 0 })
	cfg.Community.Crime.Types[1].Name = "shoplifting"
	if got := knoxBands(cfg, offs, rand.New(rand.NewPCG(3, 4))); got != nil {
		t.Errorf("no burglary type, got a table %v", got)
	}
}

// refKnoxCounts counts the pairs of each band, distance-major, by
// comparing every pair of points: point i at (xs[i], ys[i]) on day[i].
func refKnoxCounts(xs, ys []float64, day []int32) []int {
	n := make([]int, knoxDistBands*knoxTimeBands)
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			d := math.Hypot(xs[i]-xs[j], ys[i]-ys[j])
			dt := int(day[i] - day[j])
			if dt < 0 {
				dt = -dt
			}
			for db := range knoxDistBands {
				for tb := range knoxTimeBands {
					if d >= knoxDistM[db] && d < knoxDistM[db+1] && dt >= knoxDays[tb] && dt < knoxDays[tb+1] {
						n[db*knoxTimeBands+tb]++
					}
				}
			}
		}
	}
	return n
}

// TestKnoxCount checks the fast counting of knoxBands against refKnoxCounts
// over random points: the pairs of each distance band, the counts for the
// days and for shuffles of them, and the whole table against one made
// from the reference counts with the same permutations, to the bit.
func TestKnoxCount(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n             int
		width, height int
		cellM         float64
		day0, days    int // days are day0 to day0 + days - 1
		ends          int // when not 0, days are within ends of either end
	}{
		{"two points", 2, 1, 1, 100, 0, 1, 0},
		{"baseline grid", 500, 64, 64, 100, 0, 365, 0},
		{"one cell wide", 300, 1, 40, 100, 30, 90, 0},               // a line of cells: many pairs exactly 200, 400 or 800 m apart
		{"few cells, few days", 400, 3, 3, 100, 0, 10, 0},           // many pairs 0 m and 0 days apart
		{"small cells, long window", 600, 60, 60, 50, 700, 3000, 0}, // days far beyond the last time band
		{"days beyond 16 bits", 300, 20, 20, 100, 10, 70000, 0},     // 21-bit lanes
		{"widest 10-bit lanes", 300, 4, 4, 100, 5, 1<<9 - 60, 40},   // days 0 to 2^9 - 61 apart, many near both ends
		{"narrowest 12-bit lanes", 300, 4, 4, 100, 5, 1<<9 - 59, 40},
		{"widest 16-bit lanes", 300, 4, 4, 100, 5, 1<<15 - 60, 40},
		{"narrowest 21-bit lanes", 300, 4, 4, 100, 5, 1<<15 - 59, 40},
		{"narrowest 32-bit lanes", 300, 4, 4, 100, 5, 1<<20 - 59, 40},
		{"days beyond 32 bits", 300, 4, 4, 100, 0, 1<<31 - 1, 40}, // 64-bit lanes
		{"a crowded cell", 1100, 1, 1, 100, 0, 30, 0},             // partners of a point beyond one chunk of a lane
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.n), 7))
			cfg, offs := knoxWorld(tc.n, func(int) (int, float64) {
				d := r.IntN(tc.days)
				if tc.ends > 0 {
					d = r.IntN(2)*(tc.days-tc.ends) + r.IntN(tc.ends)
				}
				return r.IntN(tc.width * tc.height), (float64(tc.day0+d) + r.Float64()) * MinutesPerDay
			})
			cfg.Grid = Grid{Width: tc.width, Height: tc.height, CellM: tc.cellM}
			var xs, ys []float64
			var day []int32
			for _, o := range offs {
				if o.typ == 1 {
					c := int(o.cell)
					xs = append(xs, (float64(c%tc.width)+0.5)*tc.cellM)
					ys = append(ys, (float64(c/tc.width)+0.5)*tc.cellM)
					day = append(day, int32(math.Floor(o.t/MinutesPerDay))-int32(tc.day0))
				}
			}

			adj := knoxAdjacency(xs, ys)
			if !slices.Equal(slices.Sorted(slices.Values(adj.order)), seq(len(xs))) {
				t.Fatalf("the order of the points is not a permutation of them: %v", adj.order)
			}
			for db := range knoxDistBands {
				var got, want [][2]int32
				for a := range adj.order {
					for _, m := range adj.next[adj.start[a*knoxDistBands+db]:adj.start[a*knoxDistBands+db+1]] {
						i, j := adj.order[a], adj.order[m]
						got = append(got, [2]int32{min(i, j), max(i, j)})
					}
				}
				for a := range xs {
					for b := a + 1; b < len(xs); b++ {
						if d := math.Hypot(xs[a]-xs[b], ys[a]-ys[b]); d >= knoxDistM[db] && d < knoxDistM[db+1] {
							want = append(want, [2]int32{int32(a), int32(b)})
						}
					}
				}
				slices.SortFunc(got, func(p, q [2]int32) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) })
				if !slices.Equal(got, want) {
					t.Errorf("distance band %d: %d pairs, want %d", db, len(got), len(want))
				}
			}

			// Every lane width the span allows, on the days and shuffles
			// of them, as many as share a word.
			for _, bits := range knoxLaneWidths {
				if bits < knoxLaneBits(int32(tc.days-1)) {
					continue
				}
				perm := slices.Clone(day)
				vs := make([][]int32, 64/bits)
				for k := range vs {
					vs[k] = slices.Clone(perm)
					r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
				}
				for k, got := range knoxCount(adj, vs, bits) {
					if want := refKnoxCounts(xs, ys, vs[k]); !slices.Equal(got[:], want) {
						t.Errorf("%d-bit lanes, shuffle %d: counts %v, want %v", bits, k, got, want)
					}
				}
			}

			got := knoxBands(cfg, offs, rand.New(rand.NewPCG(5, 6)))
			want := refKnoxBands(xs, ys, day, rand.New(rand.NewPCG(5, 6)))
			for i := range want {
				g, w := got[i], want[i]
				if g.Observed != w.Observed || g.Expected != w.Expected || g.P != w.P || (g.Ratio == nil) != (w.Ratio == nil) || g.Ratio != nil && *g.Ratio != *w.Ratio {
					t.Errorf("band %d: %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// seq returns 0 to n - 1.
func seq(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// refKnoxBands is knoxBands with refKnoxCounts for the counts: the
// observed ones, then those of each of knoxPermutations shuffles of the
// days drawn from rng.
func refKnoxBands(xs, ys []float64, day []int32, rng *rand.Rand) []KnoxBand {
	observed := refKnoxCounts(xs, ys, day)
	sum := make([]float64, len(observed))
	atLeast := make([]int, len(observed))
	perm := slices.Clone(day)
	for range knoxPermutations {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for i, n := range refKnoxCounts(xs, ys, perm) {
			sum[i] += float64(n)
			if n >= observed[i] {
				atLeast[i]++
			}
		}
	}
	var out []KnoxBand
	for i, o := range observed {
		kb := KnoxBand{Observed: o, Expected: sum[i] / knoxPermutations, P: float64(1+atLeast[i]) / (1 + knoxPermutations)}
		kb.Ratio = ratio(float64(o), kb.Expected)
		out = append(out, kb)
	}
	return out
}

// BenchmarkKnoxBands times the Knox table of 7,000 burglaries at random
// over the baseline's 64 x 64 cells of 100 m and a year: about 1.0
// million pairs within 800 m, the size of the table at four times the
// baseline's load.
func BenchmarkKnoxBands(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	cfg, offs := knoxWorld(7000, func(int) (int, float64) { return r.IntN(64 * 64), r.Float64() * 365 * MinutesPerDay })
	cfg.Grid = Grid{Width: 64, Height: 64, CellM: 100}
	for b.Loop() {
		knoxBands(cfg, offs, rand.New(rand.NewPCG(3, 4)))
	}
}

// TestKnoxCountChunks checks the counting of a point with more partners
// than a 16-bit lane holds: one point on day 0 with 70,000 partners in
// each distance band on days 0 to 99 in turn, against a count of them.
func TestKnoxCountChunks(t *testing.T) {
	const partners = 70000
	days := make([]int32, 1+partners)
	adj := &knoxAdj{order: seq(len(days)), start: []int32{0}}
	var want [knoxBandsN]int
	for db := range knoxDistBands {
		for m := 1; m <= partners; m++ {
			adj.next = append(adj.next, uint32(m))
			days[m] = int32(m % 100)
			switch dt := int(days[m]); {
			case dt < knoxDays[1]:
				want[db*knoxTimeBands]++
			case dt < knoxDays[2]:
				want[db*knoxTimeBands+1]++
			}
		}
		adj.start = append(adj.start, int32(len(adj.next)))
	}
	for range partners * knoxDistBands {
		adj.start = append(adj.start, int32(len(adj.next)))
	}
	for _, bits := range knoxLaneWidths {
		for k, got := range knoxCount(adj, slices.Repeat([][]int32{days}, int(64/bits)), bits) {
			if got != want {
				t.Errorf("%d-bit lanes, vector %d: counts %v, want %v", bits, k, got, want)
			}
		}
	}
}

// TestKnoxLaneBounds checks the lane width knoxLaneBits picks at the
// widest span of each width and one day beyond: two partners whose
// days are the span apart in one lane, the most a borrow could come
// from, and just outside the widest time band in the next, where a
// borrow would make a pair of it.
func TestKnoxLaneBounds(t *testing.T) {
	h := int32(knoxDays[knoxTimeBands])
	adj := &knoxAdj{order: []int32{0, 1}, start: []int32{0, 1, 1, 1, 1, 1, 1}, next: []uint32{1}}
	spans := []int32{math.MaxInt32 - h, math.MaxInt32 - h + 1, math.MaxInt32}
	for _, bits := range knoxLaneWidths[:len(knoxLaneWidths)-2] {
		spans = append(spans, 1<<(bits-1)-h, 1<<(bits-1)-h+1)
	}
	for _, span := range spans {
		bits := knoxLaneBits(span)
		vs := slices.Repeat([][]int32{{span, 0}, {0, h}, {span, span - h + 1}, {0, span}}, 2)[:min(8, 64/bits)]
		for k, got := range knoxCount(adj, vs, bits) {
			want := refKnoxCounts([]float64{0, 0}, []float64{0, 0}, vs[k])
			if !slices.Equal(got[:], want) {
				t.Errorf("span %d (%d-bit lanes), vector %d: counts %v, want %v", span, bits, k, got, want)
			}
		}
	}
}
