package scenarios

import (
	"fmt"
	"strings"

	"github.com/precinct-sim/precinct/sim"
)

// MapAlphabet is the characters of world.map.beat_rows: character i
// stands for beat i of world.map.beats.
const MapAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// CellMap is the per-cell form of a world, written by precinct import
// from a beat map, a neighborhood map and an extract's call locations:
// the beats and the neighborhoods as rows of characters and the call
// weight of every cell.
type CellMap struct {
	Beats       []string    `toml:"beats" json:"beats"`               // beat names; beat i is character i of MapAlphabet; empty: world.beat_cols x beat_rows
	BeatRows    []string    `toml:"beat_rows" json:"beat_rows"`       // one string per row (north first), one character per cell
	CallWeights [][]float64 `toml:"call_weights" json:"call_weights"` // one list per row of relative calls per cell; empty: the neighborhoods' call_weight
	// NeighborhoodRows gives the neighborhoods cell by cell, one string
	// per row (north first): character i of MapAlphabet is
	// world.neighborhoods[i], whose cells are then left out. Empty: the
	// neighborhoods' rectangles.
	NeighborhoodRows []string `toml:"neighborhood_rows" json:"neighborhood_rows"`
}

// PerCellHoods reports whether w's neighborhoods are given cell by cell.
func (w *World) PerCellHoods() bool { return w.Map != nil && len(w.Map.NeighborhoodRows) > 0 }

// validateMap checks world.map against the grid.
func validateMap(c *checker, w *World) {
	m := w.Map
	if m == nil {
		return
	}
	validateHoodRows(c, w)
	if len(m.Beats) == 0 && len(m.BeatRows) == 0 && len(m.NeighborhoodRows) > 0 {
		return // neighborhoods alone: the beats are beat_cols x beat_rows
	}
	if len(m.Beats) == 0 || len(m.Beats) > len(MapAlphabet) {
		c.add("world.map.beats", "must name between 1 and %d beats, got %d", len(MapAlphabet), len(m.Beats))
		return
	}
	if len(m.BeatRows) != w.Height {
		c.add("world.map.beat_rows", "must have one string per row of the grid (%d), got %d", w.Height, len(m.BeatRows))
		return
	}
	used := make([]bool, len(m.Beats))
	for y, row := range m.BeatRows {
		if len(row) != w.Width {
			c.add(fmt.Sprintf("world.map.beat_rows[%d]", y), "must have one character per column (%d), got %d", w.Width, len(row))
			return
		}
		for x := range len(row) {
			b := strings.IndexByte(MapAlphabet, row[x])
			if b < 0 || b >= len(m.Beats) {
				c.add(fmt.Sprintf("world.map.beat_rows[%d]", y), "column %d: %q is not one of the %d beats (characters %q)", x, row[x], len(m.Beats), MapAlphabet[:len(m.Beats)])
				return
			}
			used[b] = true
		}
	}
	for i, u := range used {
		if !u {
			c.add("world.map.beats", "beat %q (%q) has no cell: every beat needs at least one", m.Beats[i], MapAlphabet[i])
		}
	}
	if len(m.CallWeights) == 0 {
		return
	}
	if len(m.CallWeights) != w.Height {
		c.add("world.map.call_weights", "must have one list per row of the grid (%d), got %d", w.Height, len(m.CallWeights))
		return
	}
	sum := 0.0
	for y, row := range m.CallWeights {
		if len(row) != w.Width {
			c.add(fmt.Sprintf("world.map.call_weights[%d]", y), "must have one weight per column (%d), got %d", w.Width, len(row))
			return
		}
		for x, v := range row {
			if !c.floatIn(fmt.Sprintf("world.map.call_weights[%d][%d]", y, x), v, 0, maxWeight) {
				return
			}
			sum += v
		}
	}
	if sum == 0 {
		c.add("world.map.call_weights", "are all 0: no call could happen")
	}
}

// validateHoodRows checks world.map.neighborhood_rows against the grid
// and world.neighborhoods.
func validateHoodRows(c *checker, w *World) {
	rows := w.Map.NeighborhoodRows
	if len(rows) == 0 {
		return
	}
	n := len(w.Neighborhoods)
	if n > len(MapAlphabet) {
		c.add("world.neighborhoods", "must list at most %d neighborhoods with world.map.neighborhood_rows, got %d", len(MapAlphabet), n)
		return
	}
	if len(rows) != w.Height {
		c.add("world.map.neighborhood_rows", "must have one string per row of the grid (%d), got %d", w.Height, len(rows))
		return
	}
	used := make([]bool, n)
	for y, row := range rows {
		if len(row) != w.Width {
			c.add(fmt.Sprintf("world.map.neighborhood_rows[%d]", y), "must have one character per column (%d), got %d", w.Width, len(row))
			return
		}
		for x := range len(row) {
			i := strings.IndexByte(MapAlphabet, row[x])
			if i < 0 || i >= n {
				c.add(fmt.Sprintf("world.map.neighborhood_rows[%d]", y), "column %d: %q is not one of the %d neighborhoods (characters %q)", x, row[x], n, MapAlphabet[:n])
				return
			}
			used[i] = true
		}
	}
	for i, u := range used {
		if !u {
			c.add(fmt.Sprintf("world.neighborhoods[%d]", i), "%q (%q) has no cell in world.map.neighborhood_rows: every neighborhood needs at least one", w.Neighborhoods[i].Name, MapAlphabet[i])
		}
	}
}

// apply puts the map's neighborhoods, beats and call weights into g; the
// neighborhoods' call weights come from hoods.
func (m *CellMap) apply(g *sim.Grid, hoods []Neighborhood) {
	if m == nil {
		return
	}
	for y, row := range m.NeighborhoodRows {
		for x := range len(row) {
			i := strings.IndexByte(MapAlphabet, row[x])
			g.Neighborhood[y*g.Width+x] = i
			g.CallWeight[y*g.Width+x] = hoods[i].CallWeight
		}
	}
	if len(m.Beats) == 0 {
		m.applyWeights(g)
		return
	}
	g.Beats = len(m.Beats)
	for y, row := range m.BeatRows {
		for x := range len(row) {
			g.Beat[y*g.Width+x] = strings.IndexByte(MapAlphabet, row[x])
		}
	}
	m.applyWeights(g)
}

func (m *CellMap) applyWeights(g *sim.Grid) {
	for y, row := range m.CallWeights {
		for x, v := range row {
			g.CallWeight[y*g.Width+x] = v
		}
	}
}
