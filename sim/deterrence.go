package sim

import "math"

// deterrence returns the share of offending suppressed in cell i at
// minute t: full while an officer dwells there, then decaying.
func (m *community) deterrence(i int, t float64) float64 {
	d := m.cfg.Crime.Deterrence
	if d == 0 || m.present(i, t) {
		return d
	}
	last := m.leftAt[i]
	if t > m.dwellTo[i] {
		last = max(last, m.dwellTo[i])
	}
	if math.IsInf(last, -1) {
		return 0
	}
	return d * math.Exp(-(t-last)/m.cfg.Crime.DeterrenceLife)
}
