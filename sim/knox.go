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
	// the counting table: 0 to span.
	first, last := days[0], days[0]
	for _, d := range days {
		first, last = min(first, d), max(last, d)
	}
	for i := range days {
		days[i] -= first
	}
	var observed, sum [knoxLanes]float64
	var atLeast [knoxLanes]int
	if last-first < 1<<16 {
		observed, sum, atLeast = knoxPermute[uint16](adj, days, last-first, rng)
	} else {
		observed, sum, atLeast = knoxPermute[int32](adj, days, last-first, rng)
	}
	out := make([]KnoxBand, 0, len(observed))
	for db := range knoxDistBands {
		for tb := range knoxTimeBands {
			i := db*knoxTimeBands + tb
			kb := KnoxBand{DistLoM: knoxDistM[db], DistHiM: knoxDistM[db+1], DaysLo: knoxDays[tb], DaysHi: knoxDays[tb+1] - 1,
				Observed: int(observed[i]), Expected: sum[i] / knoxPermutations,
				P: float64(1+atLeast[i]) / (1 + knoxPermutations)}
			kb.Ratio = ratio(float64(kb.Observed), kb.Expected)
			out = append(out, kb)
		}
	}
	return out
}

// knoxDay is the type of the days the counting reads: uint16 when the
// days span fewer than 2^16, so that more of them stay in the cache.
type knoxDay interface{ uint16 | int32 }

// knoxPermute returns the counts of the pairs of each band (distance
// major, as float64 for the sums), the sums of the counts over
// knoxPermutations shuffles of the days drawn from rng, and how many
// shuffles counted at least the observed pairs. Point i happened on
// days[i], 0 to span. The shuffles permute the days in the points'
// order, each the one before, as a shuffle of days would; the observed
// days and the shuffles are counted knoxBatch at a time, read in adj's
// order.
func knoxPermute[D knoxDay](adj *knoxAdj, days []int32, span int32, rng *rand.Rand) (observed, sum [knoxLanes]float64, atLeast [knoxLanes]int) {
	tab := knoxTable(span)
	perm := make([]D, len(days))
	for i, d := range days {
		perm[i] = D(d)
	}
	at := make([][knoxBatch]D, len(days))
	var obs [knoxLanes]int
	for v0 := 0; v0 <= knoxPermutations; v0 += knoxBatch {
		// Day vector v is the observed days for v = 0, else shuffle v.
		for v := v0; v < min(v0+knoxBatch, knoxPermutations+1); v++ {
			if v > 0 {
				rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			}
			for m, i := range adj.order {
				at[m][v-v0] = perm[i]
			}
		}
		counts := knoxCount(adj, at, tab)
		for v := v0; v < min(v0+knoxBatch, knoxPermutations+1); v++ {
			if v == 0 {
				obs = counts[0]
				continue
			}
			for i, n := range counts[v-v0] {
				sum[i] += float64(n)
				if n >= obs[i] {
					atLeast[i]++
				}
			}
		}
	}
	for i, n := range obs {
		observed[i] = float64(n)
	}
	return observed, sum, atLeast
}

// knoxBatch is the number of day vectors counted in one pass over the
// pairs: a pair's partner is read once for all of them.
const knoxBatch = 2

// Counting a pair is one addition to a word of knoxLanes counters of
// knoxLaneBits bits each, one per band (distance-major: lane db
// knoxTimeBands + tb), emptied into the counts every knoxChunk pairs at
// most, before a counter can overflow.
const (
	knoxLanes    = knoxDistBands * knoxTimeBands
	knoxLaneBits = 64 / knoxLanes
	knoxChunk    = 1<<knoxLaneBits - 1
)

// knoxTable returns the counting table of days 0 to span: entry
// (span + dt)<<knoxBandBits | db counts one pair of distance band db dt
// days apart (dt from -span to span), 1 in the lane of its band.
func knoxTable(span int32) []uint64 {
	tab := make([]uint64, (2*span+1)<<knoxBandBits)
	for i := range 2*span + 1 {
		dt := int(i - span)
		if dt < 0 {
			dt = -dt
		}
		for tb := range knoxTimeBands {
			if dt >= knoxDays[tb] && dt < knoxDays[tb+1] {
				for db := range knoxDistBands {
					tab[int(i)<<knoxBandBits|db] = 1 << (knoxLaneBits * (db*knoxTimeBands + tb))
				}
			}
		}
	}
	return tab
}

// knoxBandBits is the width of the distance band a partner list holds
// in the low bits of an entry, the partner above them (fewer than 2^30
// points).
const knoxBandBits = 2

