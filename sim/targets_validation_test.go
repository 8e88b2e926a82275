//go:build validation

package sim_test

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// patrolShare is the share of sworn officers in patrol (LEMAS: about 60
// %): per-officer figures are published per sworn officer, so the
// model's patrol headcount is divided by it ("sworn-equivalent").
const patrolShare = 0.6

// target is one row of docs/VALIDATION.md: a figure measured on a
// scenario's replicates and the range the mean must fall in.
type target struct {
	row      string
	scenario string
	lo, hi   float64
	metric   func(rn *run, r *sim.Result) float64
}

// wholeInterval lists the rows whose whole 95 % interval of the mean, not
// only the mean, must lie strictly inside the range: patterns that must
// be there beyond replicate noise.
var wholeInterval = map[string]bool{
	knoxNearRow: true, knoxFallRows[0]: true, knoxFallRows[1]: true, knoxFallRows[2]: true,
}

const knoxNearRow = "17 Knox ratio, burglary, 0-200 m, 0-14 days"

var knoxFallRows = [...]string{"17 Knox fall to 200-400 m, 0-14 days", "17 Knox fall to 400-800 m, 0-14 days", "17 Knox fall to 0-200 m, 15-60 days"}

func perYear(r *sim.Result) float64 { return 365 / float64(r.Days) }

func residents(r *sim.Result) float64 { return float64(r.Community.Residents) }

// run is a scenario's configuration, patrol headcount and replicates.
type run struct {
	cfg       sim.Config
	headcount float64
	results   []*sim.Result
}

func sworn(rn *run) float64 { return rn.headcount / patrolShare }

// typeCount sums field f of the named offense types.
func typeCount(r *sim.Result, f func(sim.CrimeCount) int, names ...string) float64 {
	n := 0
	for _, bt := range r.Community.ByType {
		if slices.Contains(names, bt.Type) {
			n += f(bt)
		}
	}
	return float64(n)
}

func trueN(c sim.CrimeCount) int     { return c.True }
func residentN(c sim.CrimeCount) int { return c.ResidentVictims }

// residentReportedN is the offenses of the type reported by resident
// victims: the NCVS's reporting rates leave businesses out.
func residentReportedN(c sim.CrimeCount) int { return c.Reported - c.BusinessReported }
func recordedN(c sim.CrimeCount) int         { return c.Recorded }
func reportedN(c sim.CrimeCount) int         { return c.Reported }
func arrestsN(c sim.CrimeCount) int          { return c.Arrests }

// ratioOf is the ratio of two type sums.
func ratioOf(num, den func(sim.CrimeCount) int, names ...string) func(*run, *sim.Result) float64 {
	return func(_ *run, r *sim.Result) float64 {
		return typeCount(r, num, names...) / typeCount(r, den, names...)
	}
}

func callsPer1000(_ *run, r *sim.Result) float64 {
	return float64(r.Calls) * perYear(r) / residents(r) * 1000
}
func patrolPer1000(rn *run, r *sim.Result) float64 {
	return rn.headcount / residents(r) * 1000
}
func violentVictimizations(_ *run, r *sim.Result) float64 { return *r.Community.ViolentPer1000 }
func recordedViolent(_ *run, r *sim.Result) float64 {
	return typeCount(r, recordedN, "robbery", "aggravated_assault") * perYear(r) / residents(r) * 1000
}
func recordedProperty(_ *run, r *sim.Result) float64 {
	return typeCount(r, recordedN, "burglary", "theft") * perYear(r) / residents(r) * 1000
}
func arrestsPerOfficer(rn *run, r *sim.Result) float64 {
	c := r.Community
	return float64(r.Force.Arrests+c.StopHits+c.ArrestsOnView) * perYear(r) / sworn(rn)
}
func forcePerOfficer(rn *run, r *sim.Result) float64 {
	return float64(r.Force.UseOfForce) * perYear(r) / sworn(rn)
}
func injuredPer100(rn *run, r *sim.Result) float64 {
	return float64(r.Force.OfficerInjuries) * perYear(r) / sworn(rn) * 100
}
func complaintsPer100(rn *run, r *sim.Result) float64 {
	return float64(r.Force.Complaints) * perYear(r) / sworn(rn) * 100
}
func p1Median(_ *run, r *sim.Result) float64 { return *r.ByPriority[0].Response.Median }
func p3OverP1(_ *run, r *sim.Result) float64 {
	return *r.ByPriority[2].Response.Mean / *r.ByPriority[0].Response.Mean
}
func waited(_ *run, r *sim.Result) float64       { return r.WaitedShare }
func unitsPerCall(_ *run, r *sim.Result) float64 { return *r.Workload.UnitsPerCall }
func committed(_ *run, r *sim.Result) float64    { return r.Workload.CommittedShare }
func violentReporting(_ *run, r *sim.Result) float64 {
	return *r.Community.ViolentReporting
}
func propertyReporting(_ *run, r *sim.Result) float64 {
	return *r.Community.PropertyReporting
}

