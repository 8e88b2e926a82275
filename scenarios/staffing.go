package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// patterns are the preset shift patterns: name -> shifts.
var patterns = map[string][]ShiftSpec{
	"8x3": {
		{Name: "day", Start: 7 * 60, Length: hours(8)},
		{Name: "evening", Start: 15 * 60, Length: hours(8)},
		{Name: "night", Start: 23 * 60, Length: hours(8)},
	},
	"10x4": {
		{Name: "day", Start: 6 * 60, Length: hours(10)},
		{Name: "midday", Start: 11 * 60, Length: hours(10)},
		{Name: "evening", Start: 16 * 60, Length: hours(10)},
		{Name: "night", Start: 21 * 60, Length: hours(10)},
	},
	"12x2": {
		{Name: "day", Start: 7 * 60, Length: hours(12)},
		{Name: "night", Start: 19 * 60, Length: hours(12)},
	},
	"24x1": {
		{Name: "round the clock", Start: 0, Length: hours(24)},
	},
}

func hours(h float64) Duration { return Duration{durationOfMinutes(60 * h)} }

// Patterns returns the allowed values of staffing.pattern: the presets
// and "custom".
func Patterns() []string {
	return []string{"8x3", "10x4", "12x2", "24x1", "custom"}
}

// shiftSpecs returns the shifts of the pattern.
func (st *Staffing) shiftSpecs() []ShiftSpec {
	if st.Pattern == "custom" {
		return st.Shifts
	}
	return patterns[st.Pattern]
}

