package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

func TestPiecewisePoissonRate(t *testing.T) {
	// Hour 3 has all the calls: every arrival must fall in hour 3 of a day,
	// and the count over many days must match the rate.
	cfg := testConfig(3, agents.PatrolStay, false)
	var p [24]float64
	p[3] = 1
	types := []CallType{{Name: "x", Priority: P3, PerDay: 50, Profile: p}}
	cg := newCallGen(types, cfg.Grid.CallWeight, NewStream(3, 0, StreamCalls), tagCalls)
	n, days := 0, 2000
	for t0 := cg.next(0); t0 < float64(days*MinutesPerDay); t0 = cg.next(t0) {
		if h := int(math.Mod(t0, MinutesPerDay) / 60); h != 3 {
			t.Fatalf("arrival at minute %v, hour %d; want hour 3", t0, h)
		}
		n++
	}
	want := 50.0 * float64(days)
	if math.Abs(float64(n)-want) > 4*math.Sqrt(want) {
		t.Errorf("%d arrivals in %d days, want %v +- 4 sd", n, days, want)
	}
}

// TestCallQueue pushes waiting calls, pops them and removes some from
// the middle in random interleavings, and checks every pop against the
// most urgent pending call found by a plain scan: priority, then the
// minute received, then arrival order.
func TestCallQueue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		minutes int // distinct minutes received, for ties
		pushes  int
		short   bool // calls are taken as fast as they come, a few waiting at a time
	}{{"ties", 3, 3000, false}, {"spread", 10000, 3000, false}, {"one", 1, 50, false}, {"short", 10000, 3000, true}} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, uint64(tc.minutes)))
			var calls []call
			q := newCallQueue(&calls)
			var pending []int32
			before := func(a, b *call) bool {
				return a.priority < b.priority || (a.priority == b.priority &&
					(a.received < b.received || (a.received == b.received && a.serial < b.serial)))
			}
			urgent := func() int {
				best := 0
				for i, id := range pending {
					if before(&calls[id], &calls[pending[best]]) {
						best = i
					}
				}
				return best
			}
			for k := range tc.pushes {
				calls = append(calls, call{serial: uint64(k + 1), priority: Priority(1 + r.IntN(NumPriorities)),
					received: float64(r.IntN(tc.minutes))})
				id := int32(len(calls) - 1)
				q.push(id)
				pending = append(pending, id)
				for q.len() > 0 && (r.IntN(3) == 0 || tc.short && q.len() > 4) {
					if r.IntN(4) == 0 { // remove a call from anywhere, as a held call's release does
						want := pending[r.IntN(len(pending))]
						q.remove(want)
						pending = slices.DeleteFunc(pending, func(id int32) bool { return id == want })
						continue
					}
					if r.IntN(3) == 0 { // a P3 call's hold is over
						if id := pending[r.IntN(len(pending))]; calls[id].priority == P3 && !calls[id].holdOver {
							q.overdueNow(id)
						}
					}
					if r.IntN(4) == 0 { // take the first call that may pass held P3 calls, as takeQueued does
						best := -1
						for i, id := range pending {
							if a := &calls[id]; (a.priority != P3 || a.holdOver) && (best < 0 || before(a, &calls[pending[best]])) {
								best = i
							}
						}
						got, ok := q.takePassing()
						switch {
						case ok != (best >= 0):
							t.Fatalf("takePassing found one: %v, one waits: %v", ok, best >= 0)
						case ok && got != pending[best]:
							t.Fatalf("takePassing = call %d, want %d", got, pending[best])
						case ok:
							pending = slices.Delete(pending, best, best+1)
						}
						continue
					}
					i := urgent()
					if got, want := q.pop(), pending[i]; got != want {
						t.Fatalf("pop = call %d, want %d", got, want)
					}
					pending = slices.Delete(pending, i, i+1)
				}
			}
			overdue := 0
			for _, id := range pending {
				if calls[id].holdOver {
					overdue++
				}
			}
			if overdue != q.overdue {
				t.Fatalf("%d waiting calls are overdue, the list counts %d", overdue, q.overdue)
			}
			for q.len() > 0 {
				i := urgent()
				if got, want := q.pop(), pending[i]; got != want {
					t.Fatalf("pop = call %d, want %d", got, want)
				}
				pending = slices.Delete(pending, i, i+1)
			}
		})
	}
}
