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
var ownKeys = []string{"name", "summary", "briefing", "claim_kind", "claim_basis", "levers", "watch", "questions"}

// claimKinds are the allowed values of claim_kind with what each means,
// from the weakest evidence to the strongest.
var claimKinds = []struct{ name, meaning string }{
	{"assumed", "the outcome restates an effect the model takes as an input"},
	{"emergent", "it follows from the model's mechanisms; no outside figure is compared"},
	{"calibration", "it reproduces figures the inputs were set to"},
	{"validation", "it matches an outside figure the model was not tuned to"},
}

// ClaimKinds returns the allowed values of a scenario's claim_kind, from
// the weakest evidence to the strongest: what the claim restates is an
// input (assumed), follows from the mechanisms alone (emergent),
// reproduces figures the inputs were tuned to (calibration), or matches
// an outside figure the model was not tuned to (validation).
func ClaimKinds() []string {
	names := make([]string, len(claimKinds))
	for i, k := range claimKinds {
		names[i] = k.name
	}
	return names
}

// ClaimMeaning returns what a claim_kind means in a few words, or "" for
// a value ClaimKinds does not list.
func ClaimMeaning(kind string) string {
	for _, k := range claimKinds {
		if k.name == kind {
			return k.meaning
		}
	}
	return ""
}

// validateMetadata checks the keys that describe a scenario. They are
// free text, but a group must be one the library lists under, and a list
// must not hold empty entries.
func validateMetadata(c *checker, s *Scenario) {
	if s.Group != "" {
		c.oneOf("group", s.Group, Groups())
	}
	if s.ClaimKind != "" {
		c.oneOf("claim_kind", s.ClaimKind, ClaimKinds())
	}
	if (s.ClaimKind == "") != (strings.TrimSpace(s.ClaimBasis) == "") {
		c.add("claim_basis", "claim_kind and claim_basis go together: set both or neither")
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
