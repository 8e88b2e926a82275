package sim

import (
	"math"
	"slices"

	"github.com/precinct-sim/precinct/agents"
)

// Where the hour's offense candidates fall (docs/MODEL.md 7.4): cell i
// is drawn in proportion to its offense rate before deterrence,
//
//	w_i = M_h(i) x Mmax x (S_i + D_i),
//
// M_h the neighborhood multiplier (legitimacy, services), Mmax the area
// majorant (areadeterrence.go), S_i the field's static rate and D_i its
// dynamic (near-repeat) rate as sampled: taken at the last midnight, or
// at the cell's last boost since. The sampler keeps that distribution
// at a cost in events, not in cells:
//
//   - the dynamic rates are held as d_i with D_i = g x d_i, g the global
//     decay since the start, so that the midnight decay of every cell is
//     one multiplication of g; only the cells boosted during the day are
//     brought to their value at midnight, one by one;
//   - the cells are grouped by (beat, neighborhood); each group keeps a
//     sum tree of its S and one of its d, so a boost or a problem-solving
//     step costs a walk up two trees, and a draw picks a group from the
//     group totals M_h (S_g + g d_g), then a part (static or dynamic),
//     then a cell down that part's tree, all from one uniform;
//   - each group also keeps its sums of S and d weighted by each cell's
//     static type mix, which give area deterrence and incapacitation the
//     beats' rates per type without a pass over the cells.

// sumTree is a complete binary tree of non-negative weights whose inner
// nodes hold the sums of their children, recomputed exactly on every
// change, so that a descent from the root never reaches a zero weight.
// It is written out rather than taken from gonum's distuv.Categorical,
// which does not expose its total, panics when every weight is zero
// (a group whose static rate problem solving has removed) and allocates
// a generator per draw.
type sumTree struct {
	size int       // leaves: a power of two
	node []float64 // node[1] the root, node[size+i] leaf i
}

func newSumTree(n int) sumTree {
	size := 1
	for size < n {
		size *= 2
	}
	return sumTree{size: size, node: make([]float64, 2*size)}
}

// total returns the sum of the weights.
func (t *sumTree) total() float64 { return t.node[1] }

// weight returns leaf i's weight.
func (t *sumTree) weight(i int) float64 { return t.node[t.size+i] }

// set makes leaf i's weight w. Each node up the path is the node below
// plus its sibling, which is the sum of the two children in either order.
func (t *sumTree) set(i int, w float64) {
	node := t.node
	j := uint(t.size + i)
	node[j] = w
	for j > 1 {
		w += node[j^1]
		j >>= 1
		node[j] = w
	}
}

// rebuild recomputes every inner node from the leaves.
func (t *sumTree) rebuild() {
	for j := t.size - 1; j >= 1; j-- {
		t.node[j] = t.node[2*j] + t.node[2*j+1]
	}
}

// find returns the leaf where u falls, 0 <= u <= total, in the order of
// the leaves: never a leaf of zero weight while the total is positive.
func (t *sumTree) find(u float64) int {
	j := 1
	for j < t.size {
		l, r := t.node[2*j], t.node[2*j+1]
		if u < l || r == 0 {
			j = 2 * j
		} else {
			u -= l
			j = 2*j + 1
		}
	}
	return j - t.size
}

// crimeSampler is the distribution of the offense candidates over the
// cells; see the comment at the top of the file.
type crimeSampler struct {
	field *agents.CrimeField
	types int
	share bool // keep the per-type sums (area deterrence or incapacitation is on)

	leaves []cellLeaf // per cell, where it is in the trees
	cells  [][]int32  // per group, its cells by leaf
	hood   []int32    // per group, its neighborhood
	beat   []int32    // per group, its beat

	static, dyn []sumTree // per group: S and d by cell
	sShare      []float64 // per group x type, sum of S x the cell's type share
	dShare      []float64 // per group x type, sum of d x the cell's type share

	g       float64 // the global decay factor: D_i = g x d_i (d_i in the dyn trees)
	at      float64 // minute of the last midnight decay
	touched []int32 // cells sampled afresh since the last midnight (cellLeaf.touched)

	cum   []float64 // per group, cumulative weights (without Mmax)
	dirty bool      // cum must be recomputed
}

