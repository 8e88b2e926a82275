package sim

import (
	"math"
	"math/rand/v2"
	"slices"
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
var (
	knoxDistM = [...]float64{0, 200, 400, 800}
	knoxDays  = [...]int{0, 15, 61}
)

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
	adj := knoxAdjacency(xs, ys)
	// Days are counted from the earliest burglary's, so that they index
	// the counting tables: 0 to span.
	first, last := days[0], days[0]
	for _, d := range days {
		first, last = min(first, d), max(last, d)
	}
	for i := range days {
		days[i] -= first
	}
	tabs := knoxTables(last - first)
	observed := adj.count(days, tabs)
	var sum [knoxDistBands * knoxTimeBands]float64
	var atLeast [knoxDistBands * knoxTimeBands]int
	perm := make([]int32, len(days))
	copy(perm, days)
	for range knoxPermutations {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		for i, n := range adj.count(perm, tabs) {
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

// Counting a pair is one addition of a table entry (knoxTables): time
// bands are counted two at a time, 2g in the low 32 bits of a word and 2g
// + 1 in the high ones, with table g.
const knoxWordBands = 2

// knoxTables returns the counting tables of days 0 to span: entry span +
// dt of table g counts one pair dt days apart (dt from -span to span), 1
// in the half of the word of its time band when that is 2g or 2g + 1.
func knoxTables(span int32) [][]uint64 {
	tabs := make([][]uint64, (knoxTimeBands+knoxWordBands-1)/knoxWordBands)
	for g := range tabs {
		tabs[g] = make([]uint64, 2*span+1)
		for i := range tabs[g] {
			dt := i - int(span)
			if dt < 0 {
				dt = -dt
			}
			for h := range knoxWordBands {
				tb := g*knoxWordBands + h
				if tb < knoxTimeBands && dt >= knoxDays[tb] && dt < knoxDays[tb+1] {
					tabs[g][i] = 1 << (32 * h)
				}
			}
		}
	}
	return tabs
}

// knoxAdj holds the pairs of each distance band db as adjacency lists:
// the partners b > a of point a are next[db][start[db][a]:start[db][a+1]].
// The offsets are int32: a band holds fewer than 2^31 pairs, so its
// count fits in half a word.
type knoxAdj struct {
	start, next [knoxDistBands][]int32
}

// count returns the pairs of each band, distance-major, when point i
// happened on day[i] (0 to span, the span of tabs, the knoxTables of the
// days).
func (adj *knoxAdj) count(day []int32, tabs [][]uint64) (n [knoxDistBands * knoxTimeBands]int) {
	for db := range knoxDistBands {
		for g, tab := range tabs {
			acc := knoxSum(tab, day, adj.start[db], adj.next[db])
			for h := range knoxWordBands {
				if tb := g*knoxWordBands + h; tb < knoxTimeBands {
					n[db*knoxTimeBands+tb] = int(uint32(acc >> (32 * h)))
				}
			}
		}
	}
	return n
}

// knoxSum returns the sum over the pairs of one distance band, point a
// and its partners next[start[a]:start[a+1]], of tab's entry for the two
// points' days. It is kept out of count so that its loop has the
// registers to itself.
//
//go:noinline
func knoxSum(tab []uint64, day, start, next []int32) (acc uint64) {
	span := (len(tab) - 1) / 2
	for a, da := range day {
		// row[d] is the entry of a pair of a with a point of day d.
		row := tab[span-int(da):][:span+1]
		for _, b := range next[start[a]:start[a+1]] {
			acc += row[day[b]]
		}
	}
	return acc
}

// knoxAdjacency returns the pairs of points within each distance band.
// Points are put in square buckets as wide as the largest distance, so
// only the 3 x 3 buckets around a point are searched.
func knoxAdjacency(xs, ys []float64) *knoxAdj {
	size := knoxDistM[knoxDistBands]
	// Farther than size apart for sure: math.Hypot is within a few ulps
	// of the distance, so the margin keeps every pair it would place in
	// a band.
	far := size * size * (1 + 1e-9)
	bx := make([]int, len(xs))
	by := make([]int, len(xs))
	x0, y0, x1, y1 := math.MaxInt, math.MaxInt, math.MinInt, math.MinInt
	for i := range xs {
		bx[i], by[i] = int(math.Floor(xs[i]/size)), int(math.Floor(ys[i]/size))
		x0, y0, x1, y1 = min(x0, bx[i]), min(y0, by[i]), max(x1, bx[i]), max(y1, by[i])
	}
	// Bucket (x, y), k = (y - y0) w + x - x0, holds points
	// in[first[k]:first[k+1]] in increasing order, at bucketX and bucketY.
	w, h := x1-x0+1, y1-y0+1
	first := make([]int32, w*h+1)
	for i := range xs {
		first[(by[i]-y0)*w+bx[i]-x0+1]++
	}
	for k := range w * h {
		first[k+1] += first[k]
	}
	in := make([]int32, len(xs))
	bucketX := make([]float64, len(xs))
	bucketY := make([]float64, len(xs))
	fill := append([]int32(nil), first[:w*h]...)
	for i := range xs {
		k := (by[i]-y0)*w + bx[i] - x0
		in[fill[k]], bucketX[fill[k]], bucketY[fill[k]] = int32(i), xs[i], ys[i]
		fill[k]++
	}
	adj := &knoxAdj{}
	for db := range adj.start {
		adj.start[db] = make([]int32, 1, len(xs)+1)
	}
	for i := range xs {
		for y := max(by[i]-1, y0); y <= min(by[i]+1, y1); y++ {
			for x := max(bx[i]-1, x0); x <= min(bx[i]+1, x1); x++ {
				k := (y-y0)*w + x - x0
				lo, hi := int(first[k]), int(first[k+1])
				after, _ := slices.BinarySearch(in[lo:hi], int32(i+1))
				for m := lo + after; m < hi; m++ {
					dx, dy := xs[i]-bucketX[m], ys[i]-bucketY[m]
					if dx*dx+dy*dy > far {
						continue
					}
					d := math.Hypot(dx, dy)
					for db := range knoxDistBands {
						if d >= knoxDistM[db] && d < knoxDistM[db+1] {
							adj.next[db] = append(adj.next[db], in[m])
							break
						}
					}
				}
			}
		}
		for db := range adj.start {
			adj.start[db] = append(adj.start[db], int32(len(adj.next[db])))
		}
	}
	return adj
}
