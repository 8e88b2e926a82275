package sim

// aliasTable draws from a fixed discrete distribution in constant time
// (Walker's alias method, built by Vose's algorithm): the calls' cells,
// whose weights never change. gonum's distuv.Categorical walks a tree
// as deep as the log of the cells, a cache miss a level on a large grid,
// and allocates a generator per draw.
type aliasTable struct {
	prob  []float64 // chance that a draw landing on i keeps i
	alias []int32   // the index taken otherwise
}

// newAliasTable builds the table of weights w (>= 0, not all 0).
func newAliasTable(w []float64) aliasTable {
	n := len(w)
	t := aliasTable{prob: make([]float64, n), alias: make([]int32, n)}
	var total float64
	for _, x := range w {
		total += x
	}
	small, large := make([]int32, 0, n), make([]int32, 0, n)
	for i, x := range w {
		t.prob[i] = x * float64(n) / total
		t.alias[i] = int32(i)
		if t.prob[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.alias[s] = l
		t.prob[l] -= 1 - t.prob[s]
		if t.prob[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	// What is left is 1 up to rounding: always kept.
	for _, i := range large {
		t.prob[i] = 1
	}
	pos := int32(0)
	for w[pos] == 0 {
		pos++
	}
	for _, i := range small {
		if w[i] > 0 {
			t.prob[i] = 1
		} else {
			t.prob[i], t.alias[i] = 0, pos
		}
	}
	return t
}

// draw returns the index a uniform u in [0, 1) selects: its integer part
// of u x n picks a column, its fraction keeps the column or takes the
// alias.
func (t *aliasTable) draw(u float64) int {
	x := u * float64(len(t.prob))
	i := min(int(x), len(t.prob)-1)
	if x-float64(i) < t.prob[i] {
		return i
	}
	return int(t.alias[i])
}
