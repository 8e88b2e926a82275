package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/sim"
)

// Limits of the workload keys (docs/MODEL.md gives plausible ranges).
const (
	maxUnitsPerCall  = 8  // entries of a units list
	maxActivityRate  = 10 // starts per free or on-duty officer-hour
	dateLayout       = "2006-01-02"
	queueInfinite    = "infinite"
	queueNone        = "none"
	unitsShareSumTol = 1e-6
)

// validateWorkload checks the keys of the workload and response-time
// pipeline: call processing, units per call, dispatch policy, holding,
// telephone reports, speeds per priority, arrests, officer-initiated
// work, out-of-service time and the calendar.
func validateWorkload(c *checker, s *Scenario) {
	if _, err := time.Parse(dateLayout, s.StartDate); err != nil {
		c.add("start_date", "must be a date written \"YYYY-MM-DD\", got %q", s.StartDate)
	}
	c.positive("travel.p2_speed_kmh", s.Travel.P2SpeedKMH, maxSpeedKMH)
	c.positive("travel.p3_speed_kmh", s.Travel.P3SpeedKMH, maxSpeedKMH)
	d := &s.Dispatch
	c.oneOf("dispatch.policy", d.Policy, sim.DispatchPolicies())
	c.oneOf("dispatch.queue", d.Queue, []string{queueInfinite, queueNone})
	c.intIn("dispatch.hold_reserve", d.HoldReserve, 0, maxHeadcount)
	c.durIn("dispatch.hold_max", d.HoldMax, 0, maxDurMinutes)
	c.floatIn("dispatch.secondary_share", d.SecondaryShare, 0, 1)
	validateDist(c, "dispatch.processing.p1", d.Processing.P1)
	validateDist(c, "dispatch.processing.p2", d.Processing.P2)
	validateDist(c, "dispatch.processing.p3", d.Processing.P3)
	c.floatIn("dispatch.telephone.share", d.Telephone.Share, 0, 1)
	p3 := []string{}
	for _, name := range sortedKeys(s.Calls.Types) {
		if s.Calls.Types[name].Priority == 3 {
			p3 = append(p3, name)
		}
	}
	for _, name := range sortedKeys(s.Crime.Types) {
		if s.Crime.Types[name].Priority == 3 {
			p3 = append(p3, name)
		}
	}
	for i, t := range d.Telephone.Types {
		if !slices.Contains(p3, t) {
			c.add(fmt.Sprintf("dispatch.telephone.types[%d]", i), "must name a call or offense type of priority 3 (%s), got %q", strings.Join(p3, ", "), t)
		}
	}
	for _, name := range sortedKeys(s.Calls.Types) {
		t := s.Calls.Types[name]
		validateUnits(c, "calls.types."+name, t.Units, t.Backup)
	}
	for _, name := range sortedKeys(s.Crime.Types) {
		t := s.Crime.Types[name]
		validateUnits(c, "crime.types."+name, t.Units, t.Backup)
	}
	validateCalendar(c, "calls", s.Calls.Weekday, s.Calls.Monthly)
	validateCalendar(c, "crime", s.Crime.Weekday, s.Crime.Monthly)

	a := &s.Arrests
	validateDist(c, "arrests.booking", a.Booking)
	c.floatIn("arrests.second_officer", a.SecondOfficer, 0, 1)
	switch {
	case len(a.Place) == 0:
	case len(a.Place) != 2:
		c.add("arrests.place", "must be [column, row] or empty (the station), got %d numbers", len(a.Place))
	default:
		c.intIn("arrests.place[0]", a.Place[0], 0, s.World.Width-1)
		c.intIn("arrests.place[1]", a.Place[1], 0, s.World.Height-1)
	}
	si := &s.SelfInit
	for _, x := range []struct {
		key string
		a   Activity
	}{{"selfinit.traffic", si.Traffic}, {"selfinit.directed", si.Directed}, {"selfinit.followup", si.Followup}} {
		c.floatIn(x.key+".per_hour", x.a.PerHour, 0, maxActivityRate)
		validateDist(c, x.key+".duration", x.a.Duration)
	}
	validateDist(c, "stops.duration", s.Stops.Duration)
	o := &s.OutOfService
	validateDist(c, "outofservice.meal", o.Meal)
	c.durIn("outofservice.meal_after", o.MealAfter, 0, maxDurMinutes)
	c.durIn("outofservice.meal_before_end", o.MealBeforeEnd, 0, maxDurMinutes)
	c.floatIn("outofservice.admin_per_hour", o.AdminPerHour, 0, maxActivityRate)
	validateDist(c, "outofservice.admin", o.Admin)
	c.floatIn("outofservice.court_per_shift", o.CourtPerShift, 0, 1)
	validateDist(c, "outofservice.court", o.Court)
}

