package scenarios_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

var (
	unitsPerCall   = metric{"units per call", func(r *sim.Result) float64 { return val(r.Workload.UnitsPerCall) }}
	committedShare = metric{"committed share of on-duty time", func(r *sim.Result) float64 { return r.Workload.CommittedShare }}
	p1Median       = metric{"P1 response, median (min)", func(r *sim.Result) float64 { return val(r.ByPriority[0].Response.Median) }}
	p3OverP1       = metric{"mean P3 response / mean P1 response", func(r *sim.Result) float64 {
		return val(r.ByPriority[2].Response.Mean) / val(r.ByPriority[0].Response.Mean)
	}}
)

// TestBaselineWorkload checks the baseline's operational levels over 10
// replicates against the published ranges of issue 15 (docs/MODEL.md,
// "Calibration of the workload").
func TestBaselineWorkload(t *testing.T) {
	if testing.Short() {
		t.Skip("10 replicates of the baseline; skipped with -short")
	}
	checkClaims(t, []claim{{scenario: "baseline", days: 120, reps: 10, checks: []check{
		between(unitsPerCall, 1.6, 2.2), between(committedShare, 0.45, 0.60), between(p1Median, 5, 8),
		between(p3OverP1, 2, 100), between(waited, 0.01, 0.10),
	}}})
}

