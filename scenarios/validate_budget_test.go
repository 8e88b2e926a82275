package scenarios

import (
	"strings"
	"testing"
)

// TestBudgetLinesAlwaysChecked checks that every budget line is checked
// whether or not budget.sworn is positive, and that a problem is blamed
// on the key that was set (issue 14, item 8): NaN and negative lines
// were accepted, and budget.sworn = inf overflowed into "staffing.headcount:
// got -9223372036854775808", blamed on library/baseline.toml.
func TestBudgetLinesAlwaysChecked(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		want string
	}{
		{[]string{"budget.sworn=nan"}, "--set budget.sworn=nan: budget.sworn: must be between 0 and 1e+12, got NaN"},
		{[]string{"budget.sworn=-5"}, "--set budget.sworn=-5: budget.sworn: must be between 0 and 1e+12, got -5"},
		{[]string{"budget.coresponders=-100"}, "--set budget.coresponders=-100: budget.coresponders: must be between 0 and 1e+12, got -100"},
		{[]string{"budget.training=-1e12"}, "--set budget.training=-1e12: budget.training: must be between 0 and 1e+12, got -1e+12"},
		{[]string{"budget.social_services=inf"}, "--set budget.social_services=inf: budget.social_services: must be between 0 and 1e+12, got +Inf"},
		{[]string{"budget.sworn=inf"}, "--set budget.sworn=inf: budget.sworn: must be between 0 and 1e+12, got +Inf"},
		{[]string{"budget.sworn=12000000", "budget.training=nan"}, "--set budget.training=nan: budget.training: must be between 0 and 1e+12, got NaN"},
		{[]string{"budget.sworn=1e12"}, "--set budget.sworn=1e12: budget.sworn: buys 8333333 officers at costs.officer = 120000, at most 100000 allowed"},
	} {
		_, err := Load("baseline", tc.sets)
		if err == nil {
			t.Errorf("%v: accepted", tc.sets)
			continue
		}
		problems(t, err)
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got\n%v\nwant %s", tc.sets, err, tc.want)
		}
		if strings.Contains(err.Error(), "staffing.headcount") || strings.Contains(err.Error(), "baseline.toml") {
			t.Errorf("%v: blamed on the headcount or the library file: %v", tc.sets, err)
		}
	}
}
