package sim

import (
	"math"
	"math/rand/v2"
)

// The Knox test of the near-repeat pattern (docs/MODEL.md 7.21): for
// every pair of burglaries of the measured window, is it close in space
// and in time? The counts of close pairs are compared with those
// expected when the same places and the same times are matched at
// random (the times permuted over the places), as Johnson et al. (2007)
// do; a ratio above 1 in the nearest band is the near-repeat pattern.

// knoxType is the offense type the Knox ratios are computed for.
const knoxType = "burglary"

// knoxPermutations is the number of random permutations of the times
// that make the expected counts (and the Monte Carlo p-values).
const knoxPermutations = 99

// The bands: distances in metres between cell centres, [lo, hi); days
// apart (the difference of the days the two happened on), lo to hi - 1.
// knoxMaxDays, the last time bound, is the length of knoxBands's lookup
// table.
var (
	knoxDistM = [...]float64{0, 200, 400, 800}
	knoxDays  = [...]int{0, 15, knoxMaxDays}
)

const knoxMaxDays = 61

const (
	knoxDistBands = len(knoxDistM) - 1
	knoxTimeBands = len(knoxDays) - 1
)

// KnoxBand is one cell of the Knox table: pairs of burglaries DistLoM to
// DistHiM metres apart (cell centres, Euclidean) and DaysLo to DaysHi
// days apart (the difference of the days they happened on).
type KnoxBand struct {
	DistLoM  float64 `json:"dist_lo_m"`
	DistHiM  float64 `json:"dist_hi_m"` // exclusive
	DaysLo   int     `json:"days_lo"`
	DaysHi   int     `json:"days_hi"` // inclusive
	Observed int     `json:"observed"`
	// Expected is the mean count over the permutations of the times; Ratio
	// is Observed / Expected (absent when Expected is 0), P the Monte
	// Carlo p-value (1 + permutations with at least Observed) / (1 + 99).
	Expected float64  `json:"expected"`
	Ratio    *float64 `json:"ratio,omitempty"`
	P        float64  `json:"p"`
}

// knoxBands returns the Knox table of the burglaries among offenses that
// happened in the measured window, or nil when the scenario has no
// burglary type or fewer than two burglaries. The permutations draw from
// rng.
func knoxBands(cfg *Config, offenses []offense, rng *rand.Rand) []KnoxBand {
	typ := -1
	for i, t := range cfg.Community.Crime.Types {
		if t.Name == knoxType {
			typ = i
		}
	}
	if typ < 0 {
		return nil
	}
	g := &cfg.Grid
	var xs, ys []float64
	var days []int32
	for i := range offenses {
		o := &offenses[i]
		if o.inWindow && int(o.typ) == typ {
			c := int(o.cell)
			xs = append(xs, (float64(c%g.Width)+0.5)*g.CellM)
			ys = append(ys, (float64(c/g.Width)+0.5)*g.CellM)
			days = append(days, int32(math.Floor(o.t/MinutesPerDay)))
		}
	}
	if len(xs) < 2 {
		return nil
	}
	pairs := knoxPairs(xs, ys)
	// timeBand[dt] is the time band of pairs dt days apart; the last
	// entry, for every dt >= knoxMaxDays, is a slot for none.
	var timeBand [knoxMaxDays + 1]int8
	timeBand[knoxMaxDays] = int8(knoxTimeBands)
	for tb := range knoxTimeBands {
		for dt := knoxDays[tb]; dt < knoxDays[tb+1]; dt++ {
			timeBand[dt] = int8(tb)
		}
	}
	count := func(days []int32) (n [knoxDistBands * knoxTimeBands]int) {
		for db, ps := range pairs {
			var c [knoxTimeBands + 1]int
			for _, p := range ps {
				dt := days[p.a] - days[p.b]
				if dt < 0 {
					dt = -dt
				}
				c[timeBand[min(dt, knoxMaxDays)]]++
			}
			copy(n[db*knoxTimeBands:], c[:knoxTimeBands])
		}
		return n
	}
	observed := count(days)
	var sum [knoxDistBands * knoxTimeBands]float64
	var atLeast [knoxDistBands * knoxTimeBands]int
	perm := make([]int32, len(days))
	copy(perm, days)
	for range knoxPermutations {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for i, n := range count(perm) {
			sum[i] += float64(n)
			if n >= observed[i] {
				atLeast[i]++
			}
		}
	}
	out := make([]KnoxBand, 0, len(observed))
	for db := range knoxDistBands {
		for tb := range knoxTimeBands {
			i := db*knoxTimeBands + tb
			kb := KnoxBand{DistLoM: knoxDistM[db], DistHiM: knoxDistM[db+1], DaysLo: knoxDays[tb], DaysHi: knoxDays[tb+1] - 1,
				Observed: observed[i], Expected: sum[i] / knoxPermutations,
				P: float64(1+atLeast[i]) / (1 + knoxPermutations)}
			kb.Ratio = ratio(float64(kb.Observed), kb.Expected)
			out = append(out, kb)
		}
	}
	return out
}

// knoxPair is two points, by index.
type knoxPair struct{ a, b int32 }

// knoxPairs returns, for each distance band, the pairs of points that
// fall in it. Points are put in square buckets as wide as the largest
// distance, so only the 3 x 3 buckets around a point are searched.
func knoxPairs(xs, ys []float64) (pairs [knoxDistBands][]knoxPair) {
	size := knoxDistM[knoxDistBands]
	type key struct{ x, y int }
	buckets := map[key][]int32{}
	for i := range xs {
		k := key{int(math.Floor(xs[i] / size)), int(math.Floor(ys[i] / size))}
		buckets[k] = append(buckets[k], int32(i))
	}
	for i := range xs {
		kx, ky := int(math.Floor(xs[i]/size)), int(math.Floor(ys[i]/size))
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				for _, j := range buckets[key{kx + dx, ky + dy}] {
					if int(j) <= i {
						continue
					}
					d := math.Hypot(xs[i]-xs[j], ys[i]-ys[j])
					for db := range knoxDistBands {
						if d >= knoxDistM[db] && d < knoxDistM[db+1] {
							pairs[db] = append(pairs[db], knoxPair{int32(i), j})
							break
						}
					}
				}
			}
		}
	}
	return pairs
}
