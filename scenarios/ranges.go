package scenarios

import (
	"fmt"
	"strings"
)

// RangeKind says which check Validate makes of a key.
type RangeKind int

// The kinds of range.
const (
	RangeInt      RangeKind = iota + 1 // a whole number from Lo to Hi
	RangeFloat                         // a number from Lo to Hi
	RangePositive                      // a number above 0, at most Hi
	RangeDuration                      // a duration from Lo to Hi minutes ("90s", "12m", "1h30m")
	RangeOneOf                         // one of Allowed
)

// Range is what Validate allows for one key: the same check, and so the
// same bounds, that makes its messages.
type Range struct {
	Kind    RangeKind
	Lo, Hi  float64  // bounds (minutes for a duration)
	Allowed []string // the values of RangeOneOf
}

// String says the range in the words of Validate's messages.
func (r Range) String() string {
	switch r.Kind {
	case RangeInt, RangeFloat:
		return fmt.Sprintf("between %s and %s", fmtFloat(r.Lo), fmtFloat(r.Hi))
	case RangePositive:
		return fmt.Sprintf("greater than 0 and at most %s", fmtFloat(r.Hi))
	case RangeDuration:
		return fmt.Sprintf("between %s and %s", fmtMinutes(r.Lo), fmtMinutes(r.Hi))
	case RangeOneOf:
		return "one of " + strings.Join(r.Allowed, ", ")
	}
	return ""
}

// Ranges returns, by dotted key ("staffing.headcount",
// "calls.types[2].per_day"), the range Validate checks each key of s
// against. Some bounds depend on other keys (a place's cells on the
// grid's size), so the ranges are those of s as it is. s is validated
// as by Validate and may be changed as Validate changes it; pass a
// scenario just loaded.
func Ranges(s *Scenario) map[string]Range {
	c := &checker{ranges: map[string]Range{}}
	_ = validate(s, c)
	return c.ranges
}

// allow records r as the range of key, when ranges are recorded.
func (c *checker) allow(key string, r Range) {
	if c.ranges != nil {
		c.ranges[key] = r
	}
}
