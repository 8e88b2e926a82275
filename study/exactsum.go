package study

import "math"

// exactSum is a sum of float64 values kept exactly, as a list of
// non-overlapping partials in increasing magnitude (Shewchuk's algorithm,
// as in Python's math.fsum). Its value is the exact sum rounded once, so
// it does not depend on the order in which the values were added: the
// sums of the shards of a study, added together in any order, give the
// bits one machine gets adding replicate after replicate. JSON writes the
// partials as numbers that read back exactly.
type exactSum []float64

// add adds x, which must be finite.
func (s *exactSum) add(x float64) {
	p := *s
	i := 0
	for _, y := range p {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x)
		if lo != 0 {
			p[i] = lo
			i++
		}
		x = hi
	}
	*s = append(p[:i], x)
}

// addSum adds every value o holds.
func (s *exactSum) addSum(o exactSum) {
	for _, x := range o {
		s.add(x)
	}
}

// value returns the exact sum rounded to the nearest float64, ties to
// even.
func (s exactSum) value() float64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	n--
	hi, lo := s[n], 0.0
	for n > 0 {
		x := hi
		n--
		y := s[n]
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	// hi + lo is the sum of the partials from n up; when the rest, all
	// below lo, pushes lo past half an ulp of hi in the same direction,
	// the sum rounds the other way than hi + lo did.
	if n > 0 && (lo < 0 && s[n-1] < 0 || lo > 0 && s[n-1] > 0) {
		y := lo * 2
		x := hi + y
		if y == x-hi {
			hi = x
		}
	}
	return hi
}
