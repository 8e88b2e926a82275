package scenarios

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestLoadSweep(t *testing.T) {
	plan, err := LoadSweep("../testdata/scenarios/good/sweep.toml", []string{"days=5"})
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"staffing.headcount", "staffing.pattern", "engagement.intensity"}
	if !slices.Equal(plan.Keys, wantKeys) || plan.Reps != 3 || len(plan.Points) != 2*2*2 {
		t.Fatalf("keys %v, reps %d, %d points; want %v, 3, 8", plan.Keys, plan.Reps, len(plan.Points), wantKeys)
	}
	seen := map[string]bool{}
	intensities := map[string]bool{}
	for _, p := range plan.Points {
		if seen[p.Name] {
			t.Errorf("point name %q repeats", p.Name)
		}
		seen[p.Name] = true
		s := p.Scenario
		if s.Days != 5 || s.Name != p.Name || fmt.Sprint(s.Staffing.Headcount) != p.Values[0] || s.Staffing.Pattern != p.Values[1] {
			t.Errorf("point %s: days %d, headcount %d, pattern %s; want 5 and the values %v", p.Name, s.Days, s.Staffing.Headcount, s.Staffing.Pattern, p.Values)
		}
		if x := s.Engagement.Intensity; x < 0 || x > 0.4 || fmt.Sprint(x) != p.Values[2] {
			t.Errorf("point %s: intensity %v outside [0, 0.4] or not its value %s", p.Name, x, p.Values[2])
		}
		intensities[p.Values[2]] = true
	}
	if len(intensities) != 2 {
		t.Errorf("%d distinct hypercube samples, want 2 shared by every grid point", len(intensities))
	}
	if plan.Points[0].Name != "roster-sweep_headcount=60_pattern=8x3_s1" {
		t.Errorf("first point %q", plan.Points[0].Name)
	}
	again, _ := LoadSweep("../testdata/scenarios/good/sweep.toml", []string{"days=5"})
	for i := range again.Points {
		if !slices.Equal(again.Points[i].Values, plan.Points[i].Values) {
			t.Errorf("point %d differs between two loads: the hypercube is not seeded", i)
		}
	}
	if _, err := Load("../testdata/scenarios/good/sweep.toml", nil); err != nil {
		t.Errorf("loading a file with a sweep as a scenario: %v", err)
	}
	if _, err := LoadSweep("baseline", nil); err == nil || !strings.Contains(err.Error(), "has no [sweep] table") {
		t.Errorf("sweeping a scenario without a sweep: %v", err)
	}
}

