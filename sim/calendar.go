package sim

import (
	"math"
	"time"
)

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

// clockSpan remembers, for the last minute it was asked about, the hour
// of the day (hourOfDay) and the end of the clock hour
// (math.Floor(t/60)*60 + 60), and the minutes [lo, hi) on which both stay
// what they are there, so that the minutes of one hour get them with two
// comparisons instead of three divisions. Every part (the whole days
// int(t/MinutesPerDay), the hour of that day, math.Floor(t/60)) is a
// non-decreasing function of t as computed (division, subtraction and
// truncation round monotonically), so the minutes on which all three
// stay the same are an interval, and its ends are found from the exact
// hour boundaries by stepping a few floats at most: the values are those
// the divisions give, to the bit. The zero clockSpan holds no minute.
type clockSpan struct {
	lo, hi float64
	hour   int
	end    float64
}

// at returns the hour of the day of minute t (0 <= t < 2^53) and the end
// of its clock hour, as hourOfDay and math.Floor(t/60)*60 + 60 give them.
func (s *clockSpan) at(t float64) (hour int, end float64) {
	if !(t >= s.lo && t < s.hi) {
		s.set(t)
	}
	return s.hour, s.end
}

// clockSteps bounds the floats set steps over from an exact hour
// boundary to the interval's end; past it the span stays empty (every
// minute is then computed afresh).
const clockSteps = 64

// set makes s hold minute t.
func (s *clockSpan) set(t float64) {
	day, hour, hours := int(t/MinutesPerDay), hourOfDay(t), math.Floor(t/60)
	s.hour, s.end = hour, hours*60+60
	s.lo, s.hi = 0, 0
	same := func(x float64) bool {
		return int(x/MinutesPerDay) == day && hourOfDay(x) == hour && math.Floor(x/60) == hours
	}
	// lo: the first float of the interval, from the hour's start.
	x := min(max(float64(day)*MinutesPerDay+float64(hour)*60, hours*60), t)
	for n := 0; ; n++ {
		if n == clockSteps {
			return
		}
		if same(x) {
			p := math.Nextafter(x, math.Inf(-1))
			if !same(p) {
				break
			}
			x = p
		} else {
			x = math.Nextafter(x, math.Inf(1))
		}
	}
	lo := x
	// hi: the first float after the interval, from the hour's end.
	x = max(min(float64(day)*MinutesPerDay+float64(hour+1)*60, hours*60+60), math.Nextafter(t, math.Inf(1)))
	for n := 0; ; n++ {
		if n == clockSteps {
			return
		}
		if same(x) {
			x = math.Nextafter(x, math.Inf(1))
		} else {
			p := math.Nextafter(x, math.Inf(-1))
			if same(p) {
				break
			}
			x = p
		}
	}
	s.lo, s.hi = lo, x
}
