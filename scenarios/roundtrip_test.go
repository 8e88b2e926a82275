package scenarios

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// savedConfigDiffers returns why the saved TOML of s (what run.json,
// scenario.toml and a study's scenarios/ folder hold) does not load back
// to the sim.Config that s runs, or "".
func savedConfigDiffers(s *Scenario) string {
	back, err := Parse(s.Name+".toml", s.TOML(), nil)
	if err != nil {
		return fmt.Sprintf("the saved TOML does not load: %v", err)
	}
	if !reflect.DeepEqual(back.Config(), s.Config()) {
		return "the saved TOML loads to a different sim.Config"
	}
	return ""
}

// TestSavedScenarioIsTheScenarioThatRan checks, for every library
// scenario, every good fixture, every point of the fixture sweep and
// random override points, that the saved TOML loads back to the same
// sim.Config (issue 14, item 2): omitempty dropped a call type's empty
// profile and an exponential's sd = "0s", and loading the saved file
// over the defaults brought the defaults back (a different run, or a
// folder that no longer validated).
func TestSavedScenarioIsTheScenarioThatRan(t *testing.T) {
	if testing.Short() {
		t.Skip("round-trips every library scenario and hundreds of points")
	}
	var scens []*Scenario
	load := func(ref string, sets []string) {
		t.Helper()
		s, err := Load(ref, sets)
		if err != nil {
			t.Fatalf("%s %v: %v", ref, sets, err)
		}
		scens = append(scens, s)
	}
	for _, name := range Names() {
		load(name, nil)
	}
	good, _ := filepath.Glob(filepath.Join(fixtures, "good", "*.toml"))
	for _, f := range good {
		load(f, nil)
	}
	plan, err := LoadSweep(filepath.Join(fixtures, "good", "sweep.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan.Points {
		scens = append(scens, p.Scenario)
	}
	// The two cases of the issue.
	load("baseline", []string{"calls.types.disorder.profile=[]"})
	load("baseline", []string{"calls.types.disorder.service.dist=exponential", "calls.types.disorder.service.sd=0s"})
	load("baseline", []string{"crime.types.robbery.affinity={transit = 1}"})
	rng := rand.New(rand.NewPCG(14, 2))
	accepted := 0
	for range 300 {
		sets := randomSets(rng)
		s, err := Load(Names()[rng.IntN(len(Names()))], sets)
		if err != nil {
			continue
		}
		accepted++
		scens = append(scens, s)
	}
	if accepted < 100 {
		t.Fatalf("only %d of 300 random points were valid: the generator tests little", accepted)
	}
	for _, s := range scens {
		if why := savedConfigDiffers(s); why != "" {
			t.Errorf("%s: %s", s.Name, why)
		}
	}
}

// randomSets returns a few random --set overrides, most of them valid,
// aimed at zero values, empty lists and tables, and exact durations.
func randomSets(rng *rand.Rand) []string {
	calls := sortedKeys(Default().Calls.Types)
	crimes := sortedKeys(Default().Crime.Types)
	profile := func() string {
		if rng.IntN(2) == 0 {
			return "[]"
		}
		v := make([]string, 24)
		for i := range v {
			v[i] = fmt.Sprint(rng.Float64() * 3)
		}
		return "[" + strings.Join(v, ", ") + "]"
	}
	dur := func() string { return fmt.Sprintf("%dm%ds%dns", rng.IntN(30), rng.IntN(60), rng.IntN(1000)) }
	gens := []func() []string{
		func() []string {
			return []string{"calls.types." + calls[rng.IntN(len(calls))] + ".profile=" + profile()}
		},
		func() []string {
			k := "calls.types." + calls[rng.IntN(len(calls))] + ".service."
			return []string{k + "dist=exponential", k + "sd=0s", k + "mean=" + dur()}
		},
		func() []string {
			k := "crime.types." + crimes[rng.IntN(len(crimes))] + ".report."
			return []string{k + "dist=lognormal", k + "sd=" + dur()}
		},
		func() []string { return []string{fmt.Sprintf("staffing.headcount=%d", 1+rng.IntN(300))} },
		func() []string {
			return []string{"staffing.pattern=" + []string{"8x3", "10x4", "12x2", "24x1"}[rng.IntN(4)]}
		},
		func() []string { return []string{"patrol.dwell=" + dur(), "travel.turnout=" + dur()} },
		func() []string { return []string{"coresponders.types=[]"} },
		func() []string {
			return []string{"services.neighborhoods=[]", fmt.Sprintf("services.per_year=%g", rng.Float64()*1e6)}
		},
		func() []string {
			return []string{fmt.Sprintf("crime.types.%s.affinity={transit = %g}", crimes[rng.IntN(len(crimes))], rng.Float64()*5)}
		},
		func() []string { return []string{fmt.Sprintf("crime.per_day=%g", rng.Float64()*100)} },
		func() []string {
			return []string{fmt.Sprintf("days=%d", 1+rng.IntN(400)), fmt.Sprintf("seed=%d", rng.Int64())}
		},
		func() []string { return []string{"dispatch.preempt=" + fmt.Sprint(rng.IntN(2) == 0)} },
		func() []string { return []string{fmt.Sprintf("calls.types.%s.per_day=0", calls[rng.IntN(len(calls))])} },
		func() []string {
			return []string{fmt.Sprintf("budget.sworn=%d", 6_000_000+rng.IntN(10_000_000)), fmt.Sprintf("budget.training=%d", rng.IntN(100_000))}
		},
		func() []string { return []string{"world.places=[]"} },
		func() []string { return []string{fmt.Sprintf("engagement.intensity=%g", rng.Float64()*0.5)} },
	}
	var sets []string
	for range 1 + rng.IntN(4) {
		sets = append(sets, gens[rng.IntN(len(gens))]()...)
	}
	return slices.Clip(sets)
}
