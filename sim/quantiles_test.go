package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// pairsOf returns the (value, tag) pairs of xs and tags, sorted, to
// compare two tagged samples as multisets.
func pairsOf(xs []float64, tags []uint8) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%016x/%d", math.Float64bits(x), tags[i])
	}
	slices.Sort(out)
	return out
}

// samples draws n values of the given kind.
func samples(r *rand.Rand, kind string, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		switch kind {
		case "exponential":
			xs[i] = 30 * r.ExpFloat64()
		case "ties":
			xs[i] = float64(r.IntN(7)) / 4
		case "zeros":
			if r.IntN(3) == 0 {
				xs[i] = r.Float64()
			}
		case "signed":
			xs[i] = (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
		case "constant":
			xs[i] = 12.5
		case "ascending":
			xs[i] = float64(i/3) + 0.25*float64(r.IntN(2)) // sorted, with ties
		case "extreme":
			xs[i] = []float64{math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64,
				math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1, -1}[r.IntN(8)]
		}
	}
	return xs
}

// TestSortFloats checks the radix sort against slices.Sort, value for
// value, and that the tags travel with their values in the order of a
// stable sort, on short and long samples of every kind, the tagged sorts
// sharing one scratch as a run's close does.
func TestSortFloats(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	sc := &sortScratch{}
	for _, kind := range []string{"exponential", "ties", "zeros", "signed", "constant", "extreme", "ascending"} {
		for _, n := range []int{0, 1, 2, radixMin - 1, 5000, radixMin, 100_000} {
			t.Run(fmt.Sprintf("%s/%d", kind, n), func(t *testing.T) {
				xs := samples(r, kind, n)
				tags := make([]uint8, n)
				for i := range tags {
					tags[i] = uint8(r.IntN(24))
				}
				want := slices.Clone(xs)
				slices.Sort(want)
				wantPairs := pairsOf(xs, tags)
				// The stable order: by value, -0 before +0, then as given.
				type pair struct {
					x   float64
					tag uint8
				}
				stable := make([]pair, n)
				for i := range xs {
					stable[i] = pair{xs[i], tags[i]}
				}
				slices.SortStableFunc(stable, func(a, b pair) int {
					switch {
					case a.x < b.x || (a.x == b.x && math.Signbit(a.x) && !math.Signbit(b.x)):
						return -1
					case b.x < a.x || (a.x == b.x && math.Signbit(b.x) && !math.Signbit(a.x)):
						return 1
					}
					return 0
				})
				plain := slices.Clone(xs)
				sortFloats(plain, nil, nil)
				sortFloats(xs, tags, sc)
				for i := range want {
					if math.Float64bits(xs[i]) != math.Float64bits(want[i]) || math.Float64bits(plain[i]) != math.Float64bits(want[i]) {
						t.Fatalf("index %d: sorted %v (untagged %v), slices.Sort %v", i, xs[i], plain[i], want[i])
					}
				}
				if got := pairsOf(xs, tags); !slices.Equal(got, wantPairs) {
					t.Fatalf("tags did not travel with their values")
				}
				for i, p := range stable {
					if tags[i] != p.tag {
						t.Fatalf("index %d: tag %d, a stable sort gives %d", i, tags[i], p.tag)
					}
				}
			})
		}
	}
}

// TestAscending checks ascending against a pairwise reading of the
// order: each value below the next, or equal to it and not a +0 before a
// -0.
func TestAscending(t *testing.T) {
	negZero := math.Copysign(0, -1)
	inf := math.Inf(1)
	for _, tc := range [][]float64{
		nil, {3}, {1, 2, 2, 3}, {2, 1}, {1, 2, 3, 2.5}, {negZero, 0}, {0, negZero}, {negZero, negZero, 0, 0},
		{-inf, -1, 0, 1, inf}, {inf, -inf}, {0, 0, 0, 1e-300, 5e-324}, {5e-324, 0},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			want := true
			for i := 1; i < len(tc); i++ {
				a, b := tc[i-1], tc[i]
				if !(a < b || (a == b && !(!math.Signbit(a) && math.Signbit(b)))) {
					want = false
				}
			}
			if got := ascending(tc); got != want {
				t.Errorf("ascending = %v, want %v", got, want)
			}
		})
	}
}

// TestMergeSorted checks that merging sorted runs gives the sort of their
// concatenation, with each tag beside its value.
func TestMergeSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, lens := range [][]int{{}, {0, 0, 0}, {5}, {0, 7, 0}, {0, 0, 300}, {3, 0, 9}, {400, 1, 250}, {1000, 1000, 1000}} {
		t.Run(fmt.Sprint(lens), func(t *testing.T) {
			var runs [][]float64
			var tags [][]uint8
			var cat []float64
			var catTags []uint8
			for k, n := range lens {
				xs := samples(r, []string{"ties", "exponential", "zeros"}[k%3], n)
				slices.Sort(xs)
				ts := make([]uint8, n)
				for i := range ts {
					ts[i] = uint8(k)
				}
				runs, tags = append(runs, xs), append(tags, ts)
				cat, catTags = append(cat, xs...), append(catTags, ts...)
			}
			got, gotTags := mergeSorted(runs, tags, true)
			want := slices.Clone(cat)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("merged %v, want %v", got, want)
			}
			if !slices.Equal(pairsOf(got, gotTags), pairsOf(cat, catTags)) {
				t.Fatalf("tags did not travel with their values")
			}
			if untagged, none := mergeSorted(runs, nil, false); !slices.Equal(untagged, want) || none != nil {
				t.Fatalf("untagged merge %v (tags %v), want %v", untagged, none, want)
			}
		})
	}
}

