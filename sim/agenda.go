package sim

import (
	"math"
	"math/bits"
	"slices"
)

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
	numEvKinds                     // the number of kinds
)

// event is one scheduled occurrence. Events carrying an officer also carry
// the officer's token at scheduling time; an event whose token no longer
// matches was overtaken (a preemption, a shift end) and is dropped. Its
// kind is kept in the low bits of ord, below the sequence number, which
// alone decides the order among events of one class (no two share it):
// an event is 24 bytes, three words to move in a sort, not four.
type event struct {
	t   float64
	ord uint64 // class<<classShift | seq<<kindBits | kind: the order among events of one minute
	a   int32
	tok uint32
}

// classShift places an event's class above its scheduling sequence
// number in event.ord; kindBits is the width of its kind below it.
const (
	classShift = 62
	kindBits   = 5
)

// The kinds fit their bits.
var _ = [1 << kindBits]struct{}{}[numEvKinds-1]

// kind returns what the event does.
func (e *event) kind() evKind { return evKind(e.ord & (1<<kindBits - 1)) }

// newEvent is the event of kind at minute t, the seq-th scheduled.
func newEvent(t float64, seq uint64, kind evKind, a int32, tok uint32) event {
	return event{t: t, ord: order(kind, seq), a: a, tok: tok}
}

