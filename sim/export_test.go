package sim

// The books checks, for the tests of package sim_test: every run those
// tests make is checked like the engine's own.
var (
	CheckResult          = checkResult
	CheckCommunityResult = checkCommunityResult
)
