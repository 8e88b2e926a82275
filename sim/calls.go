package sim

import (
	"math"
	"math/rand/v2"
	"slices"
)

// call is one call for service in the engine's call table.
type call struct {
	serial    uint64  // order of arrival, from 1
	ready     float64 // minute processing ended and the call reached the dispatcher
	typ       int16
	priority  Priority
	cell      int32
	beat      int32   // the cell's beat (set as the call is received)
	received  float64 // minute the call came in
	day       int32   // measured day it came in (0 from the window's start, the last day for later), for calls in the window
	service   float64 // minutes on scene still needed
	report    float64 // minutes of report writing after the scene
	dispatch  float64 // minute of the first dispatch, or -1
	arrived   bool    // a unit has reached the scene
	inWindow  bool    // received after the warm-up
	counted   bool    // a call for service received in the window: counted in the call metrics (a backup is not)
	waited    bool    // counted as having waited for a unit
	inQueue   bool    // waiting in the dispatcher's queue
	queuedAt  float64 // minute it last entered the waiting queue
	queueTime float64 // total minutes spent waiting in the queue so far
	onScene   float64 // minute the current unit reached the scene
	firstAt   float64 // minute the first unit reached the scene
	unit      int32   // the officer handling it, or -1
	offense   int32   // the offense a crime call reports, or -1
	key       uint64  // names the call's own outcome draws (see engine.keyed)
	backup    bool    // police backup asked for by a co-responder team
	team      bool    // held by a co-responder team
	teamWait  bool    // waiting in the team queue for a free co-responder team

	need       int8 // secondary units still to send at the first dispatch
	wantBackup bool // the primary asks for one more unit on arrival
	attached   int8 // units (primary and secondaries) holding the call
	primaryOn  bool // the primary unit is on scene now
	cleared    bool // the primary's scene is over: no more units are sent
	holdOver   bool // a held P3 call that has waited Dispatch.HoldMax
	policeOn   bool // a police unit has reached the scene
}

func (e *engine) allocCall() int32 {
	if n := len(e.freeCalls); n > 0 {
		id := e.freeCalls[n-1]
		e.freeCalls = e.freeCalls[:n-1]
		e.calls[id] = call{}
		return id
	}
	e.calls = append(e.calls, call{})
	return int32(len(e.calls) - 1)
}

// callGen draws the arrivals of non-crime calls: a Poisson process whose
// rate is constant within each hour of the day, with the call type chosen
// in proportion to the types' rates in that hour and the cell in proportion
// to the cells' call weights.
type callGen struct {
	types  []CallType
	rate   [24]float64   // calls per minute in each hour of the day, all types
	cum    [24][]float64 // cumulative type rates in each hour
	places aliasTable
	r      *rand.Rand
	none   bool      // no calls at all
	tag    uint64    // the key tag of its calls
	n      uint64    // calls filled so far
	days   []float64 // the calendar's multiplier of each day, nil: flat
	clock  clockSpan // the hour of the last minute asked about
}

// newCallGen returns the generator of calls of the given types, placed in
// proportion to the cell weights, drawing from r; its calls' keys carry
// tag.
func newCallGen(types []CallType, weights []float64, r *rand.Rand, tag uint64) *callGen {
	cg := &callGen{types: types, r: r, tag: tag}
	var total float64
	for h := range 24 {
		cg.cum[h] = make([]float64, len(types))
		var acc float64
		for i, t := range types {
			acc += t.PerDay / MinutesPerDay * t.Profile[h] / profileMean(&t.Profile)
			cg.cum[h][i] = acc
		}
		cg.rate[h] = acc
		total += acc
	}
	cg.none = !(total > 0)
	cg.places = newAliasTable(weights)
	return cg
}

func profileMean(p *[24]float64) float64 {
	var s float64
	for _, v := range p {
		s += v
	}
	return s / 24
}

// next returns the arrival minute of the first call after t, or +Inf.
// It inverts the cumulative hazard of the piecewise-constant rate, which is
// exact for a non-homogeneous Poisson process.
func (cg *callGen) next(t float64) float64 {
	if cg.none {
		return math.Inf(1)
	}
	e := cg.r.ExpFloat64()
	for {
		h, end := cg.clock.at(t)
		rate := cg.rate[h]
		if cg.days != nil {
			rate *= dayFactor(cg.days, t)
		}
		if mass := rate * (end - t); mass >= e {
			return t + e/rate
		} else {
			e -= mass
		}
		t = end
	}
}

// fill draws the type, place and durations of a call arriving at minute t.
func (cg *callGen) fill(c *call, t float64) {
	h, _ := cg.clock.at(t)
	cum := cg.cum[h]
	u := cg.r.Float64() * cum[len(cum)-1]
	i := 0
	for i < len(cum)-1 && u >= cum[i] {
		i++
	}
	ct := &cg.types[i]
	c.typ = int16(i)
	c.priority = ct.Priority
	c.cell = int32(cg.places.draw(cg.r.Float64()))
	c.service = ct.Service.Sample(cg.r)
	c.report = ct.Report.Sample(cg.r)
	cg.n++
	c.key = cg.tag<<keyShift | cg.n
}

// newCallQueue returns the dispatcher's waiting list of the calls in
// calls.
func newCallQueue(calls *[]call) *callQueue { return &callQueue{calls: calls} }