// concentration is the smallest share of cells holding share p of the
// recorded offenses.
func concentration(p float64) func(*run, *sim.Result) float64 {
	return func(_ *run, r *sim.Result) float64 {
		c := slices.Clone(r.Community.Cells.Recorded)
		slices.Sort(c)
		slices.Reverse(c)
		total := 0
		for _, n := range c {
			total += n
		}
		acc := 0
		for k, n := range c {
			acc += n
			if float64(acc) >= p*float64(total) {
				return float64(k+1) / float64(len(c))
			}
		}
		return 1
	}
}

// knox returns the Knox ratio of distance band d and time band k
// (sim.KnoxBand: 0-200, 200-400, 400-800 m; 0-14, 15-60 days).
func knox(r *sim.Result, d, k int) float64 {
	b := r.Community.Knox[d*2+k]
	if b.Ratio == nil {
		return math.NaN()
	}
	return *b.Ratio
}
func knoxNear(_ *run, r *sim.Result) float64 { return knox(r, 0, 0) }

// knoxFall returns the fall of the Knox ratio from the nearest band
// (0-200 m, 0-14 days) to distance band d and time band k.
func knoxFall(d, k int) func(*run, *sim.Result) float64 {
	return func(_ *run, r *sim.Result) float64 { return knox(r, 0, 0) - knox(r, d, k) }
}

func trustChange(_ *run, r *sim.Result) float64 {
	return r.Community.MeanTrust - r.Community.MeanTrustInit
}

// targets is docs/VALIDATION.md's table, row by row (the row numbers are
// the document's).
var targets = []target{
	{"1 calls per 1,000 residents", "baseline", 400, 1000, callsPer1000},
	{"1 calls per 1,000 residents", "rural", 400, 1000, callsPer1000},
	{"2 patrol officers per 1,000 residents", "baseline", 1.0, 1.6, patrolPer1000},
	{"2 patrol officers per 1,000 residents", "rural", 1.0, 1.6, patrolPer1000},
	{"3 violent victimizations per 1,000 aged 12+", "baseline", 20, 50, violentVictimizations},
	{"3 violent victimizations per 1,000 aged 12+", "rural", 10, 25, violentVictimizations},
	{"4 recorded violent (UCR) per 1,000", "baseline", 3.7, 15, recordedViolent},
	{"4 recorded violent (UCR) per 1,000", "rural", 1.5, 6, recordedViolent},
	{"5 recorded property (UCR) per 1,000", "baseline", 21, 80, recordedProperty},
	{"5 recorded property (UCR) per 1,000", "rural", 8, 25, recordedProperty},
	{"6 arrests per sworn-equivalent officer", "baseline", 14, 25, arrestsPerOfficer},
	{"7 use of force per sworn-equivalent officer", "baseline", 0.3, 0.8, forcePerOfficer},
	{"8 officers injured per 100 sworn-equivalent", "baseline", 2, 6, injuredPer100},
	{"9 complaints per 100 sworn-equivalent", "baseline", 10, 40, complaintsPer100},
	{"11 P1 median response, minutes", "baseline", 5, 8, p1Median},
	{"11 P3 mean / P1 mean response", "baseline", 2, math.Inf(1), p3OverP1},
	{"11 share of calls that waited", "baseline", 0.01, 0.10, waited},
	{"12 units per call", "baseline", 1.6, 2.2, unitsPerCall},
	{"13 committed share of on-duty time", "baseline", 0.45, 0.60, committed},
	{"14 reporting rate, violent", "baseline", 0.40, 0.46, violentReporting},
	{"14 reporting rate, property", "baseline", 0.30, 0.35, propertyReporting},
	{"14 reporting rate, robbery", "baseline", 0.50, 0.70, ratioOf(residentReportedN, residentN, "robbery")},
	{"14 reporting rate, burglary", "baseline", 0.45, 0.60, ratioOf(residentReportedN, residentN, "burglary")},
	{"14 reporting rate, theft", "baseline", 0.24, 0.32, ratioOf(residentReportedN, residentN, "theft")},
	{"14 reporting rate, aggravated assault", "baseline", 0.45, 0.61, ratioOf(residentReportedN, residentN, "aggravated_assault")},
	{"15 clearance, aggravated assault", "baseline", 0.47, 0.57, ratioOf(arrestsN, recordedN, "aggravated_assault")},
	{"15 clearance, robbery", "baseline", 0.26, 0.36, ratioOf(arrestsN, recordedN, "robbery")},
	{"15 clearance, burglary", "baseline", 0.10, 0.19, ratioOf(arrestsN, recordedN, "burglary")},
	{"15 clearance, larceny-theft", "baseline", 0.14, 0.23, ratioOf(arrestsN, recordedN, "theft")},
	{"10 cells holding 50 % of recorded crime", "baseline", 0.021, 0.060, concentration(0.5)},
	{"10 cells holding 25 % of recorded crime", "baseline", 0.004, 0.016, concentration(0.25)},
	{knoxNearRow, "baseline", 1, 2, knoxNear},
	{knoxFallRows[0], "baseline", 0, math.Inf(1), knoxFall(1, 0)},
	{knoxFallRows[1], "baseline", 0, math.Inf(1), knoxFall(2, 0)},
	{knoxFallRows[2], "baseline", 0, math.Inf(1), knoxFall(0, 1)},
	{"21 trust at the end minus at the start", "baseline", -0.002, 0.002, trustChange},
}

