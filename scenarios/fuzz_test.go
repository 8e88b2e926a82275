package scenarios

import (
	"errors"
	"testing"
)

// The fuzz targets of scenario loading, --set and sweeps (issue 14). Each
// checks that bad input is refused with Problems only, never a panic, and
// that an accepted scenario's saved TOML loads back to the same
// sim.Config. Their seed corpora, under testdata/fuzz, hold the inputs
// the issue names. Run each for minutes with, for example,
//
//	go test -run '^$' -fuzz FuzzLoad -fuzztime 5m ./scenarios

// checkLoaded fails t when err is not all Problems, or when s, accepted,
// does not survive its own saved TOML.
func checkLoaded(t *testing.T, s *Scenario, err error) {
	t.Helper()
	if err != nil {
		for _, e := range unjoin(err) {
			var p *Problem
			if !errors.As(e, &p) {
				t.Fatalf("error %v (%T) is not a *Problem", e, e)
			}
		}
		return
	}
	if why := savedConfigDiffers(s); why != "" {
		t.Fatalf("accepted scenario %q: %s\n%s", s.Name, why, s.TOML())
	}
}

func FuzzLoad(f *testing.F) {
	for _, name := range []string{"baseline", "staffing-10x4", "emergency-surge", "funding-shift-10", "coresponder-full"} {
		data, _ := Source(name)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data, nil)
		checkLoaded(t, s, err)
	})
}

func FuzzSet(f *testing.F) {
	f.Add("staffing.headcount", "90", "days", "30")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		s, err := Load("baseline", []string{k1 + "=" + v1, k2 + "=" + v2})
		checkLoaded(t, s, err)
	})
}

func FuzzSweep(f *testing.F) {
	f.Add([]byte("name = \"s\"\ndays = 3\n[sweep]\nsamples = 2\n[sweep.grid]\nstaffing.headcount = [60, 90]\n[sweep.ranges]\nengagement.intensity = [0.0, 0.4]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := parseSweep(source{file: "fuzz.toml", data: data}, nil)
		if err != nil {
			checkLoaded(t, nil, err)
			return
		}
		if len(plan.Points) == 0 || len(plan.Points) > maxPoints {
			t.Fatalf("%d points", len(plan.Points))
		}
		for i, p := range plan.Points {
			if i == 3 {
				break // the first points are enough: they share the base
			}
			checkLoaded(t, p.Scenario, nil)
		}
	})
}