// callQueue is the dispatcher's waiting list: the waiting calls in the
// strict order less, the first the next to go, kept as one sorted list
// per priority (callLine). A new call joins its priority's list from the
// back, behind the calls received before it, which it almost always is
// (a call whose processing ended early, or a preempted one, moves
// further forward), and the next leaves from the front of the most
// urgent list that holds one: no sifting of a heap at either end, and no
// urgent call moving past a backlog of routine ones. Each entry carries
// the keys it is ordered by, so that placing one compares entries
// without reading the calls.
type callQueue struct {
	lines   [NumPriorities]callLine
	calls   *[]call
	n       int // waiting calls
	overdue int // waiting P3 calls whose hold is over (holdOver)
}

// queued is a waiting call in the list: its id and the keys of its order.
type queued struct {
	priority Priority
	id       int32
	overdue  bool // a P3 call whose hold is over: its holdOver, kept here so that a scan for one reads no call
	received float64
	serial   uint64
}

// less orders waiting calls by priority, then by the minute the call came
// in, then by arrival order.
func (q *callQueue) less(a, b *queued) bool {
	if a.priority != b.priority {
		return a.priority < b.priority
	}
	if a.received != b.received {
		return a.received < b.received
	}
	return a.serial < b.serial
}

func (q *callQueue) len() int { return q.n }

// push puts waiting call id in its place.
func (q *callQueue) push(id int32) {
	c := &(*q.calls)[id]
	x := queued{priority: c.priority, id: id, received: c.received, serial: c.serial}
	l := &q.lines[c.priority-1]
	q.n++
	l.grow()
	n := len(l.sorted)
	l.sorted = l.sorted[:n+1]
	i := n
	for i > 0 && q.less(&x, &l.sorted[i-1]) {
		l.sorted[i] = l.sorted[i-1]
		i--
	}
	l.sorted[i] = x
}

// pop removes and returns the next call; the list must not be empty.
func (q *callQueue) pop() int32 {
	for p := range q.lines {
		if l := &q.lines[p]; len(l.sorted) > 0 {
			return q.take(l, 0)
		}
	}
	panic("sim: pop of an empty waiting list")
}

// takePassing removes and returns the first call, in order, that may be
// dispatched while P3 calls are held (any call of another priority, a
// P3 call whose hold is over), and reports whether there was one. With
// no P3 call overdue it looks no further than the fronts of the other
// priorities' lists.
func (q *callQueue) takePassing() (int32, bool) {
	for p := range q.lines {
		if l := &q.lines[p]; Priority(p+1) != P3 && len(l.sorted) > 0 {
			return q.take(l, 0), true
		}
	}
	if q.overdue == 0 {
		return 0, false
	}
	l := &q.lines[P3-1]
	for i := range l.sorted {
		if l.sorted[i].overdue {
			return q.take(l, i), true
		}
	}
	panic("sim: the waiting list counts an overdue P3 call it does not hold")
}

// overdueNow marks waiting P3 call id as held long enough (holdOver).
func (q *callQueue) overdueNow(id int32) {
	(*q.calls)[id].holdOver = true
	l, i := q.find(id)
	l.sorted[i].overdue = true
	q.overdue++
}

// remove removes waiting call id.
func (q *callQueue) remove(id int32) {
	l, i := q.find(id)
	q.take(l, i)
}

// find returns the list and index of waiting call id, searched for by
// its keys.
func (q *callQueue) find(id int32) (*callLine, int) {
	c := &(*q.calls)[id]
	l := &q.lines[c.priority-1]
	key := queued{priority: c.priority, id: id, received: c.received, serial: c.serial}
	i, found := slices.BinarySearchFunc(l.sorted, key, func(a, b queued) int {
		switch {
		case q.less(&a, &b):
			return -1
		case q.less(&b, &a):
			return 1
		}
		return 0
	})
	if !found || l.sorted[i].id != id {
		panic("sim: a call the waiting list does not hold")
	}
	return l, i
}

// take removes and returns the call at index i of list l.
func (q *callQueue) take(l *callLine, i int) int32 {
	w := &l.sorted[i]
	id, overdue := w.id, w.overdue
	if i == 0 { // the next call, most often: the window's start moves on
		if l.sorted = l.sorted[1:]; len(l.sorted) == 0 {
			l.sorted = l.buf[:0]
		}
	} else {
		l.removeAt(i)
	}
	q.n--
	if overdue {
		q.overdue--
	}
	return id
}

// each calls f with every waiting call, in order.
func (q *callQueue) each(f func(w *queued)) {
	for p := range q.lines {
		l := &q.lines[p]
		for i := range l.sorted {
			f(&l.sorted[i])
		}
	}
}

// callLine is one priority's waiting calls in order: a window on one
// buffer. Taking the first moves the window's start; a push that finds
// the buffer's end moves the window back to the start, or grows the
// buffer when it is more than half full.
type callLine struct {
	sorted []queued // the calls in order, a window on buf
	buf    []queued
}

// grow makes room for one more call at the end of the window.
func (l *callLine) grow() {
	n := len(l.sorted)
	if n < cap(l.sorted) {
		return
	}
	buf := l.buf
	if n >= len(buf)/2 {
		buf = make([]queued, max(2*len(buf), 16))
	}
	copy(buf, l.sorted)
	l.buf, l.sorted = buf, buf[:n]
}

// removeAt removes the call at index i > 0, moving the calls on its
// shorter side: those before it one place on (and the window's start
// with them), or those after it one place back. A held call released
// near the front of a long backlog moves few.
func (l *callLine) removeAt(i int) {
	if i < len(l.sorted)/2 {
		copy(l.sorted[1:i+1], l.sorted[:i])
		l.sorted = l.sorted[1:]
		return
	}
	l.sorted = append(l.sorted[:i], l.sorted[i+1:]...)
}
