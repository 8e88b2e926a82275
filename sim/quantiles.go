package sim

import (
	"math"
	"math/bits"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// addSample appends x to the series s, doubling its room when full: a
// series of a million samples is copied about once as it grows, rather
// than the four times of append's growth by a quarter.
func addSample[T any](s []T, x T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 1024))
	}
	return append(s, x)
}

// The end-of-run summaries (mean, median, 90th percentile) of series of
// up to millions of samples: the mean is gonum's stat.Mean over the
// samples in the order they were recorded, and the two quantiles are
// found without sorting (summarizer), in two linear passes.

// The mean's sum (f64.Sum) adds a first element alone when the slice does
// not start on a 16-byte boundary and then pairs: the last bits of a mean
// depend on where its samples start. Every series summarized here starts
// on a 16-byte boundary, so that a mean is the one stat.Mean gives on a
// slice of its own: newSeries allocates at least 32 bytes (Go's allocator
// puts blocks of 32 bytes and more on 16-byte boundaries) and series
// cut from one buffer (seriesRoom) start at even indices.

// newSeries returns an empty series with room for n samples, starting on
// a 16-byte boundary.
func newSeries(n int) []float64 { return make([]float64, 0, max(n, 4)) }

// seriesRoom hands out room for new series from spare buffers (series
// already summarized, whose room is free) before it allocates: the rows
// of the response by period are cut from the processing and travel
// series instead of from megabytes of fresh memory. Every buffer starts
// on a 16-byte boundary, and so does every series cut from one (at an
// even index).
type seriesRoom struct {
	bufs [][]float64 // the buffers, each cut up to its length
}

// cut returns an empty series with room for n samples, from the first
// buffer with that much left, else from a new buffer with room for n and
// the rest more (the room the series still to come need, in one
// allocation).
func (sr *seriesRoom) cut(n, rest int) []float64 {
	for i, b := range sr.bufs {
		if at := len(b) + len(b)%2; at+n <= cap(b) {
			sr.bufs[i] = b[:at+n]
			return b[at : at : at+n]
		}
	}
	b := newSeries(n + rest)
	sr.bufs = append(sr.bufs, b[:n])
	return b[:0:n]
}

// free empties every buffer: the series cut from them are no longer
// read.
func (sr *seriesRoom) free() {
	for i, b := range sr.bufs {
		sr.bufs[i] = b[:0]
	}
}

// summarizer takes the summaries of series, keeping its buffers from
// one to the next. For a long series it counts the samples by the top
// bits of their keys (floatKey: sign, exponent and leading mantissa
// bits, in the samples' order), which finds the bucket each quantile
// falls in; only the samples of those buckets, a small share, are then
// gathered and searched by selection (selectKth). A long series whose
// samples are all equal is told by one pass that stops, for any other,
// at the first sample that differs. A short series is copied and
// searched whole.
type summarizer struct {
	top  []uint32  // per top digit, the samples with it
	pick []float64 // the samples searched by selection
}

// topBits is the width of the digit a long series' samples are counted
// by; bucketedMin the length from which counting pays for its pass over
// the 2^topBits counts.
const (
	topBits     = 16
	topShift    = 64 - topBits
	bucketedMin = 1 << 13
	signBit     = uint64(1) << 63
)

// floatKey maps a float64 to a uint64 whose unsigned order is the float's
// order (-0 before +0): negative values with every bit flipped, others
// with the sign bit set, without a branch.
func floatKey(x float64) uint64 {
	b := math.Float64bits(x)
	return b ^ (uint64(int64(b)>>63) | signBit)
}

// summarize describes xs, which it leaves as it is: its mean over the
// samples in their order, and its median and 90th percentile (empirical
// quantiles, as stat.Quantile(p, stat.Empirical, ...) gives on the sorted
// samples). xs holds no NaN.
func summarize(xs []float64) Summary { return (&summarizer{}).summarize(xs) }

// summarize is the package's summarize with z's buffers.
func (z *summarizer) summarize(xs []float64) Summary {
	s := Summary{N: len(xs)}
	if len(xs) == 0 {
		return s
	}
	mean := stat.Mean(xs, nil)
	med, p90 := z.quantiles(xs, empiricalIndex(len(xs), 0.5), empiricalIndex(len(xs), 0.9))
	s.Mean, s.Median, s.P90 = &mean, &med, &p90
	return s
}

