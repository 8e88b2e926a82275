package cad

import "math"

// Grid is where calls happen: the grid, the call weight of each cell and,
// with a beat map, each cell's beat.
type Grid struct {
	Width, Height int
	CellM         float64
	Weight        []float64 // calls located in each cell, plus beat-only calls spread over their beat
	Beat          []int     // nil without a beat map
	BeatNames     []string
	Hood          []int // neighborhood of each cell; nil without a neighborhood map
	HoodNames     []string
	Located       int // calls with a usable location
	BeatOnly      int // calls placed by their beat alone
}

// Grid returns where the calls happened. Without a beat map the grid is
// the calls' bounding box in cells of cellM metres, made coarser when a
// side would pass 128 cells.
func (e *Estimator) Grid(cellM float64) *Grid {
	if e.beats != nil {
		return e.beatGrid()
	}
	if len(e.points) == 0 {
		return &Grid{Width: 1, Height: 1, CellM: cellM, Weight: []float64{1}}
	}
	x0, y0, x1, y1 := int32(math.MaxInt32), int32(math.MaxInt32), int32(math.MinInt32), int32(math.MinInt32)
	for k := range e.points {
		x0, y0, x1, y1 = min(x0, k[0]), min(y0, k[1]), max(x1, k[0]), max(y1, k[1])
	}
	span := math.Max(float64(x1-x0+1), float64(y1-y0+1)) * 25
	for span/cellM > 128 {
		cellM *= 2
	}
	g := &Grid{CellM: cellM, Located: e.located}
	g.Width = int(math.Ceil(float64(x1-x0+1) * 25 / cellM))
	g.Height = int(math.Ceil(float64(y1-y0+1) * 25 / cellM))
	g.Weight = make([]float64, g.Width*g.Height)
	for k, n := range e.points {
		x := min(g.Width-1, int(float64(k[0]-x0)*25/cellM))
		y := min(g.Height-1, int(float64(k[1]-y0)*25/cellM))
		g.Weight[y*g.Width+x] += float64(n)
	}
	return g
}

func (e *Estimator) beatGrid() *Grid {
	m := e.beats
	g := &Grid{Width: m.Width, Height: m.Height, CellM: m.CellM, Weight: append([]float64(nil), e.cells...),
		Beat: nearestBeat(m), BeatNames: m.Names, Located: e.located}
	index := map[string]int{}
	for i, n := range m.Names {
		index[n] = i
	}
	for name, n := range e.beatOnly {
		b, ok := index[name]
		if !ok {
			continue
		}
		g.BeatOnly += n
		sum, cells := 0.0, 0
		for c, cb := range m.Beat {
			if cb == b {
				sum += e.cells[c]
				cells++
			}
		}
		for c, cb := range m.Beat {
			if cb != b {
				continue
			}
			if sum > 0 {
				g.Weight[c] += float64(n) * e.cells[c] / sum
			} else {
				g.Weight[c] += float64(n) / float64(cells)
			}
		}
	}
	return g
}

// nearestBeat gives the cells outside every polygon the beat of the
// nearest cell inside one.
func nearestBeat(m *BeatMap) []int { return nearest(m.Beat, m.Width, m.Height) }

// nearest gives the cells labelled -1 the label of the nearest labelled
// cell (breadth first, so by steps along the grid).
func nearest(labels []int, width, height int) []int {
	b := append([]int(nil), labels...)
	var queue []int
	for c, v := range b {
		if v >= 0 {
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		x, y := c%width, c/width
		for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
			nx, ny := x+d[0], y+d[1]
			if nx < 0 || ny < 0 || nx >= width || ny >= height || b[ny*width+nx] >= 0 {
				continue
			}
			b[ny*width+nx] = b[c]
			queue = append(queue, ny*width+nx)
		}
	}
	return b
}