// TestByPeriodRows checks the response by hour and by shift against the
// summaries taken the plain way: each row gathered in call order by
// append, sorted by slices.Sort and described by stat.Mean and
// stat.Quantile on a slice of its own. The means must agree to the bit,
// which they do only if every row is summed from the same start (see
// newSeries).
func TestByPeriodRows(t *testing.T) {
	for _, prios := range []int{NumPriorities, 1} {
		t.Run(fmt.Sprintf("priorities=%d", prios), func(t *testing.T) { testByPeriodRows(t, prios) })
	}
}

// testByPeriodRows is TestByPeriodRows with answered calls of the first
// prios priorities.
func testByPeriodRows(t *testing.T, prios int) {
	r := rand.New(rand.NewPCG(9, 10))
	shifts := []Shift{{Name: "day", Start: 420, Length: 600}, {Name: "night", Start: 1020, Length: 840}}
	var resp [NumPriorities][]float64
	var hour [NumPriorities][]uint8
	plainAll := make([][]float64, 24+len(shifts))
	plainP1 := make([][]float64, 24+len(shifts))
	for k := range 30000 {
		p := r.IntN(prios)
		if k%5000 == 0 {
			p = 0 // a few rows with almost nothing in them
		}
		x := 30 * r.ExpFloat64()
		h := uint8(r.IntN(24))
		if k > 100 && h%7 == 3 {
			continue // hours with few calls: rows of every length
		}
		resp[p], hour[p] = append(resp[p], x), append(hour[p], h)
		rows := []int{int(h)}
		if s := shiftOf(shifts, float64(h)*60+30); s >= 0 {
			rows = append(rows, 24+s)
		}
		for _, row := range rows {
			plainAll[row] = append(plainAll[row], x)
			if p == 0 {
				plainP1[row] = append(plainP1[row], x)
			}
		}
	}
	for p := range resp {
		sortFloats(resp[p], hour[p], nil)
	}
	res := &Result{}
	// The rows are cut from a buffer that held other numbers (as one
	// handed from run to run does): none of them may show.
	buf := make([]float64, 100_000)
	for i := range buf {
		buf[i] = math.NaN()
	}
	buf = buf[:0]
	res.byPeriod(resp, hour, shifts, &buf)
	for row := range plainAll {
		got := res.ResponseByHour[min(row, 23)]
		if row >= 24 {
			got = res.ResponseByShift[row-24]
		}
		if got.Mean != nil && (got.Mean == got.P1Mean || got.Median == got.P1Median) {
			t.Fatalf("row %s: the P1 summaries share their numbers with all priorities'", got.Period)
		}
		for _, c := range []struct {
			name         string
			plain        []float64
			n            int
			median, mean *float64
		}{{"all", plainAll[row], got.Calls, got.Median, got.Mean}, {"P1", plainP1[row], got.P1Calls, got.P1Median, got.P1Mean}} {
			slices.Sort(c.plain)
			if c.n != len(c.plain) {
				t.Fatalf("row %s %s: %d calls, want %d", got.Period, c.name, c.n, len(c.plain))
			}
			if len(c.plain) == 0 {
				if c.mean != nil || c.median != nil {
					t.Fatalf("row %s %s: summaries of no calls", got.Period, c.name)
				}
				continue
			}
			mean, med := stat.Mean(c.plain, nil), stat.Quantile(0.5, stat.Empirical, c.plain, nil)
			if math.Float64bits(*c.mean) != math.Float64bits(mean) || *c.median != med {
				t.Errorf("row %s %s (%d calls): mean %v median %v, want %v %v", got.Period, c.name, c.n, *c.mean, *c.median, mean, med)
			}
		}
	}
}

// TestEmpirical checks empirical against stat.Quantile on samples of
// every length up to 300 and at quantiles that fall on and between
// elements.
func TestEmpirical(t *testing.T) {
	for n := 1; n <= 300; n++ {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(i)
		}
		for _, p := range []float64{0, 1e-9, 0.1, 0.25, 0.5, 0.9, 0.95, 1 - 1e-12, 1, float64(n-1) / float64(n), 1 / float64(n)} {
			if got, want := empirical(xs, p), stat.Quantile(p, stat.Empirical, xs, nil); got != want {
				t.Fatalf("n %d p %v: empirical %v, stat.Quantile %v", n, p, got, want)
			}
		}
	}
}