// pairedRuns runs replicates 0..reps-1 of the library scenario under two
// lists of --set overrides (days measured days each) and returns the
// results side by side: replicate r of both shares its streams.
func pairedRuns(t *testing.T, scenario string, days, reps int, base, variant []string) (a, b []*sim.Result) {
	t.Helper()
	var jobs []study.Job
	for _, sets := range [][]string{base, variant} {
		s, err := scenarios.Load(scenario, append([]string{fmt.Sprintf("days=%d", days)}, sets...))
		if err != nil {
			t.Fatal(err)
		}
		cfg := s.Config()
		for r := range reps {
			jobs = append(jobs, study.Job{Config: &cfg, Rep: r})
		}
	}
	res := make([]*sim.Result, len(jobs))
	if err := study.Replicate(context.Background(), jobs, 0, func(i int, r *sim.Result) error {
		res[i] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return res[:reps], res[reps:]
}

// valuesOf returns m of each result.
func valuesOf(rs []*sim.Result, m metric) []float64 {
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = m.f(r)
	}
	return xs
}

// oneUnit returns the overrides that send one unit to every call, with
// no backup.
func oneUnit() []string {
	d := scenarios.Default()
	var sets []string
	for _, name := range slices.Sorted(maps.Keys(d.Calls.Types)) {
		sets = append(sets, "calls.types."+name+".units=[1.0]", "calls.types."+name+".backup=0")
	}
	for _, name := range slices.Sorted(maps.Keys(d.Crime.Types)) {
		sets = append(sets, "crime.types."+name+".units=[1.0]", "crime.types."+name+".backup=0")
	}
	return sets
}

var (
	p3QueueMean = metric{"P3 queue delay, mean (min)", func(r *sim.Result) float64 { return val(r.ByPriority[2].QueueDelay.Mean) }}
	p1QueueMean = metric{"P1 queue delay, mean (min)", func(r *sim.Result) float64 { return val(r.ByPriority[0].QueueDelay.Mean) }}
	p1ProcMean  = metric{"P1 processing, mean (min)", func(r *sim.Result) float64 { return val(r.ByPriority[0].Processing.Mean) }}
	p3Travel    = metric{"P3 travel, mean (min)", func(r *sim.Result) float64 { return val(r.ByPriority[2].Travel.Mean) }}
	p3Answered  = metric{"P3 calls a unit reached", func(r *sim.Result) float64 { return float64(r.ByPriority[2].Answered) }}
	callHours   = metric{"officer-hours on calls (primary and secondary)", func(r *sim.Result) float64 {
		return r.Workload.Hours.Primary + r.Workload.Hours.Secondary
	}}
	arrestHours = metric{"officer-hours of transport and booking", func(r *sim.Result) float64 { return r.Workload.Hours.Arrests }}
	patrolHours = metric{"officer-hours on patrol", func(r *sim.Result) float64 { return r.OfficerHours.Patrol }}
	crossBeat   = metric{"share of cross-beat dispatches", func(r *sim.Result) float64 { return val(r.Workload.CrossBeatShare) }}
	// The 8x3 shifts start at 07:00, 15:00 and 23:00: hours 2 to 5 of a
	// shift (its meal window) against its first and last hour.
	mealGap = metric{"queue delay in the shifts' middle hours less their first and last hours (min)", func(r *sim.Result) float64 {
		mean := func(hours ...int) float64 {
			var s float64
			for _, h := range hours {
				s += val(r.ResponseByHour[h].QueueMean)
			}
			return s / float64(len(hours))
		}
		return mean(9, 10, 11, 12, 17, 18, 19, 20, 1, 2, 3, 4) - mean(7, 14, 15, 22, 23, 6)
	}}
)

// TestWorkloadDirections checks the direction of each mechanism of the
// workload against the same precinct with it off, on paired replicates.
func TestWorkloadDirections(t *testing.T) {
	if testing.Short() {
		t.Skip("paired runs of every workload mechanism; skipped with -short")
	}
	for _, tc := range []struct {
		name       string
		scenario   string
		days, reps int
		off, on    []string
		checks     []check
	}{
		{"more units per call raise committed time", "baseline", 60, 6, oneUnit(), nil,
			[]check{rise(committedShare, 0.1), rise(unitsPerCall, 0.5), rise(callHours, 0.2)}},
		{"holding lengthens P3 and shortens P1 waits", "staffing-cut-10", 90, 8,
			[]string{"dispatch.hold_reserve=0"}, []string{"dispatch.hold_reserve=3"},
			[]check{rise(p3QueueMean, 0.1), fall(p1QueueMean, 0.05)}},
		{"meal breaks raise queue delay at shift middles", "baseline", 90, 8,
			[]string{`outofservice.meal.mean="0s"`, `outofservice.meal.sd="0s"`}, nil,
			[]check{rise(mealGap, 0)}},
		{"telephone reporting lowers P3 workload", "baseline", 90, 6,
			[]string{"dispatch.telephone.share=0"}, nil,
			[]check{fall(p3Answered, 0.01), fall(callHours, 0)}},
		{"call processing lengthens the P1 response", "baseline", 60, 4,
			[]string{`dispatch.processing.p1.mean="0s"`, `dispatch.processing.p1.sd="0s"`}, nil,
			[]check{rise(p1Mean, 0.3), rise(p1ProcMean, 0)}},
		{"slower P3 driving lengthens P3 travel", "baseline", 60, 4,
			[]string{"travel.p3_speed_kmh=40"}, nil,
			[]check{rise(p3Travel, 0.2)}},
		{"arrest transport and booking raise committed time", "baseline", 60, 4,
			[]string{`arrests.booking.mean="0s"`, `arrests.booking.sd="0s"`}, nil,
			[]check{rise(committedShare, 0.02), rise(arrestHours, 0)}},
		{"officer-initiated work raises committed time and cuts patrol", "baseline", 60, 4,
			[]string{"selfinit.traffic.per_hour=0", "selfinit.directed.per_hour=0", "selfinit.followup.per_hour=0"}, nil,
			[]check{rise(committedShare, 0.03), fall(patrolHours, 0.03)}},
		{"beat-first dispatch cuts cross-beat dispatches", "baseline", 60, 4,
			[]string{`dispatch.policy="nearest"`}, nil,
			[]check{fall(crossBeat, 0.05)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			off, on := pairedRuns(t, tc.scenario, tc.days, tc.reps, tc.off, tc.on)
			for _, ch := range tc.checks {
				checkPaired(t, ch, valuesOf(off, ch.m), valuesOf(on, ch.m))
			}
		})
	}
}

// TestWeekdayProfile checks the level of a day-of-week profile: with
// Saturday at 1.3 and the other days at 1, Saturday's calls are 1.3 times
// another day's, within Poisson tolerance.
func TestWeekdayProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of calls; skipped with -short")
	}
	s, err := scenarios.Load("baseline", []string{"days=364", "calls.weekday=[1.0, 1.0, 1.0, 1.0, 1.0, 1.3, 1.0]"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s.Config(), 0)
	if err != nil {
		t.Fatal(err)
	}
	start, _ := time.Parse("2006-01-02", s.StartDate)
	var sat, other, nSat, nOther float64
	for d, day := range res.Daily {
		if start.AddDate(0, 0, s.WarmupDays+d).Weekday() == time.Saturday {
			sat, nSat = sat+float64(day.Calls), nSat+1
		} else {
			other, nOther = other+float64(day.Calls), nOther+1
		}
	}
	// The profile is normalised to mean 1: a non-crime call rate of a a
	// day is a x 7/7.3 on other days and 1.3 times that on Saturdays.
	// Crime calls (c a day) follow the crime calendar, flat here.
	a := 0.0
	for _, ct := range s.Calls.Types {
		a += ct.PerDay
	}
	c := other/nOther - a*7/7.3
	want := (1.3*a*7/7.3 + c) / (a*7/7.3 + c)
	got := (sat / nSat) / (other / nOther)
	se := got * math.Sqrt(1/sat+1/other)
	t.Logf("Saturday / other days: %.4f, want %.4f ± %.4f", got, want, 3*se)
	if math.Abs(got-want) > 3*se {
		t.Errorf("Saturday / other days = %.4f, want %.4f within %.4f", got, want, 3*se)
	}
}
