package sim

import "time"

// dayFactors returns the rate multiplier of each simulated day (from the
// first day of the warm-up, n days) under the day-of-week and monthly
// profiles, each normalised to mean 1, or nil when both are flat (all
// zero or all equal), so that a flat calendar changes no number.
func (c *Calendar) dayFactors(weekday *[7]float64, monthly *[12]float64, n int) []float64 {
	w, wok := normalised(weekday[:])
	m, mok := normalised(monthly[:])
	if !wok && !mok {
		return nil
	}
	f := make([]float64, n)
	for d := range f {
		date := c.Start.AddDate(0, 0, d)
		v := 1.0
		if wok {
			v *= w[(int(date.Weekday())+6)%7] // Monday first
		}
		if mok {
			v *= m[date.Month()-time.January]
		}
		f[d] = v
	}
	return f
}

// normalised returns p divided by its mean and true, or false when p is
// flat (all zero or all equal).
func normalised(p []float64) ([]float64, bool) {
	sum, flat := 0.0, true
	for _, v := range p {
		sum += v
		flat = flat && v == p[0]
	}
	if flat || !(sum > 0) {
		return nil, false
	}
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = v * float64(len(p)) / sum
	}
	return out, true
}

// dayFactor returns the multiplier of minute t under factors f (nil:
// 1).
func dayFactor(f []float64, t float64) float64 {
	if f == nil {
		return 1
	}
	return f[min(max(int(t/MinutesPerDay), 0), len(f)-1)]
}

// hourOfDay returns the hour of the day, 0 to 23, of minute t (0 <= t <
// 2^53): int(math.Mod(t, MinutesPerDay) / 60) without math.Mod, the same
// value. k = int(t / MinutesPerDay) is the whole days in t: the quotient
// cannot round up to k+1 below (k+1) days, because the gap between
// floats below 45(k+1) (MinutesPerDay is 45 x 2^5) is at least 32 times
// the gap below k+1, so t/MinutesPerDay stays more than half a gap below
// k+1. t - k x MinutesPerDay is then exact, as math.Mod is: t and a
// whole number of minutes below 2^53 differ by a multiple of t's last
// place.
func hourOfDay(t float64) int {
	return int((t - float64(int(t/MinutesPerDay))*MinutesPerDay) / 60)
}
