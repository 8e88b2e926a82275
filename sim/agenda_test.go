package sim

import (
	"fmt"
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
// with many ties in time and class (so that many events are due at the
// minute of the last one taken and join the queue of that minute, and
// calls take the slot for the next call when it is free), and
// checks every pop against the least pending event found by a plain scan
// under the agenda's order: time, then class (shift ends, shift starts,
// the rest), then sequence.
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
	}{{"ties", 4, 2000}, {"spread", 1000, 5000}, {"small", 2, 30}, {"now", 1, 3000}} {
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
				switch ev := newEvent(at, seq, kind, int32(seq), 0); {
				case kind == evCall:
					q.pushCall(ev) // as engine.scheduleCall does (here with the slot at times taken)
				case !q.pushNow(ev):
					q.push(ev) // as engine.schedule does
				}
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