// knoxAdj holds the pairs of points within the largest distance, as
// adjacency lists over the points put in the order of the buckets of
// knoxAdjacency (so that a point's partners lie close to it in the
// days): position m is point order[m], and the partners b > a of
// position a are next[start[a]:start[a+1]], each b<<knoxBandBits | the
// pair's distance band. The offsets are int32: fewer than 2^31 pairs.
type knoxAdj struct {
	order []int32
	start []int32
	next  []uint32
}

// knoxCount returns the pairs of each band, distance-major, for each of
// knoxBatch day vectors: in vector k the point at position m of adj
// happened on day[m][k] (0 to span, the span of tab, the knoxTable of
// the days).
func knoxCount[D knoxDay](adj *knoxAdj, day [][knoxBatch]D, tab []uint64) (n [knoxBatch][knoxLanes]int) {
	span := (len(tab)>>knoxBandBits - 1) / 2
	start, next := adj.start, adj.next
	for a := range day {
		// The entry of a pair of a in vector k with a point of day d is
		// tab[rows[k] + d<<knoxBandBits | db].
		var rows [knoxBatch]int
		for k, da := range day[a] {
			rows[k] = (span - int(da)) << knoxBandBits
		}
		for lo, end := start[a], start[a+1]; lo < end; lo += knoxChunk {
			acc := knoxSum(tab, rows, day, next[lo:min(lo+knoxChunk, end)])
			for k := range acc {
				for l := range n[k] {
					n[k][l] += int(acc[k] >> (knoxLaneBits * l) & knoxChunk)
				}
			}
		}
	}
	return n
}

// knoxSum returns, for each day vector k, the word of lanes that counts
// the pairs of one point, at most knoxChunk of them, with the partners
// of next: the entry of tab for the two days and the pair's band. It is
// kept out of knoxCount so that its loop has the registers to itself.
//
//go:noinline
func knoxSum[D knoxDay](tab []uint64, rows [knoxBatch]int, day [][knoxBatch]D, next []uint32) (acc [knoxBatch]uint64) {
	r0, r1 := rows[0], rows[1]
	var a0, a1 uint64
	for _, p := range next {
		d := &day[p>>knoxBandBits]
		db := int(p & (1<<knoxBandBits - 1))
		a0 += tab[r0+int(d[0])<<knoxBandBits|db]
		a1 += tab[r1+int(d[1])<<knoxBandBits|db]
	}
	return [knoxBatch]uint64{a0, a1}
}

// knoxAdjacency returns the pairs of points within the largest distance
// and their distance bands. Points are put in square buckets as wide as
// the largest distance, so only the 3 x 3 buckets around a point are
// searched, and numbered bucket by bucket.
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
	// Bucket (x, y), k = (y - y0) w + x - x0, holds positions
	// first[k] to first[k+1] - 1: points order[m] at px[m], py[m], in
	// increasing order.
	w, h := x1-x0+1, y1-y0+1
	first := make([]int32, w*h+1)
	for i := range xs {
		first[(by[i]-y0)*w+bx[i]-x0+1]++
	}
	for k := range w * h {
		first[k+1] += first[k]
	}
	adj := &knoxAdj{order: make([]int32, len(xs)), start: make([]int32, 1, len(xs)+1)}
	px := make([]float64, len(xs))
	py := make([]float64, len(xs))
	fill := append([]int32(nil), first[:w*h]...)
	for i := range xs {
		k := (by[i]-y0)*w + bx[i] - x0
		adj.order[fill[k]], px[fill[k]], py[fill[k]] = int32(i), xs[i], ys[i]
		fill[k]++
	}
	for a, i := range adj.order {
		for y := max(by[i]-1, y0); y <= min(by[i]+1, y1); y++ {
			for x := max(bx[i]-1, x0); x <= min(bx[i]+1, x1); x++ {
				k := (y-y0)*w + x - x0
				for m := max(int(first[k]), a+1); m < int(first[k+1]); m++ {
					dx, dy := px[a]-px[m], py[a]-py[m]
					if dx*dx+dy*dy > far {
						continue
					}
					d := math.Hypot(dx, dy)
					for db := range knoxDistBands {
						if d >= knoxDistM[db] && d < knoxDistM[db+1] {
							adj.next = append(adj.next, uint32(m)<<knoxBandBits|uint32(db))
							break
						}
					}
				}
			}
		}
		adj.start = append(adj.start, int32(len(adj.next)))
	}
	return adj
}