// quantiles returns the values at indices lo <= hi of xs sorted.
func (z *summarizer) quantiles(xs []float64, lo, hi int) (float64, float64) {
	if len(xs) < bucketedMin {
		z.pick = append(z.pick[:0], xs...)
		return pickPair(z.pick, lo, hi)
	}
	if constant(xs) { // the zero travel times of a queue without travel, say
		return xs[0], xs[0]
	}
	if z.top == nil {
		z.top = make([]uint32, 1<<topBits)
	}
	top := z.top
	clear(top)
	for _, x := range xs {
		top[floatKey(x)>>topShift]++
	}
	// Bucket d holds the sorted indices [start, start + top[d]).
	dlo, dhi, slo, shi := -1, -1, 0, 0
	start := 0
	for d, c := range top {
		end := start + int(c)
		if dlo < 0 && lo < end {
			dlo, slo = d, start
		}
		if hi < end {
			dhi, shi = d, start
			break
		}
		start = end
	}
	n := int(top[dlo])
	room := n
	if dhi != dlo {
		room += int(top[dhi])
	}
	// One pass gathers the lower bucket's samples into pick[:n] and the
	// upper one's (when it is another) after them.
	z.pick = slices.Grow(z.pick[:0], room)[:room]
	i, j := 0, n
	for _, x := range xs {
		switch int(floatKey(x) >> topShift) {
		case dlo:
			z.pick[i] = x
			i++
		case dhi:
			z.pick[j] = x
			j++
		}
	}
	if dlo == dhi {
		return pickPair(z.pick, lo-slo, hi-slo)
	}
	selectKth(z.pick[:n], lo-slo)
	selectKth(z.pick[n:], hi-shi)
	return z.pick[lo-slo], z.pick[n+hi-shi]
}

// constant reports whether every sample of xs has the key of the first;
// it stops at the first that has not, most often the second.
func constant(xs []float64) bool {
	k := floatKey(xs[0])
	for _, x := range xs {
		if floatKey(x) != k {
			return false
		}
	}
	return true
}

// pickPair returns the values at indices lo <= hi of xs sorted,
// reordering xs.
func pickPair(xs []float64, lo, hi int) (float64, float64) {
	selectKth(xs, hi)
	v := xs[hi]
	if lo == hi {
		return v, v
	}
	selectKth(xs[:hi], lo) // the samples before index hi are its smallest
	return xs[lo], v
}

// empiricalIndex returns the index in n sorted samples of their empirical
// p-quantile: the first value with at least the share p of the sample at
// or below it, as stat.Quantile(p, stat.Empirical, ...) takes it (its
// running count reaches p x n at the index ceil(p x n) - 1).
func empiricalIndex(n int, p float64) int {
	return max(int(math.Ceil(p*float64(n))), 1) - 1
}

// selectMin is the length of a range below which selectKth sorts it by
// insertion.
const selectMin = 16

// selectKth reorders xs (no NaN) so that xs[k] holds the value a sort
// would put there, with no greater value before it and no smaller one
// after. It is Hoare's quickselect with a median-of-three pivot and a
// three-way partition, so that runs of equal samples (the zero queue
// delays of the calls that did not wait) are settled in one pass; a
// range that has not shrunk enough after 2 log2(n) + 4 partitions is
// sorted instead, which bounds the worst case at a sort's cost.
func selectKth(xs []float64, k int) {
	lo, hi := 0, len(xs)
	budget := 2*bits.Len(uint(len(xs))) + 4
	for hi-lo > selectMin {
		if budget == 0 {
			slices.Sort(xs[lo:hi])
			return
		}
		budget--
		p := medianOf3(xs[lo], xs[lo+(hi-lo)/2], xs[hi-1])
		// Dijkstra's partition: [lo, lt) below p, [lt, i) equal to p,
		// [gt, hi) above it, [i, gt) not yet seen.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch x := xs[i]; {
			case x < p:
				xs[lt], xs[i] = x, xs[lt]
				lt++
				i++
			case x > p:
				gt--
				xs[i], xs[gt] = xs[gt], x
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return // xs[k] equals the pivot, in its place
		}
	}
	insertionSort(xs[lo:hi])
}

// medianOf3 returns the middle one of a, b and c.
func medianOf3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}

// insertionSort sorts a short xs in ascending order.
func insertionSort(xs []float64) {
	for i := 1; i < len(xs); i++ {
		x := xs[i]
		j := i
		for ; j > 0 && xs[j-1] > x; j-- {
			xs[j] = xs[j-1]
		}
		xs[j] = x
	}
}