// validateUnits checks a call type's units list and backup probability.
func validateUnits(c *checker, key string, units []float64, backup float64) {
	c.floatIn(key+".backup", backup, 0, 1)
	if len(units) == 0 {
		return
	}
	if len(units) > maxUnitsPerCall {
		c.add(key+".units", "lists %d shares, want at most %d (1 to %d units)", len(units), maxUnitsPerCall, maxUnitsPerCall)
		return
	}
	sum, ok := 0.0, true
	for i, v := range units {
		ok = c.floatIn(fmt.Sprintf("%s.units[%d]", key, i), v, 0, 1) && ok
		sum += v
	}
	if ok && math.Abs(sum-1) > unitsShareSumTol {
		c.add(key+".units", "shares of 1, 2, 3, ... units must sum to 1, got %s", fmtFloat(sum))
	}
}

// validateCalendar checks a day-of-week and a monthly profile: empty
// (flat) or 7 and 12 values >= 0 that are not all 0.
func validateCalendar(c *checker, key string, weekday, monthly []float64) {
	for _, p := range []struct {
		key  string
		v    []float64
		n    int
		what string
	}{{key + ".weekday", weekday, 7, "daily values, Monday first"}, {key + ".monthly", monthly, 12, "monthly values, January first"}} {
		if len(p.v) == 0 {
			continue
		}
		if len(p.v) != p.n {
			c.add(p.key, "must list %d %s or be empty (flat), got %d", p.n, p.what, len(p.v))
			continue
		}
		sum := 0.0
		for i, v := range p.v {
			if c.floatIn(fmt.Sprintf("%s[%d]", p.key, i), v, 0, maxWeight) {
				sum += v
			}
		}
		if !(sum > 0) {
			c.add(p.key, "is 0 everywhere: at least one value must be positive")
		}
	}
}

// workload fills the workload parts of cfg (speeds per priority,
// dispatch, units per call, arrests, officer-initiated work, out of
// service, calendar) from s; cfg.CallTypes must be complete.
func (s *Scenario) workload(cfg *sim.Config) {
	kmh := func(v float64) float64 { return v * 1000 / 60 }
	cfg.Travel.PrioritySpeed = [sim.NumPriorities]float64{cfg.Travel.Speed, kmh(s.Travel.P2SpeedKMH), kmh(s.Travel.P3SpeedKMH)}
	d := &s.Dispatch
	policy, err := sim.ParseDispatchPolicy(d.Policy)
	must(err)
	cfg.Dispatch = sim.Dispatch{
		Processing:  [sim.NumPriorities]sim.Dist{simDist(d.Processing.P1), simDist(d.Processing.P2), simDist(d.Processing.P3)},
		Policy:      policy,
		Lost:        d.Queue == queueNone,
		HoldReserve: d.HoldReserve, HoldMax: d.HoldMax.Minutes(),
		Telephone:      d.Telephone.Share,
		TelephoneTypes: make([]bool, len(cfg.CallTypes)),
	}
	for i := range cfg.CallTypes {
		t := &cfg.CallTypes[i]
		cfg.Dispatch.TelephoneTypes[i] = slices.Contains(d.Telephone.Types, t.Name)
		t.SecondaryShare = d.SecondaryShare
		// The call types of calls.types come first, then one per offense
		// type (Config).
		if i < len(s.Calls.Types) {
			t.Units, t.Backup = slices.Clone(s.Calls.Types[t.Name].Units), s.Calls.Types[t.Name].Backup
		} else {
			t.Units, t.Backup = slices.Clone(s.Crime.Types[t.Name].Units), s.Crime.Types[t.Name].Backup
		}
	}
	a := &s.Arrests
	cfg.Arrests = sim.Arrests{Booking: simDist(a.Booking), Second: a.SecondOfficer, Place: cfg.Grid.Station}
	if len(a.Place) == 2 {
		cfg.Arrests.Place = a.Place[1]*s.World.Width + a.Place[0]
	}
	si := &s.SelfInit
	act := func(x Activity) sim.Activity { return sim.Activity{PerHour: x.PerHour, Duration: simDist(x.Duration)} }
	cfg.SelfInit = sim.SelfInit{Traffic: act(si.Traffic), Directed: act(si.Directed), Followup: act(si.Followup),
		Interruptible: si.Interruptible}
	cfg.Community.Stops.Duration = simDist(s.Stops.Duration)
	o := &s.OutOfService
	cfg.OutOfService = sim.OutOfService{Meal: simDist(o.Meal), MealAfter: o.MealAfter.Minutes(), MealBeforeEnd: o.MealBeforeEnd.Minutes(),
		MealP1: o.MealP1Interrupt, AdminPerHour: o.AdminPerHour, Admin: simDist(o.Admin),
		CourtPerShift: o.CourtPerShift, Court: simDist(o.Court)}
	start, err := time.Parse(dateLayout, s.StartDate)
	must(err)
	cal := &cfg.Calendar
	cal.Start = start
	copy(cal.CallWeekday[:], s.Calls.Weekday)
	copy(cal.CallMonthly[:], s.Calls.Monthly)
	copy(cal.CrimeWeekday[:], s.Crime.Weekday)
	copy(cal.CrimeMonthly[:], s.Crime.Monthly)
}
