package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/sim"
)

// EventKinds lists the allowed values of events[].kind.
func EventKinds() []string { return []string{"surge", "incident", "staffing", "mutual_aid", "budget"} }

// eventFields says which optional event fields each kind takes.
var eventFields = map[string][]string{
	"surge":      {"duration", "neighborhoods", "factor"},
	"incident":   {"neighborhoods", "severity"},
	"staffing":   {"headcount", "officers_per_shift"},
	"mutual_aid": {"duration", "units"},
	"budget":     {"budget"},
}

// validateEvent checks one scheduled event.
func validateEvent(c *checker, key string, ev *Event, s *Scenario) {
	if !c.intIn(key+".day", ev.Day, 0, max(s.Days-1, 0)) && ev.Day >= s.Days && s.Days >= 1 {
		// The event is where its file put it; when an override set days,
		// that override ends the run before it.
		c.probs[len(c.probs)-1].overridden = &Problem{Key: "days", Msg: fmt.Sprintf("must be at least %d for the event on day %d (%s.day; days count from 0 after the warm-up), got %d: give more days or move the event", ev.Day+1, ev.Day, key, s.Days)}
	}
	if !c.oneOf(key+".kind", ev.Kind, EventKinds()) {
		return
	}
	set := map[string]bool{
		"duration": ev.Duration.Duration != 0, "neighborhoods": len(ev.Neighborhoods) > 0, "factor": ev.Factor != 0,
		"severity": ev.Severity != 0, "headcount": ev.Headcount != 0, "officers_per_shift": len(ev.OfficersPerShift) > 0,
		"units": ev.Units != 0, "budget": ev.Budget != nil,
	}
	for _, name := range sortedKeys(set) {
		if set[name] && !slices.Contains(eventFields[ev.Kind], name) {
			c.add(key+"."+name, "is not used by kind %q (it takes %s)", ev.Kind, strings.Join(eventFields[ev.Kind], ", "))
		}
	}
	switch ev.Kind {
	case "surge":
		c.durIn(key+".duration", ev.Duration, 1, float64(maxDays)*24*60)
		c.floatIn(key+".factor", ev.Factor, 1, 100)
		validateHoods(c, key+".neighborhoods", ev.Neighborhoods, s)
	case "incident":
		c.floatIn(key+".severity", ev.Severity, 0, 10)
		if len(ev.Neighborhoods) > 1 {
			c.add(key+".neighborhoods", "names where the incident happened: at most one neighborhood, got %d", len(ev.Neighborhoods))
		}
		validateHoods(c, key+".neighborhoods", ev.Neighborhoods, s)
	case "mutual_aid":
		c.durIn(key+".duration", ev.Duration, 1, float64(maxDays)*24*60)
		c.intIn(key+".units", ev.Units, 1, maxHeadcount)
	case "staffing":
		shifts := s.Staffing.shiftSpecs()
		switch {
		case ev.Headcount != 0 && len(ev.OfficersPerShift) > 0:
			c.add(key+".headcount", "is set together with officers_per_shift: give one of them")
		case len(ev.OfficersPerShift) > 0:
			if len(ev.OfficersPerShift) != len(shifts) {
				c.add(key+".officers_per_shift", "must list %d numbers, one per shift (%s), got %d", len(shifts), shiftNames(shifts), len(ev.OfficersPerShift))
			}
			for i, n := range ev.OfficersPerShift {
				c.intIn(fmt.Sprintf("%s.officers_per_shift[%d]", key, i), n, 0, maxHeadcount)
			}
		default:
			c.intIn(key+".headcount", ev.Headcount, 1, maxHeadcount)
		}
	case "budget":
		if ev.Budget == nil {
			c.add(key+".budget", "a budget event needs an [events.budget] table")
			return
		}
		validateBudget(c, key+".budget", ev.Budget, s)
		if b := ev.Budget.shifted(); b.Training+b.Cameras+b.Oversight+b.SocialServices > 0 {
			c.add(key+".budget", "may change only the sworn and coresponders lines during a run; training, cameras, oversight and social services are set for the whole run")
		}
	}
}

// event translates one scheduled event.
func (s *Scenario) event(cfg *sim.Config, p *plan, ev *Event, warm float64) sim.Event {
	start := warm + float64(ev.Day)*sim.MinutesPerDay
	out := sim.Event{Start: start, End: start + ev.Duration.Minutes(), Hood: -1}
	switch ev.Kind {
	case "surge":
		out.Kind = sim.EventSurge
		out.SurgeWeight = make([]float64, cfg.Grid.Cells())
		var area, all, perDay float64
		hoods := s.hoods(ev.Neighborhoods)
		for i, w := range cfg.Grid.CallWeight {
			all += w
			if slices.Contains(hoods, cfg.Grid.Neighborhood[i]) {
				out.SurgeWeight[i] = w
				area += w
			}
		}
		for _, t := range s.Calls.Types {
			perDay += t.PerDay
		}
		if all > 0 {
			out.SurgePerDay = (ev.Factor - 1) * perDay * area / all
		}
	case "incident":
		out.Kind = sim.EventIncident
		out.Severity = ev.Severity
		if ids := s.hoods(ev.Neighborhoods); len(ev.Neighborhoods) == 1 && len(ids) == 1 {
			out.Hood = ids[0]
		}
	case "mutual_aid":
		out.Kind = sim.EventAid
		out.Extra = ev.Units
	case "staffing", "budget":
		out.Kind = sim.EventRoster
		q := *p
		if ev.Kind == "budget" {
			s.buy(&q, ev.Budget.shifted(), false)
			out.Teams = q.teams
		} else {
			q.staffing.Headcount, q.staffing.OfficersPerShift = ev.Headcount, ev.OfficersPerShift
		}
		out.Officers = q.staffing.posts()
		out.Costs = s.costs(&q)
	}
	return out
}