// order is event.ord of the seq-th scheduled event (fewer than 2^57), of
// kind.
func order(kind evKind, seq uint64) uint64 {
	return uint64(kind.class())<<classShift | seq<<kindBits | uint64(kind)
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
func (e *event) before(f *event) bool { return earlier(e.t, e.ord, f) }

// earlier reports whether an event at minute t of order ord comes before
// f in the agenda's order.
func earlier(t float64, ord uint64, f *event) bool {
	return t < f.t || (t == f.t && ord < f.ord)
}

// eventQueue is the engine's agenda, ordered by (time, class, seq): a
// timing wheel of wheelSize buckets, each the events of one minute
// (floor of the time), for the wheelSize minutes after the current one;
// events further ahead wait in a 4-ary min-heap and move into the wheel
// as it turns. The events of the current minute are taken out of the
// wheel, sorted, into a list of their own, where an event due in that
// minute is inserted in its place; later minutes are filled in any order
// and a bitmap of the non-empty ones finds the next. The wheel's buckets
// lie one after another in one array, slotsPerMinute events each (more
// spill into a list of the bucket's own), so the minutes ahead, where
// most events land, are a few cache lines. Pushing an event costs a
// store, taking one a read: the engine's hottest path no longer sifts a
// heap of every pending event (about 120 in a baseline year, 480 at four
// times the load). The order being total, events come out exactly as
// from a heap of them all.
type eventQueue struct {
	slab  []event   // wheelSize x slotsPerMinute: the first events of each minute of the wheel
	count []int32   // per bucket, its events (the first slotsPerMinute in slab, the rest in spill)
	spill [][]event // per bucket, its events beyond slotsPerMinute
	full  []uint64  // bit k set: bucket k holds events
	cur   int64     // the current minute: no event is due before it
	now   []event   // the current minute's events, in agenda order from head on
	head  int
	far   []event // 4-ary min-heap of the events at or after minute cur + wheelSize
	n     int     // events in all
}

// wheelSize is the number of minute buckets of the wheel (a power of
// two): 68 hours, beyond every patrol leg, call and most timers;
// slotsPerMinute the events a bucket holds in the wheel's array: 8, as
// a minute at four times the baseline's load holds 4 to 15 (4 let most
// of those spill into lists, copied out through memmove at every turn).
const (
	wheelSize      = 1 << 12
	slotsPerMinute = 8
)

func (q *eventQueue) len() int { return q.n }

// minute returns the bucket of an event at minute t: its minute, or for
// a time beyond any horizon (+Inf: no next call) one after every minute
// a run reaches.
func minute(t float64) int64 {
	if !(t < 1<<52) {
		return 1 << 52
	}
	return int64(math.Floor(t))
}

// push adds the event of kind at minute t, the seq-th scheduled (as
// newEvent makes it), which must not be due before the current minute.
// The fields are written one by one into the slot the event takes: an
// event built whole and copied there went through the stack in narrow
// stores and wider loads that stalled on one another.
func (q *eventQueue) push(t float64, seq uint64, kind evKind, a int32, tok uint32) {
	if q.slab == nil {
		q.slab, q.count = make([]event, wheelSize*slotsPerMinute), make([]int32, wheelSize)
		q.spill, q.full = make([][]event, wheelSize), make([]uint64, wheelSize/64)
	}
	q.n++
	ord := order(kind, seq)
	m := minute(t)
	var p *event
	switch {
	case m <= q.cur:
		j := len(q.now)
		for j > q.head && earlier(t, ord, &q.now[j-1]) {
			j--
		}
		q.now = append(q.now, event{})
		if j < len(q.now)-1 { // the usual case, scheduled now after the minute's others, moves none
			copy(q.now[j+1:], q.now[j:len(q.now)-1])
		}
		p = &q.now[j]
	case m < q.cur+wheelSize:
		p = q.wheelSlot(m)
	default:
		q.farPush(newEvent(t, seq, kind, a, tok))
		return
	}
	p.t, p.ord, p.a, p.tok = t, ord, a, tok
}

// wheelSlot returns the slot of a new event due in minute m of the wheel
// after the current one, in its bucket.
func (q *eventQueue) wheelSlot(m int64) *event {
	k := m & (wheelSize - 1)
	c := q.count[k]
	q.count[k]++
	q.full[k>>6] |= 1 << (k & 63)
	if c < slotsPerMinute {
		return &q.slab[k*slotsPerMinute+int64(c)]
	}
	q.spill[k] = append(q.spill[k], event{})
	return &q.spill[k][len(q.spill[k])-1]
}

// inWheel puts e, due in minute m of the wheel after the current one,
// in its bucket.
func (q *eventQueue) inWheel(m int64, e event) { *q.wheelSlot(m) = e }

// dueAt reports whether an event at minute t, the current one, waits to
// be taken: with none, an event scheduled at t would be the next out.
func (q *eventQueue) dueAt(t float64) bool { return q.head < len(q.now) && q.now[q.head].t == t }

// top returns the next event without removing it; the queue must not be
// empty.
func (q *eventQueue) top() *event {
	if q.head == len(q.now) {
		q.turn()
	}
	return &q.now[q.head]
}

// pop removes the next event and returns it where it lies, valid until
// the next push: a pointer, so that the engine reads the fields it needs
// instead of copying the event out (a copy the compiler made through the
// stack in stores and wider loads that stalled on one another). The queue
// must not be empty.
func (q *eventQueue) pop() *event {
	if q.head == len(q.now) {
		q.turn()
	}
	e := &q.now[q.head]
	q.n--
	if q.head++; q.head == len(q.now) {
		q.now, q.head = q.now[:0], 0
	}
	return e
}

// turn makes current the first minute with events after the current
// one, whose events are all taken: the next non-empty bucket of the wheel
// or the far heap's first minute, whichever comes first. The far events
// the wheel now reaches move into it, and the new minute's events are
// taken out of the wheel and sorted.
func (q *eventQueue) turn() {
	next := int64(math.MaxInt64)
	if d := q.nextFull(); d > 0 {
		next = q.cur + d
	}
	if len(q.far) > 0 {
		next = min(next, minute(q.far[0].t))
	}
	q.cur = next
	for len(q.far) > 0 && minute(q.far[0].t) < q.cur+wheelSize {
		e := q.farPop()
		m := minute(e.t)
		if m == q.cur {
			q.now = append(q.now, e)
			continue
		}
		q.inWheel(m, e)
	}
	k := q.cur & (wheelSize - 1)
	if c := q.count[k]; c > 0 {
		for _, e := range q.slab[k*slotsPerMinute : k*slotsPerMinute+int64(min(c, slotsPerMinute))] {
			q.now = append(q.now, e) // one or two events, most minutes: copied in line, not through memmove
		}
		if c > slotsPerMinute {
			q.now = append(q.now, q.spill[k]...)
			q.spill[k] = q.spill[k][:0]
		}
		q.count[k] = 0
		q.full[k>>6] &^= 1 << (k & 63)
	}
	sortEvents(q.now)
}

// sortEvents puts events in agenda order: by insertion for the few of
// most minutes, else by a quicksort written for events (no comparison
// through a closure), which a minute of many events (a shift change at
// four times the load) needs. The keys are distinct (the sequence numbers
// are), so the order is the same whichever sort makes it.
func sortEvents(ev []event) {
	if len(ev) > 1 { // one event, most minutes of a light load: nothing to sort
		quickSortEvents(ev, 2*bits.Len(uint(len(ev))))
	}
}

// quickSortEvents sorts ev by partitioning around the median of its
// first, middle and last events, down to insertionSortEvents for short
// runs; past depth levels, which only an adversarial order reaches, it
// leaves the rest to slices.SortFunc.
func quickSortEvents(ev []event, depth int) {
	for len(ev) > 12 {
		if depth == 0 {
			slices.SortFunc(ev, func(x, y event) int {
				if x.before(&y) {
					return -1
				}
				return 1
			})
			return
		}
		depth--
		// The median of three goes to ev[0], the pivot; the larger of the
		// other two to the end, a sentinel for the scan from the left.
		m, l := len(ev)/2, len(ev)-1
		if ev[m].before(&ev[0]) {
			ev[m], ev[0] = ev[0], ev[m]
		}
		if ev[l].before(&ev[m]) {
			ev[l], ev[m] = ev[m], ev[l]
			if ev[m].before(&ev[0]) {
				ev[m], ev[0] = ev[0], ev[m]
			}
		}
		ev[0], ev[m] = ev[m], ev[0]
		p := ev[0]
		i, j := 0, len(ev)
		for {
			for i++; ev[i].before(&p); i++ {
			}
			for j--; p.before(&ev[j]); j-- {
			}
			if i >= j {
				break
			}
			ev[i], ev[j] = ev[j], ev[i]
		}
		ev[0], ev[j] = ev[j], ev[0]
		// Recurse into the shorter side, loop on the longer.
		if j < len(ev)-1-j {
			quickSortEvents(ev[:j], depth)
			ev = ev[j+1:]
		} else {
			quickSortEvents(ev[j+1:], depth)
			ev = ev[:j]
		}
	}
	insertionSortEvents(ev)
}

// insertionSortEvents sorts the few events of ev by insertion.
func insertionSortEvents(ev []event) {
	for i := 1; i < len(ev); i++ {
		e := ev[i]
		j := i
		for j > 0 && e.before(&ev[j-1]) {
			ev[j] = ev[j-1]
			j--
		}
		ev[j] = e
	}
}

// nextFull returns how many minutes after the current one the next
// non-empty bucket of the wheel lies (1 to wheelSize - 1), or 0 when no
// bucket holds events.
func (q *eventQueue) nextFull() int64 {
	const words = wheelSize / 64
	if q.full == nil {
		return 0
	}
	at := q.cur & (wheelSize - 1)
	start := (at + 1) & (wheelSize - 1)
	w := start >> 6
	word := q.full[w] &^ (1<<(start&63) - 1)
	for range words + 1 {
		if word != 0 {
			k := w<<6 | int64(bits.TrailingZeros64(word))
			return (k-at-1)&(wheelSize-1) + 1
		}
		w = (w + 1) % words
		word = q.full[w]
	}
	return 0
}

// farPush adds e to the far heap.
func (q *eventQueue) farPush(e event) {
	q.far = append(q.far, e)
	q.up(len(q.far)-1, e)
}

// up places e in the hole at i of the far heap, moving the parents it
// comes before down into the hole until its parent comes first.
func (q *eventQueue) up(i int, e event) {
	h := q.far
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

// farPop removes and returns the far heap's first event, walking the
// hole down to a leaf before placing the last element (Floyd's bottom-up
// sift).
func (q *eventQueue) farPop() event {
	h := q.far
	top := h[0]
	n := len(h) - 1
	x := h[n]
	h = h[:n]
	q.far = h
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
