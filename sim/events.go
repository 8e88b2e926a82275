package sim

// evKind is what an event does when it fires.
type evKind uint8

const (
	evShiftEnd   evKind = iota // a: shift index
	evShiftStart               // a: shift index
	evCall                     // the next generated call arrives
	evArrive                   // a: officer; reaches the scene
	evServiceEnd               // a: officer; leaves the scene, starts the report
	evReportEnd                // a: officer; report done, free again
	evPatrolLeg                // a: officer; patrol point reached and dwelt at
)

// event is one scheduled occurrence. Events carrying an officer also carry
// the officer's token at scheduling time; an event whose token no longer
// matches was overtaken (a preemption, a shift end) and is dropped.
type event struct {
	t    float64
	seq  uint64
	kind evKind
	a    int32
	tok  uint32
}

// class orders events that share a minute: shift ends, then shift starts,
// then the rest by scheduling order.
func (e *event) class() uint8 {
	if e.kind <= evShiftStart {
		return uint8(e.kind)
	}
	return 2
}

func (e *event) before(f *event) bool {
	if e.t != f.t {
		return e.t < f.t
	}
	if c, d := e.class(), f.class(); c != d {
		return c < d
	}
	return e.seq < f.seq
}

// newEventQueue returns an empty event queue ordered by (time, class, seq).
func newEventQueue() *minHeap[event] {
	return &minHeap[event]{less: (*event).before}
}
