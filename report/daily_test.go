package report

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// TestDailySeriesAggregation checks the daily charts' numbers against a
// reference computed here from the rows: per scenario and day, over the
// replicates that define the metric, the mean and the lowest values with
// at least 5 % and 95 % of them at or below, shares drawn as percentages.
func TestDailySeriesAggregation(t *testing.T) {
	res := synthetic(t, t.TempDir(), "", 2, 2, 30)
	metrics := []string{"mean_trust", "waited_share", "p1_response_mean", "all_undefined"}
	for _, tc := range []struct {
		name string
		reps int
		days []int // in file order
		key  string
		// nan reports whether replicate rep of scenario s leaves the
		// metric undefined on day.
		nan func(s, rep, day int) bool
	}{
		{"one replicate", 1, []int{0, 1, 2}, "mean_trust", func(int, int, int) bool { return false }},
		{"twenty replicates", 20, []int{0, 1, 2, 3}, "mean_trust", func(int, int, int) bool { return false }},
		{"twenty-one, days out of order", 21, []int{5, 2, 9, 0}, "p1_response_mean", func(int, int, int) bool { return false }},
		{"share as percent", 7, []int{0, 1}, "waited_share", func(int, int, int) bool { return false }},
		{"undefined replicates left out", 40, []int{0, 1, 2}, "p1_response_mean", func(s, rep, day int) bool { return (rep+day+s)%3 == 0 }},
		{"a day undefined everywhere", 5, []int{0, 1, 2}, "mean_trust", func(_, _, day int) bool { return day == 1 }},
		{"undefined everywhere", 5, []int{0, 1}, "all_undefined", func(int, int, int) bool { return true }},
		{"no such column", 5, []int{0, 1}, "offenses_recorded", func(int, int, int) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &study.Daily{Metrics: metrics}
			names := append(res.names(), "not-in-the-manifest")
			for rep := range tc.reps {
				for s, name := range names {
					for _, day := range tc.days {
						v := make([]float64, len(metrics))
						for k := range v {
							// Values that repeat and cross, so that ties and order matter.
							v[k] = math.Round(100*(1+0.3*math.Sin(float64(7*rep+3*day+s+k)))) / 100
							if tc.nan(s, rep, day) || metrics[k] == "all_undefined" {
								v[k] = math.NaN()
							}
						}
						d.Rows = append(d.Rows, study.DailyRow{Scenario: name, Replicate: rep, Day: day, Values: v})
					}
				}
			}
			res.Output.Daily = d
			got, err := dailySeries(res, tc.key)
			if err != nil {
				t.Fatal(err)
			}
			want := referenceSeries(res, d, tc.key)
			if want == nil || got == nil {
				if want != nil || got != nil {
					t.Fatalf("series %v, want %v", got, want)
				}
				return
			}
			if !slices.Equal(got.Scenarios, res.names()) || len(got.Series) != len(want) {
				t.Fatalf("scenarios %v and %d series, want %v and %d", got.Scenarios, len(got.Series), res.names(), len(want))
			}
			for i := range want {
				if !slices.EqualFunc(got.Series[i], want[i], sameDayPoint) {
					t.Errorf("scenario %d: series\n%v\nwant\n%v", i, got.Series[i], want[i])
				}
			}
		})
	}
}

// referenceSeries computes the daily series of key from the rows of d
// directly: one list of points per scenario of res, days ascending.
func referenceSeries(res *Results, d *study.Daily, key string) [][]plots.DayPoint {
	col := slices.Index(d.Metrics, key)
	if col < 0 {
		return nil
	}
	scale := 1.0
	if key == "waited_share" {
		scale = 100
	}
	var out [][]plots.DayPoint
	found := false
	for i, name := range res.names() {
		byDay := map[int][]float64{}
		for _, r := range d.Rows {
			if r.Scenario == name && !math.IsNaN(r.Values[col]) {
				byDay[r.Day] = append(byDay[r.Day], r.Values[col])
			}
		}
		days := []int{}
		for day := range byDay {
			days = append(days, day)
		}
		slices.Sort(days)
		pts := []plots.DayPoint{}
		for _, day := range days {
			xs := slices.Sorted(slices.Values(byDay[day]))
			sum := 0.0
			for _, x := range xs {
				sum += x
			}
			pts = append(pts, plots.DayPoint{Day: res.Scenarios[i].MeasureFromDay + day, Mean: scale * sum / float64(len(xs)),
				Lo: scale * lowestWithShare(xs, 0.05), Hi: scale * lowestWithShare(xs, 0.95)})
			found = true
		}
		out = append(out, pts)
	}
	if !found {
		return nil
	}
	return out
}

// lowestWithShare returns the first of the sorted xs with at least share
// p of them at or below it.
func lowestWithShare(xs []float64, p float64) float64 {
	for i, x := range xs {
		if float64(i+1) >= p*float64(len(xs)) {
			return x
		}
	}
	panic(fmt.Sprintf("no quantile %g of %d values", p, len(xs)))
}

func sameDayPoint(a, b plots.DayPoint) bool {
	return a.Day == b.Day && a.Lo == b.Lo && a.Hi == b.Hi && math.Abs(a.Mean-b.Mean) <= 1e-12*math.Abs(b.Mean)
}