// validationReps is the replicates each row is measured over.
const validationReps = 10

// TestTargets measures every row of docs/VALIDATION.md over ten
// replicates of its scenario and fails when the mean leaves the row's
// range. It logs each row's mean and 95 % interval.
func TestTargets(t *testing.T) {
	runs := map[string]*run{}
	for _, tg := range targets {
		if _, ok := runs[tg.scenario]; !ok {
			runs[tg.scenario] = runScenario(t, tg.scenario, validationReps)
		}
	}
	for _, tg := range targets {
		xs := make([]float64, 0, validationReps)
		rn := runs[tg.scenario]
		for _, r := range rn.results {
			xs = append(xs, tg.metric(rn, r))
		}
		m, h := meanHalfWidth(xs)
		t.Logf("%-46s %-8s %10.4g ± %-8.2g [%g, %g]", tg.row, tg.scenario, m, h, tg.lo, tg.hi)
		if !(m >= tg.lo && m <= tg.hi) {
			t.Errorf("%s (%s): mean %.4g ± %.2g over %d replicates, outside [%g, %g]", tg.row, tg.scenario, m, h, len(xs), tg.lo, tg.hi)
		}
		if wholeInterval[tg.row] && !(m-h > tg.lo && m+h < tg.hi) {
			t.Errorf("%s (%s): 95 %% interval %.4g ± %.2g over %d replicates not inside (%g, %g)", tg.row, tg.scenario, m, h, len(xs), tg.lo, tg.hi)
		}
	}
}

// runScenario runs replicates 0..n-1 of a library scenario with the
// overrides.
func runScenario(t *testing.T, ref string, n int, sets ...string) *run {
	t.Helper()
	s, err := scenarios.Load(ref, sets)
	if err != nil {
		t.Fatal(err)
	}
	rn := &run{cfg: s.Config(), headcount: float64(s.Staffing.Headcount)}
	for r := range n {
		res, err := sim.Run(rn.cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		rn.results = append(rn.results, res)
	}
	return rn
}

// meanHalfWidth returns the mean of xs and the half-width of its 95 %
// t-interval.
func meanHalfWidth(xs []float64) (float64, float64) {
	n := float64(len(xs))
	var s, ss float64
	for _, x := range xs {
		s += x
	}
	m := s / n
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	sd := math.Sqrt(ss / (n - 1))
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
	return m, tq * sd / math.Sqrt(n)
}
