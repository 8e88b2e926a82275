package scenarios

import (
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
