package sim

// window is the measured part of a run, the minutes [from, to): from the
// end of the warm-up to the end of the horizon. Every metric counts only
// what falls inside it.
type window struct{ from, to float64 }

// newWindow returns cfg's measured window.
func newWindow(cfg *Config) window {
	return window{from: float64(cfg.WarmupDays) * MinutesPerDay, to: float64(cfg.WarmupDays+cfg.Days) * MinutesPerDay}
}

// in reports whether minute t falls inside the window.
func (w window) in(t float64) bool { return t >= w.from && t < w.to }

// clip returns how many minutes of [from, to) fall inside the window.
func (w window) clip(from, to float64) float64 { return max(0, min(to, w.to)-max(from, w.from)) }

// day returns the measured day of minute t, counting from 0 at the end of
// the warm-up.
func (w window) day(t float64) int { return int((t - w.from) / MinutesPerDay) }
