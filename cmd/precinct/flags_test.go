package main

import (
	"strings"
	"testing"
)

// TestScenarioFlagMessages checks the messages of --days and --seed
// (issue 13, item 17): --days 0 was reported as "--set days=0", --seed -1
// as a "parse error", and the largest uint64 seed was accepted by the
// flag and then rejected as a string; a study beyond the bounds of work
// is refused before it starts (issue 14, item 6).
func TestScenarioFlagMessages(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--days", "0"}, "precinct: --days 0: days: must be between 1 and 3650, got 0"},
		{[]string{"compare", "baseline", "staffing-8x3", "--reps", "2", "--days", "0"}, "precinct: --days 0: days: must be between 1 and 3650, got 0"},
		{[]string{"run", "--set", "days=0"}, "precinct: --set days=0: days: must be between 1 and 3650, got 0"},
		{[]string{"run", "--days", "-5"}, "precinct: --days -5: days: must be between 1 and 3650, got -5"},
		{[]string{"run", "--seed", "-1"}, `invalid value "-1" for flag -seed: must be a whole number between 0 and 9223372036854775807`},
		{[]string{"run", "--seed", "18446744073709551615"}, `invalid value "18446744073709551615" for flag -seed: must be a whole number between 0 and 9223372036854775807`},
		{[]string{"run", "--set", "seed=18446744073709551615"}, "--set seed=18446744073709551615: seed: must be between 0 and 9223372036854775807, got 18446744073709551615"},
		{[]string{"run", "--days", "thirty"}, `invalid value "thirty" for flag -days: must be a whole number (see`},
		{[]string{"run", "--set", "staffing.headcount=100000", "--reps", "1000", "--quiet"}, "study: needs about"},
	} {
		code, _, stderr := cli(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if code, _, stderr := cli(t, "validate", "baseline", "--set", "seed=9223372036854775807"); code != 0 {
		t.Errorf("the largest seed: exit %d: %s", code, stderr)
	}
}
