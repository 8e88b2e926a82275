package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

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

// spend writes what s's budget buys (after its funding shift) into the
// quantities the budget decides: staffing.headcount, the teams of every
// co-responder shift, the de-escalation and camera shares, oversight and
// social services. The budget still decides (plan buys the same again),
// but the resolved scenario (scenario.toml, run.json, show) now records
// the officers and teams that run instead of the parent's.
func (s *Scenario) spend() {
	p := s.plan()
	s.Staffing.Headcount = p.staffing.Headcount
	for i := range s.CoResponders.Shifts {
		s.CoResponders.Shifts[i].Teams = p.teams[i]
	}
	s.Training.Deescalation, s.Accountability.Cameras = p.deesc, p.cameras
	s.Accountability.Oversight, s.Services.PerYear = p.oversight, p.services
}

// Bought describes what a budget scenario's money buys, for people:
// "90 officers, 1 co-responder team on duty in each of 1 team shift,
// social services of USD 600,000 a year", or "" without a budget.
func (s *Scenario) Bought() string {
	if !s.budgeted() {
		return ""
	}
	p := s.plan()
	var parts []string
	parts = append(parts, fmt.Sprintf("%d officers", p.staffing.Headcount))
	if n := len(p.teams); n > 0 {
		parts = append(parts, fmt.Sprintf("%s on duty in each of %s", plural(p.teams[0], "co-responder team"), plural(n, "team shift")))
	}
	if p.deesc > 0 {
		parts = append(parts, fmt.Sprintf("de-escalation training for %.0f %% of officers", 100*p.deesc))
	}
	if p.cameras > 0 {
		parts = append(parts, fmt.Sprintf("cameras for %.0f %% of officers", 100*p.cameras))
	}
	if p.oversight {
		parts = append(parts, "civilian oversight")
	}
	if p.services > 0 {
		parts = append(parts, fmt.Sprintf("social services of %s %s a year", s.Costs.Currency, grouped(p.services)))
	}
	return strings.Join(parts, ", ")
}

// plural writes "1 team" or "2 teams".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// grouped writes v rounded to a whole number with thousands separators.
func grouped(v float64) string {
	d := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	var b strings.Builder
	for i, r := range d {
		if i > 0 && r != '-' && (len(d)-i)%3 == 0 && d[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
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

// BudgetLines lists the budget's lines, as named in a funding shift.
func BudgetLines() []string {
	return []string{"sworn", "coresponders", "training", "cameras", "oversight", "social_services"}
}

// line returns a pointer to the budget line named name, or nil.
func (b *Budget) line(name string) *float64 {
	switch name {
	case "sworn":
		return &b.Sworn
	case "coresponders":
		return &b.CoResponders
	case "training":
		return &b.Training
	case "cameras":
		return &b.Cameras
	case "oversight":
		return &b.Oversight
	case "social_services":
		return &b.SocialServices
	}
	return nil
}

// shifted returns the budget after its funding shift, if any.
func (b Budget) shifted() Budget {
	fs := b.Shift
	b.Shift = nil
	if fs == nil {
		return b
	}
	from := b.line(fs.From)
	if from == nil {
		return b
	}
	moved := *from * fs.Share
	*from -= moved
	for _, name := range sortedKeys(fs.To) {
		if to := b.line(name); to != nil {
			*to += moved * fs.To[name]
		}
	}
	return b
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