// cellLeaf is what the sampler keeps of a cell, in one record: its
// group, its leaf in the group's trees, and whether it is in touched.
type cellLeaf struct {
	group, leaf int32
	touched     bool
}

// renormalizeBelow is the global factor below which the d are scaled
// back (d grows as g shrinks, by e every mean life of the dynamic rate).
const renormalizeBelow = 1e-150

// newCrimeSampler groups grid g's cells by beat and neighborhood and
// takes the field's rates as they stand at minute t. share keeps the
// per-type sums area deterrence needs.
func newCrimeSampler(g *Grid, field *agents.CrimeField, types int, share bool, t float64) *crimeSampler {
	n := g.Cells()
	s := &crimeSampler{field: field, types: types, share: share, leaves: make([]cellLeaf, n),
		g: 1, at: t, dirty: true}
	id := map[[2]int32]int32{}
	lastKey, lastGroup := [2]int32{-1, -1}, int32(-1) // the cell before's: most cells share it
	for i := range n {
		k := [2]int32{int32(g.Beat[i]), int32(g.Neighborhood[i])}
		gi, ok := lastGroup, k == lastKey
		if !ok {
			gi, ok = id[k]
		}
		if !ok {
			gi = int32(len(s.cells))
			id[k] = gi
			s.cells = append(s.cells, nil)
			s.beat, s.hood = append(s.beat, k[0]), append(s.hood, k[1])
		}
		lastKey, lastGroup = k, gi
		s.leaves[i] = cellLeaf{group: gi, leaf: int32(len(s.cells[gi]))}
		s.cells[gi] = append(s.cells[gi], int32(i))
	}
	s.static, s.dyn = make([]sumTree, len(s.cells)), make([]sumTree, len(s.cells))
	for gi, cs := range s.cells {
		s.static[gi], s.dyn[gi] = newSumTree(len(cs)), newSumTree(len(cs))
	}
	if share {
		s.sShare, s.dShare = make([]float64, len(s.cells)*types), make([]float64, len(s.cells)*types)
	}
	s.cum = make([]float64, len(s.cells))
	s.resample(t)
	return s
}

// resample takes every cell's rates afresh at minute t: at the start,
// after the dynamic rates are set to their stationary mean, and when g
// is scaled back.
func (s *crimeSampler) resample(t float64) {
	s.g = 1
	for i, c := range s.leaves {
		gi, l := c.group, int(c.leaf)
		s.static[gi].node[s.static[gi].size+l] = s.field.Static[i]
		s.dyn[gi].node[s.dyn[gi].size+l] = s.field.Dynamic(i, t)
	}
	for gi := range s.cells {
		s.static[gi].rebuild()
		s.dyn[gi].rebuild()
	}
	if s.share {
		clear(s.sShare)
		clear(s.dShare)
		for i, c := range s.leaves {
			s.addShares(i, s.field.Static[i], s.dyn[c.group].weight(int(c.leaf)))
		}
	}
	for _, i := range s.touched {
		s.leaves[i].touched = false
	}
	s.touched = s.touched[:0]
	s.dirty = true
}

// addShares adds ds and dd, changes of cell i's S and d, to its group's
// per-type sums, split by the cell's static type mix.
func (s *crimeSampler) addShares(i int, ds, dd float64) {
	if ds == 0 && dd == 0 {
		return
	}
	cum := s.field.TypeCum(i)
	if !(cum[len(cum)-1] > 0) {
		return
	}
	base := int(s.leaves[i].group) * s.types
	// A change of zero would add a zero, which leaves a sum begun at +0
	// as it was: the part it would go to is left out.
	if ds != 0 {
		addMix(s.sShare[base:base+len(cum)], cum, ds)
	}
	if dd != 0 {
		addMix(s.dShare[base:base+len(cum)], cum, dd)
	}
}

// addMix adds to sums, type by type, v split by the cumulative type
// weights cum (of the same length, its last the total).
func addMix(sums, cum []float64, v float64) {
	tot := cum[len(cum)-1]
	sums = sums[:len(cum)]
	prev := 0.0
	for k, c := range cum {
		sums[k] += v * ((c - prev) / tot)
		prev = c
	}
}

