package staffing

import "math"

// Headcount is a roster of posts turned into sworn officers: each post of
// a shift of L hours needs L x 365 officer-hours a year, and an officer
// gives staffing.annual_hours of them. For a post around the clock that
// is the relief factor 8,760 / annual_hours.
type Headcount struct {
	Posts           int     `json:"posts"`              // posts on duty over the day's groups
	PostHoursPerDay float64 `json:"post_hours_per_day"` // Σ posts x hours
	AnnualHours     float64 `json:"annual_hours"`       // available hours per officer a year
	Relief          float64 `json:"relief"`             // 8,760 / annual_hours: officers per post around the clock
	Officers        float64 `json:"officers"`           // post-hours a day x 365 / annual_hours
	Hire            int     `json:"hire"`               // Officers rounded up
	OfficerCost     float64 `json:"officer_cost"`       // costs.officer: a sworn officer a year
	CostPerYear     float64 `json:"cost_per_year"`      // Hire x OfficerCost
	Currency        string  `json:"currency"`
}

// NewHeadcount converts posts on groups into officers at annualHours each
// and prices them at officerCost a year.
func NewHeadcount(groups []Group, posts []int, annualHours, officerCost float64, currency string) Headcount {
	h := Headcount{PostHoursPerDay: PostHours(groups, posts), AnnualHours: annualHours, Relief: 8760 / annualHours,
		OfficerCost: officerCost, Currency: currency}
	for _, n := range posts {
		h.Posts += n
	}
	h.Officers = h.PostHoursPerDay * 365 / annualHours
	// A whole number computed with a rounding error above it stays whole.
	h.Hire = int(math.Ceil(h.Officers - 1e-9))
	h.CostPerYear = float64(h.Hire) * officerCost
	return h
}
