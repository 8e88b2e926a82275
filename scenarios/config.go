package scenarios

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
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

// Config translates a validated scenario into the engine's configuration.
// It panics if s has not passed Validate.
func (s *Scenario) Config() sim.Config {
	w := &s.World
	n := w.Width * w.Height
	g := sim.Grid{
		Width: w.Width, Height: w.Height, CellM: w.CellM,
		Neighborhood: make([]int, n), Beat: make([]int, n), CallWeight: make([]float64, n),
		Beats:   w.BeatCols * w.BeatRows,
		Station: w.Station[1]*w.Width + w.Station[0],
	}
	for i, nb := range w.Neighborhoods {
		g.Neighborhoods = append(g.Neighborhoods, nb.Name)
		for y := nb.Cells[1]; y < nb.Cells[3]; y++ {
			for x := nb.Cells[0]; x < nb.Cells[2]; x++ {
				g.Neighborhood[y*w.Width+x] = i
				g.CallWeight[y*w.Width+x] = nb.CallWeight
			}
		}
	}
	for y := range w.Height {
		for x := range w.Width {
			g.Beat[y*w.Width+x] = (y*w.BeatRows/w.Height)*w.BeatCols + x*w.BeatCols/w.Width
		}
	}
	metric, err := sim.ParseMetric(s.Travel.Metric)
	must(err)
	kind, err := agents.ParsePatrolKind(s.Patrol.Strategy)
	must(err)
	cfg := sim.Config{
		Seed: s.Seed, Days: s.Days, WarmupDays: s.WarmupDays,
		Grid: g,
		Travel: sim.Travel{
			Metric:      metric,
			Speed:       s.Travel.SpeedKMH * 1000 / 60,
			PatrolSpeed: s.Travel.PatrolSpeedKMH * 1000 / 60,
			Turnout:     s.Travel.Turnout.Minutes(),
		},
		Patrol:  agents.Patrol{Kind: kind, Dwell: s.Patrol.Dwell.Minutes()},
		Preempt: s.Dispatch.Preempt,
	}
	posts := s.Staffing.posts()
	for i, sh := range s.Staffing.shiftSpecs() {
		cfg.Shifts = append(cfg.Shifts, sim.Shift{Name: sh.Name, Start: float64(sh.Start), Length: sh.Length.Minutes(), Officers: posts[i]})
	}
	names := make([]string, 0, len(s.Calls.Types))
	for name := range s.Calls.Types {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.Calls.Types[a].Priority, s.Calls.Types[b].Priority), strings.Compare(a, b))
	})
	for _, name := range names {
		t := s.Calls.Types[name]
		ct := sim.CallType{Name: name, Priority: sim.Priority(t.Priority), PerDay: t.PerDay,
			Service: simDist(t.Service), Report: simDist(t.Report)}
		profile := s.Calls.Profile
		if len(t.Profile) > 0 {
			profile = t.Profile
		}
		copy(ct.Profile[:], profile)
		cfg.CallTypes = append(cfg.CallTypes, ct)
	}
	return cfg
}

func simDist(d DurationDist) sim.Dist {
	kind, err := sim.ParseDistKind(d.Dist)
	must(err)
	return sim.Dist{Kind: kind, Mean: d.Mean.Minutes(), SD: d.SD.Minutes()}
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprintf("scenarios: Config on an unvalidated scenario: %v", err))
	}
}
