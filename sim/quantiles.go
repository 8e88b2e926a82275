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

// sortFloats sorts by the keys' top bits first (most significant digit),
// which puts each key in a bucket of its sign, exponent and leading
// mantissa bits, and then each bucket by its remaining bits, least
// significant digit first: a bucket is small enough to stay in the cache
// through its passes, where passes over the whole series would scatter
// over thousands of pages at each step.
const (
	topBits   = 16
	topShift  = 64 - topBits
	lowBits   = 8 // a bucket's digits: 6 passes of 8 bits cover the 48 below the top
	lowSize   = 1 << lowBits
	lowMask   = lowSize - 1
	lowPass   = topShift / lowBits
	bucketMin = 48 // buckets shorter than this are sorted by insertion
	signBit   = uint64(1) << 63
)

// floatKey maps a float64 to a uint64 whose unsigned order is the float's
// order: negative values with every bit flipped, others with the sign
// bit set, without a branch.
func floatKey(x float64) uint64 {
	b := math.Float64bits(x)
	return b ^ (uint64(int64(b)>>63) | signBit)
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	return math.Float64frombits(k ^ (k>>63 - 1 | signBit))
}

// sortScratch holds the radix sort's buffers, kept between the sorts of
// one run's close so that they are allocated once, at the longest series.
type sortScratch struct {
	src, dst []uint64
	tags     []uint8
	top      []int // counts, then starts, of the top digits
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
// lends its buffers. The sort is stable: it gives the sequence
// slices.Sort gives (for samples that are not NaN; -0 sorts before +0),
// and equal values keep their tags' order.
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
	sc.top = grown(sc.top, 1<<topBits)
	src, dst, top := sc.src, sc.dst, sc.top
	clear(top)
	var tsrc, tdst []uint8
	if tags != nil {
		sc.tags = grown(sc.tags, n)
		tsrc, tdst = tags, sc.tags
	}
	for i, x := range xs {
		k := floatKey(x)
		src[i] = k
		top[k>>topShift]++
	}
	sum := 0
	for d, c := range top {
		top[d], sum = sum, sum+c
	}
	for i, k := range src {
		d := k >> topShift
		dst[top[d]] = k
		if tsrc != nil {
			tdst[top[d]] = tsrc[i]
		}
		top[d]++
	}
	// top[d] is now the end of bucket d, the start of the next one.
	lo := 0
	for _, hi := range top {
		if hi == lo {
			continue
		}
		var ks []uint64
		var ts []uint8
		if tsrc != nil {
			ks, ts = sortLow(dst[lo:hi], src[lo:hi], tdst[lo:hi], tsrc[lo:hi])
			copy(tags[lo:hi], ts) // a no-op when the bucket ended in tags
		} else {
			ks, _ = sortLow(dst[lo:hi], src[lo:hi], nil, nil)
		}
		for i, k := range ks {
			xs[lo+i] = keyFloat(k)
		}
		lo = hi
	}
}

// sortLow sorts the keys of one bucket, which share their top bits, with
// their tags (nil: none) by the bits below, stably; other and otherTags,
// as long, lend their room. It returns the slices the sorted keys and
// tags are left in.
func sortLow(keys, other []uint64, tags, otherTags []uint8) ([]uint64, []uint8) {
	m := len(keys)
	if m < bucketMin {
		for i := 1; i < m; i++ {
			k := keys[i]
			var t uint8
			if tags != nil {
				t = tags[i]
			}
			j := i
			for ; j > 0 && keys[j-1] > k; j-- {
				keys[j] = keys[j-1]
				if tags != nil {
					tags[j] = tags[j-1]
				}
			}
			keys[j] = k
			if tags != nil {
				tags[j] = t
			}
		}
		return keys, tags
	}
	var counts [lowPass][lowSize]int
	for _, k := range keys {
		for p := range lowPass {
			counts[p][k>>(p*lowBits)&lowMask]++
		}
	}
	src, dst := keys, other
	tsrc, tdst := tags, otherTags
	for p := range lowPass {
		c := &counts[p]
		shift := p * lowBits
		if c[src[0]>>shift&lowMask] == m {
			continue // every key has this digit: the pass would not move anything
		}
		sum := 0
		for d := range c {
			c[d], sum = sum, sum+c[d]
		}
		for i, k := range src {
			d := k >> shift & lowMask
			dst[c[d]] = k
			if tsrc != nil {
				tdst[c[d]] = tsrc[i]
			}
			c[d]++
		}
		src, dst = dst, src
		tsrc, tdst = tdst, tsrc
	}
	return src, tsrc
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
