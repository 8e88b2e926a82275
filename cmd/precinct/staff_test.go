package main

import (
	"strings"
	"testing"
)

// TestStaffBadInput checks that bad targets and flags exit 2 with the
// reason, before anything runs.
func TestStaffBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"staff"}, "give at least one --target"},
		{[]string{"staff", "--target", "p1_response_p99<=8m"}, `unknown metric "p1_response_p99"`},
		{[]string{"staff", "--target", "p1_response_p90<=8"}, "want a duration with its unit"},
		{[]string{"staff", "--target", "waited_share<=8m"}, "want a share like 0.05 or 5%"},
		{[]string{"staff", "--target", "waited_share<=120%"}, "impossible bound"},
		{[]string{"staff", "--target", "p1_response_p90<=-2m"}, "impossible bound"},
		{[]string{"staff", "--target", "p1_response_p90=8m"}, "want METRIC<=VALUE"},
		{[]string{"staff", "--target", "waited_share<=1"}, "every roster meets it"},
		{[]string{"staff", "--target", "waited_share<=5%", "--by", "hour"}, "--by must be shift or block"},
		{[]string{"staff", "--target", "waited_share<=5%", "--reps", "1"}, "--reps must be between 2"},
		{[]string{"staff", "--target", "waited_share<=5%", "--confidence", "1.2"}, "--confidence must be above 0.5"},
		{[]string{"staff", "--target", "waited_share<=5%", "--call-share", "0"}, "--call-share must be above 0"},
		{[]string{"staff", "no-such-scenario", "--target", "waited_share<=5%"}, "no-such-scenario"},
		{[]string{"staff", "--target", "waited_share<=5%", "--set", "budget.sworn=5000000"}, "budget.sworn buys the headcount"},
		// The baseline has no co-responder teams: their calls are not defined.
		{[]string{"staff", "--target", "coresponder_calls>=10", "--days", "3", "--reps", "2"}, "does not define the metric coresponder_calls"},
	} {
		code, _, stderr := cli(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}
