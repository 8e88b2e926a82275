package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestEventOrder(t *testing.T) {
	q := &eventQueue{}
	in := []struct {
		t    float64
		kind evKind
	}{{5, evCall}, {5, evShiftStart}, {5, evShiftEnd}, {1, evArrive}, {5, evArrive}, {2.5, evReportEnd}}
	for i, e := range in {
		q.push(e.t, uint64(i+1), e.kind, int32(i+1), 0)
	}
	var got []int32
	for q.len() > 0 {
		got = append(got, q.pop().a)
	}
	want := []int32{4, 6, 3, 2, 1, 5}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pop order by seq = %v, want %v", got, want)
	}
}

// TestEventQueueRandom pushes and pops events in random interleavings,
// with many ties in time and class (many events due in the current
// minute), events beyond the wheel (through the far heap, and gaps longer
// than the wheel) and at +Inf, and checks every pop against the least
// pending event found by a plain scan under the agenda's order: time,
// then class (shift ends, shift starts, the rest), then sequence.
func TestEventQueueRandom(t *testing.T) {
	type ref struct {
		t     float64
		class uint8
		seq   uint64
	}
	less := func(x, y ref) int {
		switch {
		case x.t != y.t:
			if x.t < y.t {
				return -1
			}
			return 1
		case x.class != y.class:
			return int(x.class) - int(y.class)
		}
		return int(x.seq) - int(y.seq)
	}
	for _, tc := range []struct {
		name   string
		times  int // distinct minutes drawn from
		pushes int
		inf    bool // some events at +Inf
		frac   bool // times in quarter minutes
	}{{"ties", 4, 2000, false, false}, {"spread", 1000, 5000, false, true}, {"small", 2, 30, false, false},
		{"now", 1, 3000, false, false}, {"quarters", 3, 3000, false, true},
		{"beyond the wheel", 3 * wheelSize, 5000, false, true}, {"far apart", 40 * wheelSize, 3000, true, false},
		{"at infinity", 10, 1000, true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(tc.times)))
			q := &eventQueue{}
			var pending []ref
			var seq uint64
			now := 0.0
			pop := func() {
				got := q.pop()
				i := 0
				for j := range pending {
					if less(pending[j], pending[i]) < 0 {
						i = j
					}
				}
				want := pending[i]
				pending = slices.Delete(pending, i, i+1)
				if got.t != want.t || uint64(got.a) != want.seq || got.kind().class() != want.class {
					t.Fatalf("pop = (t %v, class %d, seq %d), want (t %v, class %d, seq %d)",
						got.t, got.kind().class(), got.a, want.t, want.class, want.seq)
				}
				now = got.t
			}
			for range tc.pushes {
				seq++
				kind := evKind(r.IntN(int(evBookingDone) + 1))
				at := now + float64(r.IntN(tc.times))
				if tc.frac {
					at += float64(r.IntN(4)) / 4 // quarter minutes: ties within a bucket and across its edge
				}
				if tc.inf && r.IntN(50) == 0 {
					at = math.Inf(1) // as the call generator's next call when there is none
				}
				q.push(at, seq, kind, int32(seq), 0)
				pending = append(pending, ref{at, kind.class(), seq})
				for q.len() > 0 && r.IntN(3) == 0 {
					pop()
				}
			}
			for q.len() > 0 {
				pop()
			}
			if len(pending) != 0 {
				t.Fatalf("%d events left in the reference", len(pending))
			}
		})
	}
}

// TestSortEvents sorts minutes of events of every size up to a few
// hundred, in random, sorted, reversed and organ-pipe orders, with times
// all equal, few or all distinct and classes mixed, and compares the
// result with slices.SortFunc under the agenda's order; a depth of 0
// checks the fallback.
func TestSortEvents(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cmp := func(x, y event) int {
		if x.before(&y) {
			return -1
		}
		return 1
	}
	orders := []struct {
		name  string
		order func([]event)
	}{
		{"random", func([]event) {}},
		{"sorted", func(ev []event) { slices.SortFunc(ev, cmp) }},
		{"reversed", func(ev []event) { slices.SortFunc(ev, func(x, y event) int { return -cmp(x, y) }) }},
		{"organ pipe", func(ev []event) {
			slices.SortFunc(ev, cmp)
			slices.Reverse(ev[len(ev)/2:])
		}},
	}
	for _, times := range []int{1, 3, 1000} {
		for _, o := range orders {
			for _, depth := range []int{-1, 0} {
				t.Run(fmt.Sprintf("%s/%d times/depth %d", o.name, times, depth), func(t *testing.T) {
					for n := range 300 {
						ev := make([]event, n)
						for i := range ev {
							kinds := []evKind{evShiftEnd, evShiftStart, evCall, evArrive}
							ev[i] = newEvent(100+float64(r.IntN(times))/float64(times), uint64(r.Int64N(1<<40)), kinds[r.IntN(len(kinds))], int32(i), 0)
						}
						r.Shuffle(n, func(i, j int) { ev[i], ev[j] = ev[j], ev[i] })
						o.order(ev)
						want := slices.Clone(ev)
						slices.SortFunc(want, cmp)
						if depth < 0 {
							sortEvents(ev)
						} else {
							quickSortEvents(ev, depth)
						}
						if !slices.Equal(ev, want) {
							t.Fatalf("%d events: sorted %v, want %v", n, ev, want)
						}
					}
				})
			}
		}
	}
}