func TestLoadSweepProblems(t *testing.T) {
	_, err := LoadSweep("../testdata/scenarios/bad/sweep.toml", nil)
	if err == nil {
		t.Fatal("a bad sweep loaded")
	}
	got := err.Error()
	for _, want := range []string{
		"sweep.toml:7: sweep.repz: unknown key",
		"sweep.toml:10: sweep.grid.staffing.headcount: must be between 1 and 100000, got -5 (value -5)",
		"sweep.toml:11: sweep.grid.staffing.headcont: unknown key",
		"sweep.toml:12: sweep.grid.travel.metric: must be a non-empty list",
		"sweep.toml:15: sweep.ranges.engagement.intensity: must be [low, high]",
		"sweep.toml:6: sweep.samples: must be between 1 and 10000",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

func TestVary(t *testing.T) {
	for _, tc := range []struct {
		name, spec string
		sets       []string
		names      []string // the points' names; nil: an error is wanted
		err        string   // the error's text, or a part of it
		specErr    bool     // whether the error wraps ErrVarySpec
	}{
		{name: "two values", spec: "staffing.headcount=100,60", sets: []string{"days=5"},
			names: []string{"baseline_headcount=100", "baseline_headcount=60"}},
		{name: "top-level key", spec: "days=3,4,5", names: []string{"baseline_days=3", "baseline_days=4", "baseline_days=5"}},
		{name: "sets before the value", spec: "days=3,4", sets: []string{"days=9"}, names: []string{"baseline_days=3", "baseline_days=4"}},
		{name: "one value", spec: "staffing.headcount=5", specErr: true,
			err: `want key=v1,v2,... with at least two values, got "staffing.headcount=5"`},
		{name: "no values", spec: "staffing.headcount", specErr: true,
			err: `want key=v1,v2,... with at least two values, got "staffing.headcount"`},
		{name: "no key", spec: "=1,2", specErr: true, err: `want key=v1,v2,... with at least two values, got "=1,2"`},
		{name: "empty", spec: "", specErr: true, err: `want key=v1,v2,... with at least two values, got ""`},
		{name: "bad value", spec: "staffing.headcount=50,-1", err: "--set staffing.headcount=-1"},
		{name: "unknown key", spec: "staffing.headcont=1,2", err: "--set staffing.headcont=1: staffing.headcont: unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := Vary("baseline", tc.spec, tc.sets)
			if tc.names == nil {
				switch {
				case err == nil:
					t.Fatalf("Vary(%q) = %d points, want an error", tc.spec, len(plan.Points))
				case errors.Is(err, ErrVarySpec) != tc.specErr:
					t.Errorf("Vary(%q): errors.Is(err, ErrVarySpec) = %v, want %v", tc.spec, !tc.specErr, tc.specErr)
				case tc.specErr && err.Error() != tc.err, !strings.Contains(err.Error(), tc.err):
					t.Errorf("Vary(%q): error %q, want %q", tc.spec, err, tc.err)
				}
				var p *Problem
				if !tc.specErr && !errors.As(err, &p) {
					t.Errorf("Vary(%q): error %v holds no *Problem", tc.spec, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			key, values, _ := strings.Cut(tc.spec, "=")
			if !slices.Equal(plan.Keys, []string{key}) || plan.Base != nil || plan.Reps != 0 {
				t.Errorf("keys %v, base %v, reps %d; want [%s], nil, 0", plan.Keys, plan.Base, plan.Reps, key)
			}
			var got []string
			for i, p := range plan.Points {
				got = append(got, p.Name)
				v := strings.Split(values, ",")[i]
				if !slices.Equal(p.Values, []string{v}) || !slices.Equal(p.Sets, []string{key + "=" + v}) || p.Scenario.Name != p.Name {
					t.Errorf("point %s: values %v, sets %v, scenario %q", p.Name, p.Values, p.Sets, p.Scenario.Name)
				}
			}
			if !slices.Equal(got, tc.names) {
				t.Errorf("points %v, want %v", got, tc.names)
			}
			if s := plan.Points[0].Scenario; key == "staffing.headcount" && (s.Staffing.Headcount != 100 || s.Days != 5) {
				t.Errorf("first point: headcount %d, days %d; want 100, 5", s.Staffing.Headcount, s.Days)
			}
			if s := plan.Points[1].Scenario; key == "days" && s.Days != 4 {
				t.Errorf("second point: days %d, want 4 (the value after --set)", s.Days)
			}
		})
	}
}

func TestLatinHypercube(t *testing.T) {
	const n, dims = 7, 3
	pts := LatinHypercube(rand.New(rand.NewPCG(1, 2)), n, dims)
	for d := range dims {
		strata := map[int]bool{}
		for _, p := range pts {
			strata[int(p[d]*n)] = true
		}
		if len(strata) != n {
			t.Errorf("dimension %d: points fill %d of %d strata", d, len(strata), n)
		}
	}
}

// TestSeedNotVaried checks that neither --vary nor a sweep takes the seed:
// every scenario of a study runs on the first one's seed, so a varied
// seed would run every point on one seed while labelling them otherwise.
func TestSeedNotVaried(t *testing.T) {
	if _, err := Vary("baseline", "seed=1,2", nil); err == nil || !strings.Contains(err.Error(), "seed: cannot be varied") {
		t.Errorf("--vary seed=1,2: %v; want a problem saying the seed cannot be varied", err)
	}
	_, err := LoadSweep("../testdata/scenarios/bad/sweep_seed.toml", nil)
	for _, want := range []string{"sweep_seed.toml:10: sweep.grid.seed: cannot be varied", "sweep_seed.toml:13: sweep.ranges.seed: cannot be varied"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("sweep over the seed: %v; want %q", err, want)
		}
	}
}
