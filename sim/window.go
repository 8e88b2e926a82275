package sim

// window is the measured part of a run, the minutes [from, to): from the
// end of the warm-up and the MeasureFrom days after it to the end of the
// measured days. Every metric counts only what falls inside it, and the
// run stops at its end.
type window struct{ from, to float64 }

// newWindow returns cfg's measured window.
func newWindow(cfg *Config) window {
	from := float64(cfg.WarmupDays+cfg.MeasureFrom) * MinutesPerDay
	return window{from: from, to: from + float64(cfg.MeasuredDays())*MinutesPerDay}
}

// MeasuredDays returns how many days the run measures: MeasureDays, or
// the Days from MeasureFrom to the end when MeasureDays is 0.
func (c *Config) MeasuredDays() int {
	if c.MeasureDays > 0 {
		return c.MeasureDays
	}
	return c.Days - c.MeasureFrom
}

// in reports whether minute t falls inside the window.
func (w window) in(t float64) bool { return t >= w.from && t < w.to }

// clip returns how many minutes of [from, to) fall inside the window.
func (w window) clip(from, to float64) float64 { return max(0, min(to, w.to)-max(from, w.from)) }

// day returns the measured day of minute t, counting from 0 at the start
// of the window.
func (w window) day(t float64) int { return int((t - w.from) / MinutesPerDay) }
