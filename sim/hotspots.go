package sim

import (
	"math"
	"math/rand/v2"
	"slices"
)

// recordAt counts a recorded offense at cell for hot-spot ranking.
func (m *community) recordAt(cell int) {
	m.ring[m.dayIndex] = append(m.ring[m.dayIndex], int32(cell))
	m.counts[cell]++
}

// rankHotspots scores every cell by its recorded offenses over the window
// plus HotspotKernel x those of its 8 neighbours (the spatial smoothing of
// predictive-policing models), and keeps the HotspotTop best (ties to the
// lower cell index) by insertion into a short sorted list.
func (m *community) rankHotspots() {
	if !m.useHotspots {
		return
	}
	k, w, h := m.cfg.Crime.HotspotTop, m.grid.Width, m.grid.Height
	kernel := m.cfg.Crime.HotspotKernel
	m.hot = m.hot[:0]
	for i, c := range m.counts {
		score := float64(c)
		if kernel > 0 {
			x, y := i%w, i/w
			var near int32
			for cy := max(0, y-1); cy <= min(h-1, y+1); cy++ {
				for cx := max(0, x-1); cx <= min(w-1, x+1); cx++ {
					near += m.counts[cy*w+cx]
				}
			}
			score += kernel * float64(near-c)
		}
		m.score[i] = score
		if score <= 0 || (len(m.hot) == k && score <= m.score[m.hot[k-1]]) {
			continue
		}
		j := len(m.hot)
		if j < k {
			m.hot = append(m.hot, 0)
		} else {
			j--
		}
		for ; j > 0 && m.score[m.hot[j-1]] < score; j-- {
			m.hot[j] = m.hot[j-1]
		}
		m.hot[j] = int32(i)
	}
	m.hotCum = m.hotCum[:0]
	var acc float64
	for _, c := range m.hot {
		acc += math.Pow(m.score[c]/m.score[m.hot[0]], m.cfg.Crime.HotspotFocus)
		m.hotCum = append(m.hotCum, acc)
	}
}

// newDay rolls the hot-spot window forward by a day.
func (m *community) newDay() {
	m.dayIndex = (m.dayIndex + 1) % len(m.ring)
	for _, c := range m.ring[m.dayIndex] {
		m.counts[c]--
	}
	m.ring[m.dayIndex] = m.ring[m.dayIndex][:0]
	m.rankHotspots()
}

// hotspot draws a hot spot in proportion to its score raised to the
// power HotspotFocus.
func (m *community) hotspot(r *rand.Rand) (int, bool) {
	if len(m.hot) == 0 {
		return 0, false
	}
	u := r.Float64() * m.hotCum[len(m.hotCum)-1]
	i, _ := slices.BinarySearch(m.hotCum, u)
	return int(m.hot[min(i, len(m.hot)-1)]), true
}

// hotspotIn draws a hot spot of beat b as hotspot does among all of them,
// or reports false when b has none.
func (m *community) hotspotIn(b int, r *rand.Rand) (int, bool) {
	var sum, prev float64
	for k, c := range m.hot {
		if m.grid.Beat[c] == b {
			sum += m.hotCum[k] - prev
		}
		prev = m.hotCum[k]
	}
	if !(sum > 0) {
		return 0, false
	}
	u := r.Float64() * sum
	prev = 0
	last := -1
	for k, c := range m.hot {
		if m.grid.Beat[c] == b {
			if u -= m.hotCum[k] - prev; u < 0 {
				return int(c), true
			}
			last = int(c)
		}
		prev = m.hotCum[k]
	}
	return last, true // rounding left u at or just above 0
}
