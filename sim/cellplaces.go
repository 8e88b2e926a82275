package sim

// placeMap is every cell's beat and neighborhood (its place) as runs
// along the rows of the grid: the cells of one run are consecutive cells
// of a row with the same place. Beats and neighborhoods are blocks of
// cells, so a row holds a few runs and the whole map some kilobytes that
// stay in cache whatever the size of the grid: looking up a random cell
// (the cell of a dwell as it ends, of an offense) reads no array as long
// as the grid. A map of scattered places (one run per cell at worst)
// still answers, by a binary search of the row's runs.
type placeMap struct {
	w    int
	row  []int32    // the runs of row y are runs[row[y]:row[y+1]], in order of column
	runs []placeRun // every row's runs, row by row
}

// cellPlace is a cell's beat and neighborhood.
type cellPlace struct{ beat, hood int32 }

// placeRun is a run of cells of one row with the same place: the cells
// from the end of the row's run before (0 for its first) to column end,
// excluded.
type placeRun struct {
	end   int32
	place cellPlace
}

// newPlaceMap builds the map of grid g's beats and neighborhoods.
func newPlaceMap(g *Grid) placeMap {
	m := placeMap{w: g.Width, row: make([]int32, g.Height+1)}
	for y := range g.Height {
		for x := range g.Width {
			i := y*g.Width + x
			p := cellPlace{beat: int32(g.Beat[i]), hood: int32(g.Neighborhood[i])}
			if last := len(m.runs) - 1; x > 0 && m.runs[last].place == p {
				m.runs[last].end++
				continue
			}
			m.runs = append(m.runs, placeRun{end: int32(x + 1), place: p})
		}
		m.row[y+1] = int32(len(m.runs))
	}
	return m
}

// at returns cell i's place.
func (m *placeMap) at(i int) cellPlace {
	y, x := i/m.w, int32(i%m.w)
	rs := m.runs[m.row[y]:m.row[y+1]]
	lo, hi := 0, len(rs)-1
	for lo < hi { // the first run that ends after x
		mid := int(uint(lo+hi) >> 1)
		if rs[mid].end > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return rs[lo].place
}
