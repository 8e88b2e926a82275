package sim

import "github.com/precinct-sim/precinct/agents"

// unitSet is a set of officer ids, a bitset iterated in ascending id
// order. The engine keeps the officers free for calls in one (free), and
// those of each beat in one more (freeIn), so that the dispatcher looks
// at the free units only, or at those of the beats it wants, instead of
// every post, on duty or not, in the same order and with the same
// tie-break (the lowest id) as a scan of every post.
type unitSet struct {
	words []uint64
	n     int // members
}

// newUnitSet returns the set of officers 0 .. n-1 when full, else the
// empty set of room n.
func newUnitSet(n int, full bool) unitSet {
	s := unitSet{words: make([]uint64, (n+63)/64)}
	if full {
		for id := range n {
			s.add(id)
		}
	}
	return s
}

func (s *unitSet) add(id int) {
	s.words[id>>6] |= 1 << (id & 63)
	s.n++
}

func (s *unitSet) remove(id int) {
	s.words[id>>6] &^= 1 << (id & 63)
	s.n--
}

// newFreeSets makes the empty sets of free officers, all and by beat.
func (e *engine) newFreeSets() {
	e.free = newUnitSet(len(e.officers), false)
	e.freeIn = make([]unitSet, e.cfg.Grid.Beats)
	for b := range e.freeIn {
		e.freeIn[b] = newUnitSet(len(e.officers), false)
	}
}

// addFree puts o, which has become free, in the free sets.
func (e *engine) addFree(o *agents.Officer) {
	e.free.add(int(o.ID))
	e.freeIn[o.Beat].add(int(o.ID))
}

// removeFree takes o, free no more, out of the free sets.
func (e *engine) removeFree(o *agents.Officer) {
	e.free.remove(int(o.ID))
	e.freeIn[o.Beat].remove(int(o.ID))
}

// setBeat posts o to beat b, moving it between the beats' free sets when
// it is free.
func (e *engine) setBeat(o *agents.Officer, b int) {
	if o.State.Free() {
		e.freeIn[o.Beat].remove(int(o.ID))
		e.freeIn[b].add(int(o.ID))
	}
	o.Beat = b
}
