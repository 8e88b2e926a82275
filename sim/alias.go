package sim

// aliasTable draws from a fixed discrete distribution in constant time
// (Walker's alias method, built by Vose's algorithm): the calls' cells,
// whose weights never change. gonum's distuv.Categorical walks a tree
// as deep as the log of the cells, a cache miss a level on a large grid,
// and allocates a generator per draw.
type aliasTable struct {
	col []aliasColumn
}

// aliasColumn is column i of an alias table: what a draw landing on i
// reads, in one record so that it touches one cache line of a large
// table.
type aliasColumn struct {
	prob  float64 // chance that a draw landing on i keeps i
	alias int32   // the index taken otherwise
}

// newAliasTable builds the table of weights w (>= 0, not all 0).
func newAliasTable(w []float64) aliasTable {
	n := len(w)
	t := aliasTable{col: make([]aliasColumn, n)}
	var total float64
	for _, x := range w {
		total += x
	}
	small, large := make([]int32, 0, n), make([]int32, 0, n)
	for i, x := range w {
		t.col[i] = aliasColumn{prob: x * float64(n) / total, alias: int32(i)}
		if t.col[i].prob < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		t.col[s].alias = l
		t.col[l].prob -= 1 - t.col[s].prob
		if t.col[l].prob < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	// What is left is 1 up to rounding: always kept.
	for _, i := range large {
		t.col[i].prob = 1
	}
	pos := int32(0)
	for w[pos] == 0 {
		pos++
	}
	for _, i := range small {
		if w[i] > 0 {
			t.col[i].prob = 1
		} else {
			t.col[i] = aliasColumn{prob: 0, alias: pos}
		}
	}
	return t
}

// draw returns the index a uniform u in [0, 1) selects: its integer part
// of u x n picks a column, its fraction keeps the column or takes the
// alias.
func (t *aliasTable) draw(u float64) int {
	x := u * float64(len(t.col))
	i := min(int(x), len(t.col)-1)
	c := t.col[i]
	if x-float64(i) < c.prob {
		return i
	}
	return int(c.alias)
}
