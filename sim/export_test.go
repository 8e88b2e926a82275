package sim

import "testing"

// The books checks, for the tests of package sim_test: every run those
// tests make is checked like the engine's own.
var (
	CheckResult          = checkResult
	CheckCommunityResult = checkCommunityResult
)

// CheckedRun runs replicate rep of cfg checking every invariant of the
// engine after every event, and the books at the end.
func CheckedRun(t *testing.T, cfg *Config, rep int) *Result {
	t.Helper()
	res, _ := runChecked(t, cfg, rep, checkAll)
	checkResult(t, cfg, res)
	if res.Community != nil {
		checkCommunityResult(t, cfg, res.Community)
	}
	return res
}

// Check is Config.check, for the tests of package sim_test.
var Check = (*Config).check
