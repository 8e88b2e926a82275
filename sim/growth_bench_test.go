package sim_test

import (
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

// The benchmarks below state how the cost of a simulated year grows: each
// scales one dimension of the baseline and leaves the rest, so that
// `go test -run '^$' -bench 'BaselineYear' -cpu 1 ./sim` shows what a
// year costs per resident, per cell and per unit of load beside
// BenchmarkBaselineYear.

// BenchmarkBaselineYearResidents8x runs a baseline year with every
// neighborhood's population multiplied by 8: the same calls, officers
// and offenses among eight times the residents.
func BenchmarkBaselineYearResidents8x(b *testing.B) {
	benchScaled(b, func(s *scenarios.Scenario) {
		for i := range s.World.Neighborhoods {
			s.World.Neighborhoods[i].Population *= 8
		}
	})
}

// BenchmarkBaselineYearCells16x runs a baseline year on a grid of 16
// times the cells: each cell split into 4 x 4 cells a quarter of the
// side, so the precinct, its neighborhoods, places and station cover the
// same ground and the calls, officers and offenses are the same.
func BenchmarkBaselineYearCells16x(b *testing.B) {
	benchScaled(b, func(s *scenarios.Scenario) {
		const k = 4
		w := &s.World
		w.Width, w.Height, w.CellM = w.Width*k, w.Height*k, w.CellM/k
		w.Station = [2]int{w.Station[0]*k + k/2, w.Station[1]*k + k/2}
		for i := range w.Neighborhoods {
			for j := range w.Neighborhoods[i].Cells {
				w.Neighborhoods[i].Cells[j] *= k
			}
		}
		for i := range w.Places {
			for j := range w.Places[i].Cells {
				w.Places[i].Cells[j] *= k
			}
		}
	})
}

// BenchmarkBaselineYearLoad4x runs a baseline year with four times the
// load: officers, calls of every type and offenses all multiplied by 4,
// on the same grid and residents.
func BenchmarkBaselineYearLoad4x(b *testing.B) {
	benchScaled(b, func(s *scenarios.Scenario) {
		s.Staffing.Headcount *= 4
		for name, t := range s.Calls.Types {
			t.PerDay *= 4
			s.Calls.Types[name] = t
		}
		s.Crime.PerDay *= 4
	})
}

// benchScaled runs one simulated year of the baseline changed by scale,
// after checking that the changed scenario is still valid.
func benchScaled(b *testing.B, scale func(*scenarios.Scenario)) {
	s, err := scenarios.Load("baseline", []string{"days=365"})
	if err != nil {
		b.Fatal(err)
	}
	scale(s)
	if err := scenarios.Validate(s); err != nil {
		b.Fatal(err)
	}
	benchRuns(b, s.Config())
}
