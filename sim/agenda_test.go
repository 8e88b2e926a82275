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
		q.push(newEvent(e.t, uint64(i+1), e.kind, int32(i+1), 0))
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
				if got.t != want.t || uint64(got.a) != want.seq || got.kind.class() != want.class {
					t.Fatalf("pop = (t %v, class %d, seq %d), want (t %v, class %d, seq %d)",
						got.t, got.kind.class(), got.a, want.t, want.class, want.seq)
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
				q.push(newEvent(at, seq, kind, int32(seq), 0))
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
