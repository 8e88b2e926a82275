package scenarios

import (
	"fmt"
	"strings"
)

// Groups returns the allowed values of a scenario's group, in the order
// the library is listed: training (for a classroom), staffing (rosters
// and headcount, for commanders) and policy (programmes and strategies).
func Groups() []string { return []string{"training", "staffing", "policy"} }

// ownKeys are the top-level keys that describe one scenario file rather
// than the scenario it builds: what it is called, what it changes and
// why, and what to discuss. They are never inherited through extends: a
// parent's briefing claims what the parent shows, which a child that
// changes anything may not show. A child that sets none of them has none
// (its name then comes from its file name). Group is not among them: a
// variant of a staffing plan is still a staffing plan.
var ownKeys = []string{"name", "summary", "briefing", "levers", "watch", "questions"}

// validateMetadata checks the keys that describe a scenario. They are
// free text, but a group must be one the library lists under, and a list
// must not hold empty entries.
func validateMetadata(c *checker, s *Scenario) {
	if s.Group != "" {
		c.oneOf("group", s.Group, Groups())
	}
	for _, l := range []struct {
		key  string
		list []string
	}{{"levers", s.Levers}, {"watch", s.Watch}, {"questions", s.Questions}} {
		for i, v := range l.list {
			if strings.TrimSpace(v) == "" {
				c.add(fmt.Sprintf("%s[%d]", l.key, i), "must not be empty")
			}
		}
	}
}