func shiftNames(sh []ShiftSpec) string {
	names := make([]string, len(sh))
	for i, s := range sh {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// posts returns the number of posts on duty in each shift. Staffed by
// headcount, the officers' yearly available hours are spread over the
// shifts in proportion to weight x length: a post needs Length hours a
// day, an officer gives AnnualHours/365. The fractional posts are rounded
// to a whole total, which is shared out by largest remainder (ties to the
// earlier shift), so that patterns on the same headcount keep the same
// officer-hours.
func (st *Staffing) posts() []int {
	shifts := st.shiftSpecs()
	if len(st.OfficersPerShift) > 0 {
		return slices.Clone(st.OfficersPerShift)
	}
	perDay := float64(st.Headcount) * st.AnnualHours / 365 // officer-hours a day
	var denom float64
	for i, sh := range shifts {
		denom += st.weight(i) * sh.Length.Hours()
	}
	exact := make([]float64, len(shifts))
	var sum float64
	for i := range shifts {
		exact[i] = perDay * st.weight(i) / denom
		sum += exact[i]
	}
	total := int(math.Round(sum))
	posts := make([]int, len(shifts))
	order := make([]int, len(shifts))
	given := 0
	for i, x := range exact {
		posts[i] = int(math.Floor(x))
		given += posts[i]
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(exact[b]-math.Floor(exact[b]), exact[a]-math.Floor(exact[a]))
	})
	for k := 0; given < total; k++ {
		posts[order[k%len(order)]]++
		given++
	}
	return posts
}

func (st *Staffing) weight(i int) float64 {
	if len(st.Weights) == 0 {
		return 1
	}
	return st.Weights[i]
}

func validateStaffing(c *checker, st *Staffing) {
	if !c.oneOf("staffing.pattern", st.Pattern, Patterns()) {
		return
	}
	shifts := st.shiftSpecs()
	if st.Pattern == "custom" {
		if len(st.Shifts) == 0 {
			c.add("staffing.shifts", "pattern \"custom\" needs at least one [[staffing.shifts]] entry")
			return
		}
		for i, sh := range st.Shifts {
			key := fmt.Sprintf("staffing.shifts[%d]", i)
			c.label(key+".name", sh.Name)
			c.durIn(key+".length", sh.Length, 1, 24*60)
		}
	} else if len(st.Shifts) > 0 {
		c.add("staffing.shifts", "is only for pattern = \"custom\"; pattern %q defines its own shifts", st.Pattern)
	}
	c.floatIn("staffing.annual_hours", st.AnnualHours, 1, 8760)
	byShift := len(st.OfficersPerShift) > 0
	switch {
	case byShift && st.Headcount != 0:
		c.add("staffing.headcount", "is %d but officers_per_shift is also set: staff either by headcount or per shift (set headcount = 0)", st.Headcount)
	case byShift:
		if len(st.Weights) > 0 {
			c.add("staffing.weights", "is only used when staffing by headcount; with officers_per_shift the posts are given directly")
		}
		if len(st.OfficersPerShift) != len(shifts) {
			c.add("staffing.officers_per_shift", "must list %d numbers, one per shift of pattern %q (%s), got %d",
				len(shifts), st.Pattern, shiftNames(shifts), len(st.OfficersPerShift))
		}
		for i, n := range st.OfficersPerShift {
			c.intIn(fmt.Sprintf("staffing.officers_per_shift[%d]", i), n, 0, maxHeadcount)
		}
	default:
		if c.intIn("staffing.headcount", st.Headcount, 1, maxHeadcount) {
			if len(st.Weights) > 0 && len(st.Weights) != len(shifts) {
				c.add("staffing.weights", "must list %d numbers, one per shift of pattern %q (%s), got %d",
					len(shifts), st.Pattern, shiftNames(shifts), len(st.Weights))
			}
			for i, w := range st.Weights {
				c.positive(fmt.Sprintf("staffing.weights[%d]", i), w, maxWeight)
			}
		}
	}
	if len(c.probs) > 0 {
		return // the posts below need a consistent roster
	}
	posts := st.posts()
	var covered [24 * 60]bool
	total := 0
	for i, sh := range shifts {
		total += posts[i]
		if posts[i] == 0 {
			continue
		}
		for m := range int(sh.Length.Minutes()) {
			covered[(int(sh.Start)+m)%(24*60)] = true
		}
	}
	key := "staffing.shifts"
	switch {
	case byShift:
		key = "staffing.officers_per_shift"
	case st.Pattern != "custom":
		key = "staffing.headcount"
	}
	if total == 0 {
		c.add(key, "puts no officer on duty in any shift")
		return
	}
	if gaps := gaps(covered[:]); len(gaps) > 0 {
		c.add(key, "leaves %s with no officer on duty (pattern %q, officers per shift %v): every hour of the day needs a shift with officers",
			strings.Join(gaps, ", "), st.Pattern, posts)
	}
}

// gaps lists the uncovered intervals of a day as "HH:MM-HH:MM".
func gaps(covered []bool) []string {
	var out []string
	for m := 0; m < len(covered); {
		if covered[m] {
			m++
			continue
		}
		start := m
		for m < len(covered) && !covered[m] {
			m++
		}
		a, _ := Clock(start).MarshalText()
		b, _ := Clock(m % (24 * 60)).MarshalText()
		out = append(out, string(a)+"-"+string(b))
	}
	return out
}

// ShiftSpecs returns the shifts of the roster's pattern, in pattern order.
func (st *Staffing) ShiftSpecs() []ShiftSpec { return slices.Clone(st.shiftSpecs()) }

// Posts returns the posts on duty in each shift: officers_per_shift when
// given, else the headcount spread as docs/MODEL.md 7.5 says.
func (st *Staffing) Posts() []int { return st.posts() }

// BlockShifts returns six four-hour shifts that cover the day from 00:00,
// named by their hours ("00-04", ...): the roster of a staffing plan made
// block by block (precinct staff --by block).
func BlockShifts() []ShiftSpec {
	out := make([]ShiftSpec, 6)
	for i := range out {
		out[i] = ShiftSpec{Name: fmt.Sprintf("%02d-%02d", 4*i, 4*i+4), Start: Clock(4 * i * 60), Length: hours(4)}
	}
	return out
}
