package sim_test

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/internal/cputime"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// The benchmarks below state how the cost of a simulated year grows: each
// scales one dimension of the baseline and leaves the rest, so that
// `go test -run '^$' -bench 'BaselineYear' -cpu 1 ./sim` shows what a
// year costs per resident, per cell and per unit of load beside
// BenchmarkBaselineYear.

// BenchmarkBaselineYearResidents8x runs a baseline year with every
// neighborhood's population multiplied by 8: the same calls, officers
// and offenses among eight times the residents.
func BenchmarkBaselineYearResidents8x(b *testing.B) { benchScaled(b, residents8x) }

// residents8x multiplies every neighborhood's population by 8.
func residents8x(s *scenarios.Scenario) {
	for i := range s.World.Neighborhoods {
		s.World.Neighborhoods[i].Population *= 8
	}
}

// BenchmarkBaselineYearCells16x runs a baseline year on a grid of 16
// times the cells: each cell split into 4 x 4 cells a quarter of the
// side, so the precinct, its neighborhoods, places and station cover the
// same ground and the calls, officers and offenses are the same.
func BenchmarkBaselineYearCells16x(b *testing.B) { benchScaled(b, cells16x) }

// cells16x splits every cell into 4 x 4 cells a quarter of the side.
func cells16x(s *scenarios.Scenario) {
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
}

// BenchmarkBaselineYearLoad4x runs a baseline year with four times the
// load: officers, calls of every type and offenses all multiplied by 4,
// on the same grid and residents.
func BenchmarkBaselineYearLoad4x(b *testing.B) { benchScaled(b, load4x) }

// load4x multiplies the officers, the calls of every type and the
// offenses by 4.
func load4x(s *scenarios.Scenario) {
	s.Staffing.Headcount *= 4
	for name, t := range s.Calls.Types {
		t.PerDay *= 4
		s.Calls.Types[name] = t
	}
	s.Crime.PerDay *= 4
}

// benchScaled runs one simulated year of the baseline changed by scale,
// after checking that the changed scenario is still valid.
func benchScaled(b *testing.B, scale func(*scenarios.Scenario)) {
	benchRuns(b, scaledYear(b, scale))
}

// scaledYear returns the configuration of a baseline year changed by
// scale, after checking that the changed scenario is still valid.
func scaledYear(b *testing.B, scale func(*scenarios.Scenario)) sim.Config {
	s, err := scenarios.Load("baseline", []string{"days=365"})
	if err != nil {
		b.Fatal(err)
	}
	scale(s)
	if err := scenarios.Validate(s); err != nil {
		b.Fatal(err)
	}
	return s.Config()
}

// BenchmarkGrowth states the growth of the benchmarks above as paired
// ratios: every iteration runs the baseline year and the years of 8x the
// residents, 16x the cells and 4x the load in turn, each after a
// collection, and the metrics x-residents8, x-cells16 and x-load4 are the
// medians (gonum's empirical 0.5 quantile) over the iterations of each
// one's CPU time over the baseline year's of the same iteration
// (cpu-s/op is an iteration's: the four years and their collections). On
// a shared host whose speed drifts over seconds and minutes, runs a
// second apart are slowed alike, where separate benchmarks' runs lie tens
// of seconds apart; min-x-load4 and max-x-load4 give the spread of the
// ratio that is most often at its limit. Run it with -benchtime Nx, N the
// iterations wanted.
func BenchmarkGrowth(b *testing.B) {
	if !cputime.Available {
		b.Skip("no CPU time on this system")
	}
	same := func(*scenarios.Scenario) {}
	cfgs := []sim.Config{scaledYear(b, same), scaledYear(b, residents8x), scaledYear(b, cells16x), scaledYear(b, load4x)}
	names := []string{"x-residents8", "x-cells16", "x-load4"}
	ratios := make([][]float64, len(names))
	cpu0 := cputime.Process(b)
	for b.Loop() {
		var cpu [4]time.Duration
		for i, cfg := range cfgs {
			runtime.GC()
			c := cputime.Process(b)
			if _, err := sim.Run(cfg, 0); err != nil {
				b.Fatal(err)
			}
			cpu[i] = cputime.Process(b) - c
		}
		for k := range names {
			ratios[k] = append(ratios[k], float64(cpu[k+1])/float64(cpu[0]))
		}
	}
	cputime.Report(b, cpu0)
	for k, name := range names {
		slices.Sort(ratios[k])
		b.ReportMetric(stat.Quantile(0.5, stat.Empirical, ratios[k], nil), name)
	}
	last := ratios[len(names)-1]
	b.ReportMetric(last[0], "min-x-load4")
	b.ReportMetric(last[len(last)-1], "max-x-load4")
}
