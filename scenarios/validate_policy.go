package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// maxMoney bounds money amounts (a year): far above any precinct budget.
const maxMoney = 1e12

// validatePolicy checks use of force, training, accountability,
// co-responders, services, costs, the budget and the events.
func validatePolicy(c *checker, s *Scenario) {
	f := &s.Force
	for _, p := range []struct {
		key string
		v   float64
	}{
		{"force.arrest", f.Arrest}, {"force.stop", f.Stop}, {"force.civilian_injury", f.CivilianInjury},
		{"force.officer_injury", f.OfficerInjury}, {"force.complaint", f.Complaint},
		{"force.complaint_other", f.ComplaintOther}, {"force.sustained", f.Sustained},
		{"training.deescalation", s.Training.Deescalation}, {"training.effect", s.Training.Effect},
		{"accountability.cameras", s.Accountability.Cameras},
		{"accountability.camera_mitigation", s.Accountability.CameraMitigation},
		{"accountability.oversight_mitigation", s.Accountability.OversightMitigation},
		{"coresponders.backup", s.CoResponders.Backup}, {"services.max_effect", s.Services.MaxEffect},
	} {
		c.floatIn(p.key, p.v, 0, 1)
	}
	for _, p := range []struct {
		key string
		v   float64
	}{
		{"force.subject_trust", f.SubjectTrust}, {"force.incident_precinct", f.IncidentPrecinct},
		{"force.incident_hood", f.IncidentHood},
		{"accountability.camera_sustained", s.Accountability.CameraSustained},
		{"accountability.oversight_sustained", s.Accountability.OversightSustained},
	} {
		c.floatIn(p.key, p.v, 0, 100)
	}
	c.floatIn("training.hours", s.Training.Hours, 0, 2000)
	for _, name := range sortedKeys(s.Calls.Types) {
		t := s.Calls.Types[name]
		c.floatIn("calls.types."+name+".arrest", t.Arrest, 0, 1)
		c.floatIn("calls.types."+name+".force", t.Force, 0, 1)
	}
	for _, name := range sortedKeys(s.Crime.Types) {
		c.floatIn("crime.types."+name+".force", s.Crime.Types[name].Force, 0, 1)
	}

	co := &s.CoResponders
	types := append(sortedKeys(s.Calls.Types), sortedKeys(s.Crime.Types)...)
	for i, t := range co.Types {
		if !slices.Contains(types, t) {
			c.add(fmt.Sprintf("coresponders.types[%d]", i), "must name a call or offense type (%s), got %q", strings.Join(types, ", "), t)
		}
	}
	validateDist(c, "coresponders.service", co.Service)
	validateDist(c, "coresponders.report", co.Report)
	for i, sh := range co.Shifts {
		key := fmt.Sprintf("coresponders.shifts[%d]", i)
		if strings.TrimSpace(sh.Name) == "" {
			c.add(key+".name", "must not be empty")
		}
		c.durIn(key+".length", sh.Length, 1, 24*60)
		c.intIn(key+".teams", sh.Teams, 0, maxHeadcount)
	}

	sv := &s.Services
	c.floatIn("services.per_year", sv.PerYear, 0, maxMoney)
	c.floatIn("services.lag_days", sv.LagDays, 0, maxDays)
	c.floatIn("services.ramp_days", sv.RampDays, 0, maxDays)
	c.positive("services.saturation", sv.Saturation, maxMoney)
	validateHoods(c, "services.neighborhoods", sv.Neighborhoods, s)

	cs := &s.Costs
	for _, p := range []struct {
		key string
		v   float64
	}{
		{"costs.officer", cs.Officer}, {"costs.team", cs.Team}, {"costs.training_hour", cs.TrainingHour},
		{"costs.camera", cs.Camera}, {"costs.oversight", cs.Oversight},
	} {
		c.floatIn(p.key, p.v, 0, maxMoney)
	}
	if s.budgeted() {
		validateBudget(c, "budget", &s.Budget, s)
		if len(s.Staffing.OfficersPerShift) > 0 {
			c.add("staffing.officers_per_shift", "is set but budget.sworn decides the headcount: remove one of them")
		}
	} else if b := s.Budget; b.CoResponders+b.Training+b.Cameras+b.Oversight+b.SocialServices > 0 || b.Shift != nil {
		c.add("budget.sworn", "must be greater than 0 when other budget lines are set (the budget replaces staffing.headcount), got %s", fmtFloat(b.Sworn))
	}
	for i := range s.Events {
		validateEvent(c, fmt.Sprintf("events[%d]", i), &s.Events[i], s)
	}
}

// validateHoods checks that every name is a neighborhood of s.
func validateHoods(c *checker, key string, names []string, s *Scenario) {
	var all []string
	for _, nb := range s.World.Neighborhoods {
		all = append(all, nb.Name)
	}
	for i, n := range names {
		c.oneOf(fmt.Sprintf("%s[%d]", key, i), n, all)
	}
}

// validateBudget checks a budget at key; the money must buy at least one
// officer.
func validateBudget(c *checker, key string, b *Budget, s *Scenario) {
	for _, name := range BudgetLines() {
		c.floatIn(key+"."+name, *b.line(name), 0, maxMoney)
	}
	if fs := b.Shift; fs != nil {
		c.oneOf(key+".shift.from", fs.From, BudgetLines())
		c.floatIn(key+".shift.share", fs.Share, 0, 1)
		var sum float64
		for _, name := range sortedKeys(fs.To) {
			if c.oneOf(key+".shift.to."+name, name, BudgetLines()) && c.floatIn(key+".shift.to."+name, fs.To[name], 0, 1) {
				sum += fs.To[name]
			}
		}
		if math.Abs(sum-1) > 1e-6 {
			c.add(key+".shift.to", "shares must sum to 1, got %s", fmtFloat(sum))
		}
	}
	if s.Costs.Officer <= 0 {
		c.add("costs.officer", "must be greater than 0 when a budget pays for officers, got %s", fmtFloat(s.Costs.Officer))
		return
	}
	if sh := b.shifted(); sh.Sworn < s.Costs.Officer {
		c.add(key+".sworn", "buys no officer at costs.officer = %s (after the funding shift: %s)", fmtFloat(s.Costs.Officer), fmtFloat(sh.Sworn))
	}
	if b.CoResponders > 0 && len(s.CoResponders.Shifts) == 0 {
		c.add(key+".coresponders", "pays for teams but no [[coresponders.shifts]] says when they work")
	}
}

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
	c.intIn(key+".day", ev.Day, 0, max(s.Days-1, 0))
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
