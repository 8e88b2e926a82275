package sim

// evKind is what an event does when it fires.
type evKind uint8

const (
	evShiftEnd       evKind = iota // a: shift index
	evShiftStart                   // a: shift index
	evCall                         // the next generated call arrives
	evArrive                       // a: officer; reaches the scene
	evServiceEnd                   // a: officer; leaves the scene, starts the report
	evReportEnd                    // a: officer; report done, free again
	evPatrolLeg                    // a: officer; patrol point reached and dwelt at
	evEngageEnd                    // a: officer; engagement session over
	evCrimeHour                    // draw the offense candidates of the coming hour
	evOffense                      // a: candidate index; an offense may happen
	evCrimeCall                    // a: offense; the victim's call comes in
	evDay                          // midnight: trust drift, rates, hot spots
	evTeamShiftStart               // a: co-responder shift index
	evTeamShiftEnd                 // a: co-responder shift index
	evTeamArrive                   // a: team; reaches the scene
	evTeamDone                     // a: team; scene and write-up done
	evEventStart                   // a: index in Config.Events
	evEventEnd                     // a: index in Config.Events (surges, aid)
	evSurgeCall                    // a: index in Config.Events; the surge's next call arrives
	evCallReady                    // a: call; processing done, the call reaches the dispatcher
	evHoldExpire                   // a: call, tok: its serial's low bits; a held P3 call is sent anyway
	evSelfInit                     // a: officer, tok: its activity clock's token; officer-initiated work starts
	evOOSDue                       // a: officer, tok: its shift's token; an out-of-service episode falls due
	evActivityEnd                  // a: officer; officer-initiated work or out-of-service time ends
	evBookingDone                  // a: officer; an arrestee booked, back in service
	evTeamWait                     // a: call, tok: its serial's low bits; an eligible call has waited CoResponders.Wait for a team
)

// event is one scheduled occurrence. Events carrying an officer also carry
// the officer's token at scheduling time; an event whose token no longer
// matches was overtaken (a preemption, a shift end) and is dropped.
type event struct {
	t    float64
	ord  uint64 // class<<classShift | seq: the order among events of one minute
	a    int32
	tok  uint32
	kind evKind
}

// classShift places an event's class above its scheduling sequence
// number in event.ord.
const classShift = 62

// newEvent is the event of kind at minute t, the seq-th scheduled.
func newEvent(t float64, seq uint64, kind evKind, a int32, tok uint32) event {
	return event{t: t, ord: uint64(kind.class())<<classShift | seq, a: a, tok: tok, kind: kind}
}

// class orders events that share a minute: shift ends, then shift starts,
// then the rest by scheduling order.
func (k evKind) class() uint8 {
	if k <= evShiftStart {
		return uint8(k)
	}
	return 2
}

// before is the agenda's order: by time, then class, then scheduling
// order (ord holds the last two).
func (e *event) before(f *event) bool {
	return e.t < f.t || (e.t == f.t && e.ord < f.ord)
}

// eventQueue is the engine's agenda, ordered by (time, class, seq): a
// 4-ary min-heap of events and, beside it, two places for events that
// would enter the heap only to leave it soon: a queue of the events due
// at the minute of the last event taken (a report of no duration, a unit
// that needs no travel), and a slot for the next generated call, of
// which there is one at a time. The queue stays in agenda order (an
// event joins it only after its last one), so the next event is the
// first of the queue, the slot's or the top of the heap, whichever comes
// first: the same order as from the heap alone, the order being total.
//
// The heap is written out for the event type rather than built on a
// generic heap because it is the engine's hottest path: a wider, flatter heap
// with the comparison inlined, elements moved into a hole rather than
// swapped, and a pop that walks the hole down to a leaf before placing
// the last element (Floyd's bottom-up sift: the last element of an agenda
// is late, so it seldom climbs far).
type eventQueue struct {
	h    []event
	now  []event // events due at minute at, in agenda order, from head on
	head int
	at   float64 // the minute of the last event taken
	call event   // the slot: the next generated call, when hasCall
	has  bool
}

func (q *eventQueue) len() int {
	n := len(q.h) + len(q.now) - q.head
	if q.has {
		n++
	}
	return n
}

// Where the next event is.
const (
	inHeap = iota
	inNow  // first of the queue of the current minute
	inSlot // the slot's call
)

// next says where the next event is; the agenda must not be empty.
func (q *eventQueue) next() int {
	where, best := inHeap, (*event)(nil)
	if len(q.h) > 0 {
		best = &q.h[0]
	}
	if q.head < len(q.now) && (best == nil || q.now[q.head].before(best)) {
		where, best = inNow, &q.now[q.head]
	}
	if q.has && (best == nil || q.call.before(best)) {
		where = inSlot
	}
	return where
}

// top returns the next event without removing it; the queue must not be
// empty.
func (q *eventQueue) top() *event {
	switch q.next() {
	case inNow:
		return &q.now[q.head]
	case inSlot:
		return &q.call
	}
	return &q.h[0]
}

// pushCall puts the next generated call e in the slot, or in the heap
// when the slot is taken.
func (q *eventQueue) pushCall(e event) {
	if q.has {
		q.push(e)
		return
	}
	q.call, q.has = e, true
}

// push adds e to the heap; pushNow first when e may be due at the
// minute of the last event taken.
func (q *eventQueue) push(e event) {
	q.h = append(q.h, e)
	q.up(len(q.h)-1, e)
}

// pushNow adds e to the queue of the current minute if it is due at the
// minute of the last event taken, is not a shift's event and comes after
// the queue's last, and reports whether it did.
func (q *eventQueue) pushNow(e event) bool {
	if e.t != q.at || e.ord>>classShift != 2 || (q.head < len(q.now) && !q.now[len(q.now)-1].before(&e)) {
		return false
	}
	q.now = append(q.now, e)
	return true
}

// popNow removes and returns the first event of the queue of the
// current minute, which must not be empty.
func (q *eventQueue) popNow() event {
	e := q.now[q.head]
	if q.head++; q.head == len(q.now) {
		q.now, q.head = q.now[:0], 0
	}
	return e
}

// up places e in the hole at i, moving the parents it comes before down
// into the hole until its parent comes first.
func (q *eventQueue) up(i int, e event) {
	h := q.h
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// pop removes and returns the next event; the queue must not be empty.
func (q *eventQueue) pop() event {
	switch q.next() {
	case inNow:
		return q.popNow() // at the minute of the last event: q.at stays
	case inSlot:
		q.has = false
		q.at = q.call.t
		return q.call
	}
	h := q.h
	top := h[0]
	q.at = top.t
	n := len(h) - 1
	x := h[n]
	h = h[:n]
	q.h = h
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		for k := c + 1; k < min(c+4, n); k++ {
			if h[k].before(&h[m]) {
				m = k
			}
		}
		h[i] = h[m]
		i = m
	}
	q.up(i, x)
	return top
}
