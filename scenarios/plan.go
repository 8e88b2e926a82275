package scenarios

import (
	"math"
	"slices"

	"github.com/precinct-sim/precinct/sim"
)

// plan is what a scenario pays for: the quantities it gives, or, with a
// budget, what the budget's money buys at the unit costs.
type plan struct {
	staffing  Staffing
	teams     []int // per co-responder shift
	deesc     float64
	cameras   float64
	oversight bool
	services  float64 // social-service money a year
}

// budgeted reports whether the budget, not the quantities, decides.
func (s *Scenario) budgeted() bool { return s.Budget.Sworn > 0 }

// plan returns what s pays for.
func (s *Scenario) plan() plan {
	p := plan{staffing: s.Staffing, deesc: s.Training.Deescalation, cameras: s.Accountability.Cameras,
		oversight: s.Accountability.Oversight, services: s.Services.PerYear}
	for _, sh := range s.CoResponders.Shifts {
		p.teams = append(p.teams, sh.Teams)
	}
	if s.budgeted() {
		s.buy(&p, s.Budget.shifted(), true)
	}
	return p
}

// buy sets the quantities of p that budget b pays for: the headcount and
// the co-responder teams, and with all also training, cameras, oversight
// and social services. Money that does not buy a whole unit is left
// unspent (and uncosted).
func (s *Scenario) buy(p *plan, b Budget, all bool) {
	c := &s.Costs
	p.staffing.Headcount = int(math.Floor(b.Sworn / c.Officer))
	p.staffing.OfficersPerShift = nil
	p.teams = s.teamsFor(b.CoResponders)
	if !all {
		return
	}
	h := float64(max(p.staffing.Headcount, 1))
	p.deesc, p.cameras = 0, 0
	if per := s.Training.Hours * c.TrainingHour; per > 0 {
		p.deesc = min(1, math.Floor(b.Training/per)/h)
	}
	if c.Camera > 0 {
		p.cameras = min(1, math.Floor(b.Cameras/c.Camera)/h)
	}
	p.oversight = b.Oversight > 0 && b.Oversight >= c.Oversight
	p.services = b.SocialServices
}

// teamsFor returns the teams per co-responder shift that money a year
// buys: the same number in every shift, as many as the team-hours allow.
func (s *Scenario) teamsFor(money float64) []int {
	shifts := s.CoResponders.Shifts
	teams := make([]int, len(shifts))
	var hoursPerDay float64
	for _, sh := range shifts {
		hoursPerDay += sh.Length.Hours()
	}
	if hoursPerDay == 0 || s.Costs.Team <= 0 {
		return teams
	}
	// A team-year is staffing.annual_hours of a team's time.
	n := int(math.Floor(money / s.Costs.Team * s.Staffing.AnnualHours / 365 / hoursPerDay))
	for i := range teams {
		teams[i] = n
	}
	return teams
}

// headcount returns the sworn officers p employs: its headcount, or the
// officers its posts need at staffing.annual_hours each.
func (p *plan) headcount() float64 {
	st := &p.staffing
	if len(st.OfficersPerShift) == 0 {
		return float64(st.Headcount)
	}
	var hours float64
	for i, sh := range st.shiftSpecs() {
		hours += float64(st.OfficersPerShift[i]) * sh.Length.Hours()
	}
	return hours * 365 / st.AnnualHours
}

// costs returns the cost of p's lines a year at the unit costs of s.
func (s *Scenario) costs(p *plan) []sim.CostLine {
	c := &s.Costs
	h := p.headcount()
	var teamYears float64
	for i, sh := range s.CoResponders.Shifts {
		teamYears += float64(p.teams[i]) * sh.Length.Hours() * 365 / s.Staffing.AnnualHours
	}
	oversight := 0.0
	if p.oversight {
		oversight = c.Oversight
	}
	return []sim.CostLine{
		{Name: "sworn", PerYear: h * c.Officer},
		{Name: "coresponders", PerYear: teamYears * c.Team},
		{Name: "training", PerYear: p.deesc * h * s.Training.Hours * c.TrainingHour},
		{Name: "cameras", PerYear: p.cameras * h * c.Camera},
		{Name: "oversight", PerYear: oversight},
		{Name: "social_services", PerYear: p.services},
	}
}

// policy fills the use-of-force, co-responder, services, cost and event
// parts of cfg from s and its plan p.
func (s *Scenario) policy(cfg *sim.Config, p *plan) {
	f, a := &s.Force, &s.Accountability
	cfg.Force = sim.Force{
		Arrest: f.Arrest, Stop: f.Stop, CivilianInjury: f.CivilianInjury, OfficerInjury: f.OfficerInjury,
		Complaint: f.Complaint, ComplaintOther: f.ComplaintOther, Sustained: f.Sustained,
		SubjectTrust: f.SubjectTrust, IncidentPrecinct: f.IncidentPrecinct, IncidentHood: f.IncidentHood,
		Deescalation: p.deesc, DeescalationEffect: s.Training.Effect,
		Cameras: p.cameras, Oversight: p.oversight,
		CameraMitigation: a.CameraMitigation, OversightMitigation: a.OversightMitigation,
		CameraSustained: a.CameraSustained, OversightSustained: a.OversightSustained,
	}
	co := &s.CoResponders
	cfg.CoResponders = sim.CoResponders{Backup: co.Backup, Service: simDist(co.Service), Report: simDist(co.Report)}
	for i, sh := range co.Shifts {
		cfg.CoResponders.Shifts = append(cfg.CoResponders.Shifts,
			sim.Shift{Name: sh.Name, Start: float64(sh.Start), Length: sh.Length.Minutes(), Officers: p.teams[i]})
	}
	if len(co.Shifts) > 0 {
		cfg.CoResponders.Eligible = make([]bool, len(cfg.CallTypes))
		for i, t := range cfg.CallTypes {
			cfg.CoResponders.Eligible[i] = slices.Contains(co.Types, t.Name)
		}
	}
	warm := float64(s.WarmupDays) * sim.MinutesPerDay
	if sv := &s.Services; p.services > 0 && sv.MaxEffect > 0 {
		cfg.Community.Crime.Services = []sim.ServiceProgram{{
			Hoods: s.hoods(sv.Neighborhoods), Start: warm,
			Lag: sv.LagDays * sim.MinutesPerDay, Ramp: sv.RampDays * sim.MinutesPerDay,
			Effect: sv.MaxEffect * (1 - math.Exp(-p.services/sv.Saturation)),
		}}
	}
	cfg.Costs = s.costs(p)
	for _, ev := range s.Events {
		cfg.Events = append(cfg.Events, s.event(cfg, p, &ev, warm))
	}
}

// hoods returns the ids of the named neighborhoods, all when names is
// empty.
func (s *Scenario) hoods(names []string) []int {
	var ids []int
	for i, nb := range s.World.Neighborhoods {
		if len(names) == 0 || slices.Contains(names, nb.Name) {
			ids = append(ids, i)
		}
	}
	return ids
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
