package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

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
		case "descending":
			xs[i] = float64(n - i)
		case "organ":
			xs[i] = float64(min(i, n-i)) // up, then down: a pipe organ
		case "extreme":
			xs[i] = []float64{math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64,
				math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1, -1}[r.IntN(8)]
		}
	}
	return xs
}

// TestSummarize checks the summaries taken by selection against the
// plain ones, on short and long samples of every kind: stat.Mean over the
// samples as recorded (to the bit) and stat.Quantile on the sorted
// samples (exactly), and that the series keeps its samples.
func TestSummarize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, kind := range []string{"exponential", "ties", "zeros", "signed", "constant", "extreme", "ascending", "descending", "organ"} {
		for _, n := range []int{1, 2, 3, selectMin, selectMin + 1, 1000, bucketedMin - 1, bucketedMin, 100_000} {
			t.Run(fmt.Sprintf("%s/%d", kind, n), func(t *testing.T) {
				xs := samples(r, kind, n)
				wantMean := stat.Mean(xs, nil)
				sorted := slices.Clone(xs)
				slices.Sort(sorted)
				s := summarize(xs)
				if s.N != n || s.Mean == nil || s.Median == nil || s.P90 == nil {
					t.Fatalf("summary %+v of %d samples", s, n)
				}
				mean := *s.Mean
				if math.Float64bits(mean) != math.Float64bits(wantMean) && !(math.IsNaN(mean) && math.IsNaN(wantMean)) {
					t.Errorf("mean %v, stat.Mean %v", mean, wantMean)
				}
				for _, q := range []struct {
					p   float64
					got float64
				}{{0.5, *s.Median}, {0.9, *s.P90}} {
					if want := stat.Quantile(q.p, stat.Empirical, sorted, nil); q.got != want {
						t.Errorf("quantile %v = %v, stat.Quantile %v", q.p, q.got, want)
					}
				}
				slices.Sort(xs)
				if !slices.Equal(xs, sorted) {
					t.Errorf("the series lost or changed samples")
				}
			})
		}
	}
	if s := summarize(nil); s.N != 0 || s.Mean != nil || s.Median != nil || s.P90 != nil {
		t.Errorf("summary of nothing: %+v", s)
	}
}

// TestSelectKth checks selectKth at every index of short samples, and
// at scattered indices of long ones, against a sort: the value at k is
// the sorted one, none before it greater, none after it smaller.
func TestSelectKth(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, kind := range []string{"exponential", "ties", "zeros", "constant", "ascending", "descending", "organ"} {
		for _, n := range []int{1, 5, selectMin + 1, 40, 5000} {
			base := samples(r, kind, n)
			sorted := slices.Clone(base)
			slices.Sort(sorted)
			step := max(1, n/37)
			for k := 0; k < n; k += step {
				xs := slices.Clone(base)
				selectKth(xs, k)
				if xs[k] != sorted[k] {
					t.Fatalf("%s/%d: index %d holds %v, a sort puts %v there", kind, n, k, xs[k], sorted[k])
				}
				for i, x := range xs {
					if (i < k && x > xs[k]) || (i > k && x < xs[k]) {
						t.Fatalf("%s/%d k=%d: index %d holds %v on the wrong side of %v", kind, n, k, i, x, xs[k])
					}
				}
			}
		}
	}
}

// TestEmpiricalIndex checks empiricalIndex against stat.Quantile on
// samples of every length up to 300 and at quantiles that fall on and
// between elements.
func TestEmpiricalIndex(t *testing.T) {
	for n := 1; n <= 300; n++ {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(i)
		}
		for _, p := range []float64{0, 1e-9, 0.1, 0.25, 0.5, 0.9, 0.95, 1 - 1e-12, 1, float64(n-1) / float64(n), 1 / float64(n)} {
			if got, want := xs[empiricalIndex(n, p)], stat.Quantile(p, stat.Empirical, xs, nil); got != want {
				t.Fatalf("n %d p %v: empiricalIndex gives %v, stat.Quantile %v", n, p, got, want)
			}
		}
	}
}

// TestByPeriodRows checks the response by hour and by shift against the
// summaries taken the plain way: each row gathered by append, P1's calls
// first and each priority's in call order, and described by stat.Mean
// and by stat.Quantile of its sort on a slice of its own. The means must
// agree to the bit, which they do only if every row is summed from the
// same start (see newSeries); the series must come back as they were.
// The rows are cut from spare buffers of several sizes (seriesRoom): one
// that holds them all, several that each hold a few but not the longest
// rows, so that the rest come from one new buffer, and none.
func TestByPeriodRows(t *testing.T) {
	for _, prios := range []int{NumPriorities, 1} {
		for _, spare := range [][]int{{100_000}, {4, 4000, 9000, 6}, nil} {
			t.Run(fmt.Sprintf("priorities=%d/spare=%v", prios, spare), func(t *testing.T) { testByPeriodRows(t, prios, spare) })
		}
	}
}

// testByPeriodRows is TestByPeriodRows with answered calls of the first
// prios priorities and spare buffers of the sizes spare.
func testByPeriodRows(t *testing.T, prios int, spare []int) {
	r := rand.New(rand.NewPCG(9, 10))
	shifts := []Shift{{Name: "day", Start: 420, Length: 600}, {Name: "night", Start: 1020, Length: 840}}
	var resp [NumPriorities][]float64
	var hour [NumPriorities][]uint8
	var plain [NumPriorities][][]float64
	for p := range plain {
		plain[p] = make([][]float64, 24+len(shifts))
	}
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
			plain[p][row] = append(plain[p][row], x)
		}
	}
	plainP1 := plain[0]
	plainAll := make([][]float64, 24+len(shifts))
	for row := range plainAll {
		for p := range plain {
			plainAll[row] = append(plainAll[row], plain[p][row]...)
		}
	}
	before := resp
	for p := range before {
		before[p] = slices.Clone(resp[p])
	}
	res := &Result{}
	// The rows are cut from buffers that held other numbers (as
	// summarized series do): none of them may show.
	var room seriesRoom
	for _, n := range spare {
		buf := make([]float64, n)
		for i := range buf {
			buf[i] = math.NaN()
		}
		room.bufs = append(room.bufs, buf[:0])
	}
	res.byPeriod(resp, hour, shifts, &room, &summarizer{})
	for p := range resp {
		if !slices.Equal(resp[p], before[p]) {
			t.Fatalf("byPeriod changed the series of priority %d", p+1)
		}
	}
	if len(room.bufs) > len(spare)+1 {
		t.Errorf("byPeriod allocated %d buffers beyond the spare ones, want at most one", len(room.bufs)-len(spare))
	}
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
			if c.n != len(c.plain) {
				t.Fatalf("row %s %s: %d calls, want %d", got.Period, c.name, c.n, len(c.plain))
			}
			if len(c.plain) == 0 {
				if c.mean != nil || c.median != nil {
					t.Fatalf("row %s %s: summaries of no calls", got.Period, c.name)
				}
				continue
			}
			mean := stat.Mean(c.plain, nil)
			slices.Sort(c.plain)
			med := stat.Quantile(0.5, stat.Empirical, c.plain, nil)
			if math.Float64bits(*c.mean) != math.Float64bits(mean) || *c.median != med {
				t.Errorf("row %s %s (%d calls): mean %v median %v, want %v %v", got.Period, c.name, c.n, *c.mean, *c.median, mean, med)
			}
		}
	}
}