// takeCut samples cell i's rates afresh at minute t after problem
// solving cut its static rate.
func (s *crimeSampler) takeCut(i int, t float64) {
	c := s.leaves[i]
	gi, l := c.group, int(c.leaf)
	if st, old := s.field.Static[i], s.static[gi].weight(l); st != old {
		if s.share {
			s.addShares(i, st-old, 0)
		}
		s.static[gi].set(l, st)
	}
	s.take(i, t)
}

// take samples cell i's dynamic rate afresh at minute t after a boost,
// which leaves its static rate: every change of that is taken at once
// (takeCut), so that a boost reads neither the field's static rate nor
// the tree's.
func (s *crimeSampler) take(i int, t float64) {
	c := &s.leaves[i]
	s.setDynamic(i, s.field.Dynamic(i, t)/s.g)
	if !c.touched {
		c.touched = true
		s.touched = append(s.touched, int32(i))
	}
	s.dirty = true
}

// sampled returns cell i's rate as sampled, S_i + D_i (without the
// multipliers).
func (s *crimeSampler) sampled(i int) float64 {
	gi, l := s.leaves[i].group, int(s.leaves[i].leaf)
	return s.static[gi].weight(l) + s.g*s.dyn[gi].weight(l)
}

// setDynamic makes d cell i's dynamic rate as sampled over g.
func (s *crimeSampler) setDynamic(i int, d float64) {
	gi, l := s.leaves[i].group, int(s.leaves[i].leaf)
	if s.share {
		s.addShares(i, 0, d-s.dyn[gi].weight(l))
	}
	s.dyn[gi].set(l, d)
}

// decay brings the sampled dynamic rates to midnight t: every cell
// untouched since the last midnight decays with g; the others are taken
// at t.
func (s *crimeSampler) decay(t float64) {
	if dt := t - s.at; dt > 0 {
		s.g *= math.Exp(-dt / s.field.Life())
		s.at = t
	}
	if s.g < renormalizeBelow {
		s.resample(t)
		return
	}
	for _, i := range s.touched {
		s.leaves[i].touched = false
		s.setDynamic(int(i), s.field.Dynamic(int(i), t)/s.g)
	}
	s.touched = s.touched[:0]
	s.dirty = true
}

// totals recomputes the groups' cumulative weights under the
// neighborhood multipliers mult and returns their sum (without Mmax).
func (s *crimeSampler) totals(mult []float64) float64 {
	var acc float64
	for gi := range s.cells {
		acc += mult[s.hood[gi]] * (s.static[gi].total() + s.g*s.dyn[gi].total())
		s.cum[gi] = acc
	}
	s.dirty = false
	return acc
}

// staticTotal returns the sum of the groups' static rates under the
// neighborhood multipliers mult (without Mmax): what totals returns
// while every dynamic rate is zero.
func (s *crimeSampler) staticTotal(mult []float64) float64 {
	var acc float64
	for gi := range s.cells {
		acc += mult[s.hood[gi]] * s.static[gi].total()
	}
	return acc
}

// draw returns the cell where u falls, 0 <= u < 1, under the weights of
// the last totals.
func (s *crimeSampler) draw(u float64, mult []float64) int {
	x := u * s.cum[len(s.cum)-1]
	gi, _ := slices.BinarySearch(s.cum, x)
	for gi < len(s.cum)-1 && !(x < s.cum[gi]) {
		gi++
	}
	gi = min(gi, len(s.cum)-1)
	for gi > 0 && s.cum[gi] == s.cum[gi-1] {
		gi-- // rounding left x at the end of an empty group: take the last group with weight
	}
	if gi > 0 {
		x -= s.cum[gi-1]
	}
	x /= mult[s.hood[gi]]
	st, dy := &s.static[gi], &s.dyn[gi]
	var l int
	if x < st.total() || dy.total() == 0 {
		l = st.find(min(x, st.total()))
	} else {
		l = dy.find(min((x-st.total())/s.g, dy.total()))
	}
	return int(s.cells[gi][l])
}

// beatRates adds to base, per beat x type, the rates before deterrence
// of the beat's cells by type as sampled, under the neighborhood
// multipliers mult (without Mmax).
func (s *crimeSampler) beatRates(base, mult []float64) {
	k := s.types
	for gi := range s.cells {
		m := mult[s.hood[gi]]
		b := int(s.beat[gi]) * k
		for j := range k {
			base[b+j] += m * (s.sShare[gi*k+j] + s.g*s.dShare[gi*k+j])
		}
	}
}
