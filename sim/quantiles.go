package sim

import (
	"math"
	"slices"
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

// The end-of-run summaries (mean, median, 90th percentile) are taken over
// sorted samples: stat.Quantile needs them sorted, and the mean is summed
// in sorted order. With up to millions of samples per series the sort
// dominated the close of a long run, so it is a radix sort here: the same
// sorted sequence as slices.Sort (for samples that are not NaN; -0 sorts
// before +0), hence the same summaries to the last bit, in a few linear
// passes.

// The mean is gonum's stat.Mean, whose sum (f64.Sum) adds a first
// element alone when the slice does not start on a 16-byte boundary and
// then pairs: the last bits of a mean depend on where its samples start.
// Every series summarized here starts on a 16-byte boundary, as the
// slices that append grew did before: newSeries allocates at least 32
// bytes (Go's allocator puts blocks of 32 bytes and more on 16-byte
// boundaries) and rows cut from one buffer start at even indices.

// newSeries returns an empty series with room for n samples, starting on
// a 16-byte boundary.
func newSeries(n int) []float64 { return make([]float64, 0, max(n, 4)) }

// radixMin is the length below which sortFloats leaves the work to
// slices.Sort: for short series the passes over the digit counts cost
// more than comparisons.
const radixMin = 256

// radixBits is the width of one digit: 6 passes of 11 bits cover 64, and
// a pass's 2,048 counts stay in the first-level cache.
const (
	radixBits = 11
	radixSize = 1 << radixBits
	radixPass = (64 + radixBits - 1) / radixBits
	radixMask = radixSize - 1
	signBit   = uint64(1) << 63
)

// floatKey maps a float64 to a uint64 whose unsigned order is the float's
// order: negative values with every bit flipped, others with the sign
// bit set.
func floatKey(x float64) uint64 {
	b := math.Float64bits(x)
	if b&signBit != 0 {
		return ^b
	}
	return b | signBit
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	if k&signBit != 0 {
		return math.Float64frombits(k &^ signBit)
	}
	return math.Float64frombits(^k)
}

// sortScratch holds the radix sort's buffers, kept between the sorts of
// one run's close so that they are allocated once, at the longest series.
type sortScratch struct {
	src, dst []uint64
	tags     []uint8
}

// grown returns buf with length n, reallocated only when too short.
func grown[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// sortFloats sorts xs in ascending order, permuting tags (nil, or as long
// as xs) the same way, so that tags[i] stays with xs[i]; sc (nil: none)
// lends its buffers.
func sortFloats(xs []float64, tags []uint8, sc *sortScratch) {
	n := len(xs)
	if n < radixMin {
		if tags == nil {
			slices.Sort(xs)
			return
		}
		sortSmall(xs, tags)
		return
	}
	if ascending(xs) {
		return // a stable sort leaves sorted keys, and their tags, where they are
	}
	if sc == nil {
		sc = &sortScratch{}
	}
	sc.src, sc.dst = grown(sc.src, n), grown(sc.dst, n)
	src, dst := sc.src, sc.dst
	var tsrc, tdst []uint8
	if tags != nil {
		sc.tags = grown(sc.tags, n)
		tsrc, tdst = tags, sc.tags
	}
	var counts [radixPass][radixSize]int
	for i, x := range xs {
		k := floatKey(x)
		src[i] = k
		for p := range radixPass {
			counts[p][k>>(p*radixBits)&radixMask]++
		}
	}
	for p := range radixPass {
		c := &counts[p]
		if c[src[0]>>(p*radixBits)&radixMask] == n {
			continue // every key has this digit: the pass would not move anything
		}
		sum := 0
		for d := range c {
			c[d], sum = sum, sum+c[d]
		}
		shift := p * radixBits
		for i, k := range src {
			d := k >> shift & radixMask
			dst[c[d]] = k
			if tsrc != nil {
				tdst[c[d]] = tsrc[i]
			}
			c[d]++
		}
		src, dst = dst, src
		tsrc, tdst = tdst, tsrc
	}
	for i, k := range src {
		xs[i] = keyFloat(k)
	}
	if tags != nil && &tsrc[0] != &tags[0] {
		copy(tags, tsrc)
	}
}

// ascending reports whether xs is already in the order of floatKey, the
// order sortFloats sorts into.
func ascending(xs []float64) bool {
	for i := 1; i < len(xs); i++ {
		if floatKey(xs[i]) < floatKey(xs[i-1]) {
			return false
		}
	}
	return true
}

// sortSmall sorts a short xs with its tags by insertion, in the order of
// floatKey.
func sortSmall(xs []float64, tags []uint8) {
	for i := 1; i < len(xs); i++ {
		x, t, k := xs[i], tags[i], floatKey(xs[i])
		j := i
		for ; j > 0 && floatKey(xs[j-1]) > k; j-- {
			xs[j], tags[j] = xs[j-1], tags[j-1]
		}
		xs[j], tags[j] = x, t
	}
}

// mergeSorted returns the sorted sequence of the sorted runs, with their
// tags (tags[k] nil, or as long as runs[k]) carried along when tagged.
// When one run holds every element the result is that run and its tags
// themselves, not a copy: the caller must not write to it.
func mergeSorted(runs [][]float64, tags [][]uint8, tagged bool) ([]float64, []uint8) {
	n, only := 0, -1
	for k, r := range runs {
		n += len(r)
		if len(r) > 0 {
			only = k
		}
	}
	if only >= 0 && len(runs[only]) == n {
		if tagged {
			return runs[only], tags[only]
		}
		return runs[only], nil
	}
	out := newSeries(n)
	var outTags []uint8
	if tagged {
		outTags = make([]uint8, 0, n)
	}
	at := make([]int, len(runs))
	for len(out) < n {
		k := -1
		for j, r := range runs {
			if at[j] < len(r) && (k < 0 || r[at[j]] < runs[k][at[k]]) {
				k = j
			}
		}
		out = append(out, runs[k][at[k]])
		if tagged {
			outTags = append(outTags, tags[k][at[k]])
		}
		at[k]++
	}
	return out, outTags
}

// empirical returns the empirical p-quantile of xs, sorted in ascending
// order: the first value with at least the share p of the sample at or
// below it, as stat.Quantile(p, stat.Empirical, xs, nil) gives (whose
// running count reaches p x n at the index ceil(p x n) - 1), without its
// passes over xs to check the order and look for NaN.
func empirical(xs []float64, p float64) float64 {
	return xs[max(int(math.Ceil(p*float64(len(xs)))), 1)-1]
}
