package sim_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"

	"github.com/precinct-sim/precinct/sim"
)

// violentTrue sums the true offenses of the violent types.
func violentTrue(cfg *sim.Config, r *sim.Result) int {
	n := 0
	for i, bt := range r.Community.ByType {
		if cfg.Community.Crime.Types[i].Violent {
			n += bt.True
		}
	}
	return n
}

// TestFewerOfficersMoreViolence checks the direction of the police
// numbers -> crime channel: 40 % fewer officers (60 instead of 100) raise
// true violent offenses on each of three paired replicates.
func TestFewerOfficersMoreViolence(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	full := runs(t, 3, "baseline")
	cut := runs(t, 3, "baseline", "staffing.headcount=60")
	cfg := load(t, "baseline")
	for r := range full {
		f, c := violentTrue(&cfg, full[r]), violentTrue(&cfg, cut[r])
		t.Logf("rep %d: true violent offenses %d with 100 officers, %d with 60", r, f, c)
		if c <= f {
			t.Errorf("rep %d: %d true violent offenses with 60 officers, %d with 100: want more with fewer officers", r, c, f)
		}
	}
}

// policeNumbersOff returns the overrides that switch off the baseline's
// police numbers -> crime channels: area deterrence (every presence elasticity 0) and incapacitation
// (crime.detention 0), for tests of other paths that need the paired
// replicates' offenses to stay the same.
func policeNumbersOff() []string {
	s, err := scenarios.Load("baseline", nil)
	if err != nil {
		panic(err)
	}
	sets := []string{"crime.detention=0"}
	for _, name := range slices.Sorted(maps.Keys(s.Crime.Types)) {
		sets = append(sets, "crime.types."+name+".presence_elasticity=0")
	}
	return sets
}
