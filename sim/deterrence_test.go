package sim_test

import (
	"slices"
	"testing"
)

// TestPresenceDeters checks that more patrol presence in a cell lowers
// offenses there: the cells that hot-spot patrol (all free patrol at the
// hot spots, hotspot_interval 0) occupies see fewer offenses than the
// same cells under random patrol with the same officers, and fewer than
// under that hot-spot patrol with deterrence (direct and residual)
// switched off.
func TestPresenceDeters(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	hot := runs(t, 2, "baseline", "patrol.strategy=hotspot", "patrol.hotspot_interval=0s")
	random := runs(t, 2, "baseline", "patrol.strategy=random")
	none := runs(t, 2, "baseline", "patrol.strategy=hotspot", "patrol.hotspot_interval=0s", "crime.deterrence=0", "crime.residual_deterrence=0")
	for r := range hot {
		h, l, n := hot[r].Community, random[r].Community, none[r].Community
		cells := make([]int, len(h.Cells.PresenceHours))
		for i := range cells {
			cells[i] = i
		}
		slices.SortStableFunc(cells, func(a, b int) int {
			return -cmpFloat(h.Cells.PresenceHours[a], h.Cells.PresenceHours[b])
		})
		var oh, ol, on int
		var ph, pl float64
		for _, c := range cells[:30] {
			oh, ol, on = oh+h.Cells.True[c], ol+l.Cells.True[c], on+n.Cells.True[c]
			ph, pl = ph+h.Cells.PresenceHours[c], pl+l.Cells.PresenceHours[c]
		}
		t.Logf("rep %d, the 30 cells hot-spot patrol occupies most: presence %.0f h (hot spot) vs %.0f h (random); offenses %d vs %d, %d without deterrence",
			r, ph, pl, oh, ol, on)
		if !(ph > 10*pl && float64(oh) < 0.95*float64(ol) && float64(oh) < 0.95*float64(on)) {
			t.Errorf("rep %d: presence %.0f h vs %.0f h, offenses %d vs %d (%d without deterrence): want at least 5 %% fewer offenses where officers dwell", r, ph, pl, oh, ol, on)
		}
	}
}
