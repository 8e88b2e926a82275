package sim

// nearRepeatRadiusM and nearRepeatDays define the near-repeat metric: an
// offense within this distance and time of an earlier one of the same type.
const (
	nearRepeatRadiusM = 100
	nearRepeatDays    = 7
)

// nearRepeat reports whether an offense of type typ at cell at minute t
// has an earlier one of the same type within the near-repeat radius and
// time, and marks this one.
func (m *community) nearRepeat(typ, cell int, t float64) bool {
	last := m.lastOffense[typ]
	w := m.grid.Width
	x, y := cell%w, cell/w
	found := false
	for cy := max(0, y-m.nrCells); cy <= min(m.grid.Height-1, y+m.nrCells) && !found; cy++ {
		for cx := max(0, x-m.nrCells); cx <= min(w-1, x+m.nrCells); cx++ {
			if t-last[cy*w+cx] <= nearRepeatDays*MinutesPerDay {
				found = true
				break
			}
		}
	}
	last[cell] = t
	return found
}
