package sim

// unitSet is a set of officer ids, a bitset iterated in ascending id
// order. The engine keeps the officers free for calls in one (free), so
// that the dispatcher looks at the free units only instead of every post,
// on duty or not, in the same order and with the same tie-break (the
// lowest id) as a scan of every post.
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
