package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"unsafe"
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
// apart (the difference of the days the two happened on), lo to hi - 1:
// fewer than knoxNearDays, then fewer than knoxWithinDays.
var (
	knoxDistM = [...]float64{0, 200, 400, 800}
	knoxDays  = [...]int{0, knoxNearDays, knoxWithinDays}
)

const (
	knoxNearDays   = 15
	knoxWithinDays = 61
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
	// Days are counted from the earliest burglary's, 0 to span, so that
	// they fit the narrowest lanes they can (knoxLaneBits).
	first, last := days[0], days[0]
	for _, d := range days {
		first, last = min(first, d), max(last, d)
	}
	for i := range days {
		days[i] -= first
	}
	observed, sum, atLeast := knoxPermute(adj, days, last-first, rng)
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

// knoxBandsN is the number of cells of the Knox table, distance-major:
// cell db knoxTimeBands + tb.
const knoxBandsN = knoxDistBands * knoxTimeBands

// knoxPermute returns the counts of the pairs of each band (as float64
// for the sums), the sums of the counts over knoxPermutations shuffles of
// the days drawn from rng, and how many shuffles counted at least the
// observed pairs. Point i happened on days[i], 0 to span. The shuffles
// permute the days in the points' order, each the one before, as a
// shuffle of days would; the observed days and the shuffles are counted
// as many at a time as share a word (knoxLaneBits).
func knoxPermute(adj *knoxAdj, days []int32, span int32, rng *rand.Rand) (observed, sum [knoxBandsN]float64, atLeast [knoxBandsN]int) {
	bits := knoxLaneBits(span)
	batch := make([][]int32, 64/bits)
	for k := range batch {
		batch[k] = make([]int32, len(days))
	}
	perm := slices.Clone(days)
	var obs [knoxBandsN]int
	for v0 := 0; v0 <= knoxPermutations; v0 += len(batch) {
		// Day vector v is the observed days for v = 0, else shuffle v.
		vs := batch[:min(len(batch), knoxPermutations+1-v0)]
		for k := range vs {
			if v0+k > 0 {
				rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			}
			copy(vs[k], perm)
		}
		for k, counts := range knoxCount(adj, vs, bits) {
			if v0+k == 0 {
				obs = counts
				continue
			}
			for i, n := range counts {
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

// The pairs are counted in SWAR fashion (SIMD within a register): the day
// vectors counted together share a 64-bit word, one lane of bits bits
// each, and one subtraction of two words takes the differences of the
// two points' days in every lane at once. A lane holds 2^(bits-1) + day;
// a point's days, less a bound, are subtracted from its partner's word
// (knoxTally), so that the top bit of a lane of the result says on which
// side of the bound the difference lies, without a borrow crossing into
// the next lane while the span leaves room for it (knoxLaneBits).

// knoxLaneWidths are the widths a lane can have, narrowest first: a word
// holds 64 / width of them, 6 to 1.
var knoxLaneWidths = [...]uint{10, 12, 16, 21, 32, 64}

// knoxLaneBits returns the width of a lane for days 0 to span: the
// narrowest of knoxLaneWidths in which the differences of span plus the
// widest time band fit (10 bits, 6 vectors a word, up to 451 days; 12
// bits, 5 a word, up to 1,987; 16 bits, 4 a word, up to 32,707).
func knoxLaneBits(span int32) uint {
	h := int64(knoxWithinDays)
	for _, bits := range knoxLaneWidths[:len(knoxLaneWidths)-1] {
		if int64(span) <= 1<<(bits-1)-h {
			return bits
		}
	}
	return 64
}

// knoxCount returns the pairs of each band for each day vector of vs, at
// most 64 / bits of them, counted in lanes of bits bits: in vector k
// point i happened on day vs[k][i], 0 to a span knoxLaneBits gives bits
// or fewer for.
func knoxCount(adj *knoxAdj, vs [][]int32, bits uint) [][knoxBandsN]int {
	switch bits {
	case 10:
		return knoxCountIn[[10]byte](adj, vs)
	case 12:
		return knoxCountIn[[12]byte](adj, vs)
	case 16:
		return knoxCountIn[[16]byte](adj, vs)
	case 21:
		return knoxCountIn[[21]byte](adj, vs)
	case 32:
		return knoxCountIn[[32]byte](adj, vs)
	}
	return knoxCountIn[[64]byte](adj, vs)
}

// knoxLane is the type of a lane: an array of as many bytes as the lane
// has bits (one of knoxLaneWidths), so that each width is a type of its
// own and the compiler makes the counting of each with its width's
// constants.
type knoxLane interface {
	[10]byte | [12]byte | [16]byte | [21]byte | [32]byte | [64]byte
}

// knoxLaneOf returns the width of a lane of type L in bits, a word with
// a 1 in the lowest bit of each of its lanes, and the mask of one lane.
func knoxLaneOf[L knoxLane]() (bits uint, ones, lane uint64) {
	var l L
	bits = uint(unsafe.Sizeof(l))
	// Every bit of the lanes over every bit of one: the sum of the
	// powers of 2^bits, written so that it is a constant for the compiler.
	all := ^uint64(0) >> (64 - 64/bits*bits)
	lane = ^uint64(0) >> (64 - bits)
	return bits, all / lane, lane
}

// knoxCountIn is knoxCount with lanes of type L.
func knoxCountIn[L knoxLane](adj *knoxAdj, vs [][]int32) [][knoxBandsN]int {
	bits, ones, lane := knoxLaneOf[L]()
	top := ones << (bits - 1)
	// A lane counts at most chunk pairs before it is emptied into n.
	chunk := int(min(lane, math.MaxInt32))
	words := make([]uint64, len(adj.order))
	for m, i := range adj.order {
		words[m] = top
		for k, v := range vs {
			words[m] += uint64(v[i]) << (bits * uint(k))
		}
	}
	n := make([][knoxBandsN]int, len(vs))
	// near and within count, in each lane, the pairs of each distance band
	// fewer than knoxNearDays and knoxWithinDays apart, emptied into n
	// before pending reaches chunk.
	var near, within [knoxDistBands]uint64
	pending := 0
	empty := func() {
		for db := range knoxDistBands {
			for k := range vs {
				sh := bits * uint(k)
				nr, wi := int(near[db]>>sh&lane), int(within[db]>>sh&lane)
				n[k][db*knoxTimeBands] += nr
				n[k][db*knoxTimeBands+1] += wi - nr
			}
		}
		near, within, pending = [knoxDistBands]uint64{}, [knoxDistBands]uint64{}, 0
	}
	for a, w := range words {
		// A partner's word less the point's, w - top less h - 1 in every
		// lane, has the top bit of a lane set when the partner's day is
		// at most h - 1 below the point's (knoxTally).
		d := w - top
		near1, within1 := d-(knoxNearDays-1)*ones, d-(knoxWithinDays-1)*ones
		for db := range knoxDistBands {
			for lo, end := int(adj.start[a*knoxDistBands+db]), int(adj.start[a*knoxDistBands+db+1]); lo < end; lo += chunk {
				hi := min(lo+chunk, end)
				if pending+hi-lo > chunk {
					empty()
				}
				pending += hi - lo
				near[db], within[db] = knoxTally[L](words, adj.next[lo:hi], near1, within1, near[db], within[db])
			}
		}
	}
	empty()
	return n
}

// knoxTally adds to near and within, in each lane of type L, the pairs of
// one point with the partners of next: within counts those fewer than
// knoxWithinDays apart, near those fewer than knoxNearDays. For a point
// with days d (its word less the top bits), near1 is d - (knoxNearDays -
// 1) in every lane and within1 d - (knoxWithinDays - 1). A partner's
// word less near1 has the top bit of a lane set when the partner's day
// is at most knoxNearDays - 1 below the point's; less near1 + (2
// knoxNearDays - 1) in every lane, the top bit clear when it is at most
// knoxNearDays - 1 above; likewise for within1. It is kept out of
// knoxCountIn so that its loop has the registers to itself.
//
//go:noinline
func knoxTally[L knoxLane](words []uint64, next []uint32, near1, within1, near, within uint64) (uint64, uint64) {
	bits, ones, _ := knoxLaneOf[L]()
	shift := bits - 1
	nearW, withinW := (2*knoxNearDays-1)*ones, (2*knoxWithinDays-1)*ones
	for _, b := range next {
		w := words[b]
		x, y := w-near1, w-within1
		near += (x &^ (x - nearW)) >> shift & ones
		within += (y &^ (y - withinW)) >> shift & ones
	}
	return near, within
}

// knoxAdj holds the pairs of points within the largest distance, as
// adjacency lists over the points put in the order of the buckets of
// knoxAdjacency (so that a point's partners lie close to it in memory):
// position m is point order[m], and the partners b > a of position a in
// distance band db are next[start[a knoxDistBands + db]:start[a
// knoxDistBands + db + 1]]. The offsets are int32: fewer than 2^31
// pairs.
type knoxAdj struct {
	order []int32
	start []int32
	next  []uint32
}

// knoxAdjacency returns the pairs of points within the largest distance
// and their distance bands. Points are put in square buckets a
// knoxBucketsPer of the largest distance wide, so only the buckets some
// of whose points can be that close to a point's are searched, and
// numbered bucket by bucket.
func knoxAdjacency(xs, ys []float64) *knoxAdj {
	size := knoxDistM[knoxDistBands] / knoxBucketsPer
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
	adj := &knoxAdj{order: make([]int32, len(xs)), start: make([]int32, 1, len(xs)*knoxDistBands+1)}
	px := make([]float64, len(xs))
	py := make([]float64, len(xs))
	fill := append([]int32(nil), first[:w*h]...)
	for i := range xs {
		k := (by[i]-y0)*w + bx[i] - x0
		adj.order[fill[k]], px[fill[k]], py[fill[k]] = int32(i), xs[i], ys[i]
		fill[k]++
	}
	// Bucket offsets (ox, oy) with points closer than the largest
	// distance: those whose nearest corners are, in buckets' widths.
	var offsets [][2]int
	for oy := -knoxBucketsPer; oy <= knoxBucketsPer; oy++ {
		for ox := -knoxBucketsPer; ox <= knoxBucketsPer; ox++ {
			gx, gy := max(ox, -ox, 1)-1, max(oy, -oy, 1)-1
			if gx*gx+gy*gy < knoxBucketsPer*knoxBucketsPer {
				offsets = append(offsets, [2]int{ox, oy})
			}
		}
	}
	// A pair is in the first band db whose bound its squared distance is
	// below, lo[db] and beyond, hi[db], by a margin far wider than the
	// rounding of either; math.Hypot decides between (knoxDistBand).
	const margin = 1e-9
	var lo, hi [knoxDistBands]float64
	for db := range lo {
		b2 := knoxDistM[db+1] * knoxDistM[db+1]
		lo[db], hi[db] = b2*(1-margin), b2*(1+margin)
	}
	// The partners searched, an upper bound on the pairs, size next at
	// once: at four times the baseline's load a million pairs, whose
	// growth by append cost a tenth of the table's time. Each point
	// searches its own bucket's later points and every point of the
	// buckets around it that come later, so the count is, bucket by
	// bucket, the pairs within it and half those with its neighbours.
	// bucket returns the index of bucket (x, y), false beyond the
	// points' buckets.
	bucket := func(x, y int) (int, bool) {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return 0, false
		}
		return (y-y0)*w + x - x0, true
	}
	var within, across int
	for k := range w * h {
		n := int(first[k+1] - first[k])
		if n == 0 {
			continue
		}
		within += n * (n - 1) / 2
		x, y := x0+k%w, y0+k/w
		for _, o := range offsets {
			if k2, ok := bucket(x+o[0], y+o[1]); ok && k2 != k {
				across += n * int(first[k2+1]-first[k2])
			}
		}
	}
	adj.next = make([]uint32, 0, within+across/2)
	var band [knoxDistBands][]uint32
	for a, i := range adj.order {
		for _, o := range offsets {
			k, ok := bucket(bx[i]+o[0], by[i]+o[1])
			if !ok {
				continue
			}
			for m := max(int(first[k]), a+1); m < int(first[k+1]); m++ {
				dx, dy := px[a]-px[m], py[a]-py[m]
				d2 := dx*dx + dy*dy
				if d2 > hi[knoxDistBands-1] {
					continue
				}
				db := 0
				for db < knoxDistBands && d2 >= lo[db] {
					if d2 <= hi[db] {
						db = knoxDistBand(dx, dy)
						break
					}
					db++
				}
				if db >= 0 && db < knoxDistBands {
					band[db] = append(band[db], uint32(m))
				}
			}
		}
		for db := range band {
			adj.next = append(adj.next, band[db]...)
			adj.start = append(adj.start, int32(len(adj.next)))
			band[db] = band[db][:0]
		}
	}
	return adj
}

// knoxBucketsPer is how many buckets of knoxAdjacency span the largest
// distance: 4, so that the buckets searched cover about 3 km^2 around a
// point for the 2 km^2 within 800 m, where buckets as wide as the
// distance would cover 5.8.
const knoxBucketsPer = 4

// knoxDistBand returns the distance band math.Hypot(dx, dy) falls in, or
// -1 beyond the largest distance.
func knoxDistBand(dx, dy float64) int {
	d := math.Hypot(dx, dy)
	for db := range knoxDistBands {
		if d >= knoxDistM[db] && d < knoxDistM[db+1] {
			return db
		}
	}
	return -1
}
