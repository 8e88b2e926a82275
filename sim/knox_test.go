package sim

import (
	"math"
	"math/rand/v2"
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
