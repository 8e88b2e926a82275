package cad

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

// Observed is what CompareObserved takes of observed.csv: per priority
// (index 0 is P1) the whole day's components it compares, NaN where the
// extract did not publish one, and the response by hour.
type Observed struct {
	N                         [3]int
	ToDispatchMean, TravelMed [3]float64
	TravelMean                [3]float64
	ResponseMean, ResponseMed [3]float64
	// HourMean is the mean response by the hour the call came in, of all
	// priorities (weighted by their calls) and of P1; HourN the calls.
	HourMean [2][24]float64
	HourN    [2][24]int
}

// ReadObserved reads an observed.csv written by precinct import; a file
// of another layout is a scenarios.Problem naming its line.
func ReadObserved(file string) (*Observed, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, &scenarios.Problem{File: file, Msg: "no such file"}
		}
		return nil, fmt.Errorf("reading observed: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	h, err := r.Read()
	if err != nil || !slices.Equal(h, ObservedHeader) {
		return nil, &scenarios.Problem{File: file, Line: 1, Msg: fmt.Sprintf("header %v: want observed.csv of precinct import (%v)", h, ObservedHeader)}
	}
	o := &Observed{}
	for _, a := range []*[3]float64{&o.ToDispatchMean, &o.TravelMed, &o.TravelMean, &o.ResponseMean, &o.ResponseMed} {
		*a = [3]float64{math.NaN(), math.NaN(), math.NaN()}
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &scenarios.Problem{File: file, Line: line, Msg: err.Error()}
		}
		pr, err := strconv.Atoi(rec[0])
		if err != nil || pr < 1 || pr > 3 {
			return nil, &scenarios.Problem{File: file, Line: line, Col: 1, Msg: fmt.Sprintf("priority %q: want 1, 2 or 3", rec[0])}
		}
		n, err := strconv.Atoi(rec[2])
		if err != nil {
			return nil, &scenarios.Problem{File: file, Line: line, Msg: fmt.Sprintf("column n: %q is not a count", rec[2])}
		}
		if rec[1] != "all" {
			h, err := strconv.Atoi(rec[1])
			if err != nil || h < 0 || h > 23 {
				return nil, &scenarios.Problem{File: file, Line: line, Msg: fmt.Sprintf("column hour: %q is not 0 .. 23 or all", rec[1])}
			}
			if rec[7] == "" {
				continue
			}
			m, err := strconv.ParseFloat(rec[7], 64)
			if err != nil {
				return nil, &scenarios.Problem{File: file, Line: line, Msg: fmt.Sprintf("column response_mean: %q is not a number", rec[7])}
			}
			o.HourMean[0][h] += float64(n) * m // a sum until every row is in
			o.HourN[0][h] += n
			if pr == 1 {
				o.HourMean[1][h], o.HourN[1][h] = m, n
			}
			continue
		}
		o.N[pr-1] = n
		for col, dst := range map[int]*[3]float64{3: &o.ToDispatchMean, 5: &o.TravelMean, 6: &o.TravelMed, 7: &o.ResponseMean, 8: &o.ResponseMed} {
			if rec[col] == "" {
				continue
			}
			v, err := strconv.ParseFloat(rec[col], 64)
			if err != nil {
				return nil, &scenarios.Problem{File: file, Line: line, Msg: fmt.Sprintf("column %s: %q is not a number", ObservedHeader[col], rec[col])}
			}
			dst[pr-1] = v
		}
	}
	for h := range 24 {
		if n := o.HourN[0][h]; n > 0 {
			o.HourMean[0][h] /= float64(n)
		}
	}
	return o, nil
}

// CompareRow is one component of one priority, observed and simulated, in
// minutes; Simulated is the mean over the replicates, Lo and Hi their
// lowest and highest (NaN when the figure is pooled over them).
type CompareRow struct {
	Priority  int    // 0: all priorities
	Hour      int    // the hour of day the calls came in; -1: the whole day
	Component string // ObservedComponents, or "response, mean" by hour
	Observed  float64
	Simulated float64
	Lo, Hi    float64
}

// Diff is Simulated / Observed - 1, NaN when either is missing.
func (r CompareRow) Diff() float64 {
	if !(r.Observed > 0) || math.IsNaN(r.Simulated) {
		return math.NaN()
	}
	return r.Simulated/r.Observed - 1
}

// ObservedComponents are the components CompareObserved puts side by
// side, the statistic each is compared by: the mean call to first
// dispatch (simulated, processing plus queue: means add, medians do not),
// the median and mean travel (first dispatch to first unit on scene) and
// the median and mean response (call to first unit on scene).
var ObservedComponents = []string{"to dispatch, mean", "travel, median", "travel, mean", "response, median", "response, mean"}

// CompareObserved puts scenario's results in the study directory dir
// beside an extract's observed components: per replicate from runs.csv
// (to dispatch: p<N>_processing_mean + p<N>_queue_mean; travel:
// p<N>_travel_median and _mean; response: p<N>_response_mean), the
// response median from the pooled response.csv distribution,
// interpolated within its half-minute bin.
func CompareObserved(obs *Observed, dir, scenario string) ([]CompareRow, error) {
	runs, err := study.ReadRuns(dir)
	if err != nil {
		return nil, err
	}
	resp, err := study.ReadResponse(dir)
	if err != nil {
		return nil, err
	}
	col := func(key string) (int, error) {
		i := slices.Index(runs.Metrics, key)
		if i < 0 {
			return 0, fmt.Errorf("%s/%s has no column %s", dir, study.RunsFile, key)
		}
		return i, nil
	}
	var rows []CompareRow
	// perRepOf is the mean, lowest and highest over the scenario's
	// replicates of the sum of the runs.csv columns keys.
	perRepOf := func(keys ...string) (mean, lo, hi float64, err error) {
		idx := make([]int, len(keys))
		for i, k := range keys {
			if idx[i], err = col(k); err != nil {
				return 0, 0, 0, err
			}
		}
		var vs []float64
		for _, r := range runs.Rows {
			if r.Scenario != scenario {
				continue
			}
			v := 0.0
			for _, i := range idx {
				v += r.Values[i]
			}
			if !math.IsNaN(v) {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			return math.NaN(), math.NaN(), math.NaN(), nil
		}
		sum := 0.0
		for _, v := range vs {
			sum += v
		}
		return sum / float64(len(vs)), slices.Min(vs), slices.Max(vs), nil
	}
	for p := 1; p <= 3; p++ {
		if obs.N[p-1] == 0 {
			continue
		}
		pk := func(s string) string { return fmt.Sprintf("p%d_%s", p, s) }
		for k, c := range []struct {
			obs  float64
			keys []string
		}{
			{obs.ToDispatchMean[p-1], []string{pk("processing_mean"), pk("queue_mean")}},
			{obs.TravelMed[p-1], []string{pk("travel_median")}},
			{obs.TravelMean[p-1], []string{pk("travel_mean")}},
			{obs.ResponseMed[p-1], nil},
			{obs.ResponseMean[p-1], []string{pk("response_mean")}},
		} {
			row := CompareRow{Priority: p, Hour: -1, Component: ObservedComponents[k], Observed: c.obs, Lo: math.NaN(), Hi: math.NaN()}
			if c.keys == nil {
				row.Simulated = histMedian(resp, scenario, p)
			} else if row.Simulated, row.Lo, row.Hi, err = perRepOf(c.keys...); err != nil {
				return nil, err
			}
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("the observed file has no priority with calls")
	}
	for g, prefix := range []string{"response_mean", "p1_response_mean"} {
		for h := range 24 {
			if obs.HourN[g][h] == 0 {
				continue
			}
			row := CompareRow{Priority: g, Hour: h, Component: "response, mean", Observed: obs.HourMean[g][h]}
			if row.Simulated, row.Lo, row.Hi, err = perRepOf(fmt.Sprintf("%s_h%02d", prefix, h)); err != nil {
				return nil, err
			}
			rows = append(rows, row)
		}
	}
	if !slices.ContainsFunc(runs.Rows, func(r study.RunRow) bool { return r.Scenario == scenario }) {
		return nil, fmt.Errorf("%s/%s has no scenario %q", dir, study.RunsFile, scenario)
	}
	return rows, nil
}

// histMedian is the median of a priority's pooled response-time
// distribution, linear within the bin that holds it; NaN without calls.
func histMedian(rows []study.ResponseRow, scenario string, priority int) float64 {
	var bins []study.ResponseRow
	total := 0.0
	for _, r := range rows {
		if r.Scenario == scenario && r.Priority == priority {
			bins = append(bins, r)
			total += r.MeanCount
		}
	}
	slices.SortFunc(bins, func(a, b study.ResponseRow) int { return cmp.Compare(a.UpperMin, b.UpperMin) })
	cum, lower := 0.0, 0.0
	for _, b := range bins {
		if b.MeanCount > 0 && cum+b.MeanCount >= total/2 {
			if math.IsInf(b.UpperMin, 1) {
				return lower
			}
			return lower + (b.UpperMin-lower)*(total/2-cum)/b.MeanCount
		}
		cum += b.MeanCount
		lower = b.UpperMin
	}
	return math.NaN()
}

// CompareHeader is the header of observed_vs_simulated.csv
// (docs/OUTPUTS.md).
var CompareHeader = []string{"scenario", "priority", "hour", "component", "observed", "simulated", "simulated_lo", "simulated_hi", "difference"}

// CompareCSV renders the rows as observed_vs_simulated.csv: minutes, the
// difference a share (simulated / observed - 1); a missing figure is an
// empty cell.
func CompareCSV(scenario string, rows []CompareRow) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(CompareHeader)
	num := func(v float64) string { return csvNumber(v, 6) }
	for _, r := range rows {
		pr, hour := strconv.Itoa(r.Priority), strconv.Itoa(r.Hour)
		if r.Priority == 0 {
			pr = "all"
		}
		if r.Hour < 0 {
			hour = "all"
		}
		w.Write([]string{scenario, pr, hour, r.Component, num(r.Observed), num(r.Simulated), num(r.Lo), num(r.Hi), num(r.Diff())})
	}
	w.Flush()
	return buf.Bytes()
}

// ReadCompareCSV reads observed_vs_simulated.csv back: the scenario and
// its rows.
func ReadCompareCSV(file string) (string, []CompareRow, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", nil, fmt.Errorf("reading %s: %w", file, err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return "", nil, fmt.Errorf("reading %s: %w", file, err)
	}
	if len(recs) < 2 || !slices.Equal(recs[0], CompareHeader) {
		return "", nil, fmt.Errorf("%s: want the header %v and at least one row", file, CompareHeader)
	}
	num := func(v string) (float64, error) {
		if v == "" {
			return math.NaN(), nil
		}
		return strconv.ParseFloat(v, 64)
	}
	var rows []CompareRow
	all := func(v string) (int, error) {
		if v == "all" {
			return -1, nil
		}
		return strconv.Atoi(v)
	}
	for i, rec := range recs[1:] {
		p, err := all(rec[1])
		h, err2 := all(rec[2])
		err = cmp.Or(err, err2)
		var vs [4]float64
		for k := range vs {
			if err == nil {
				vs[k], err = num(rec[4+k])
			}
		}
		if err != nil {
			return "", nil, fmt.Errorf("%s:%d: %w", file, i+2, err)
		}
		rows = append(rows, CompareRow{Priority: max(p, 0), Hour: h, Component: rec[3], Observed: vs[0], Simulated: vs[1], Lo: vs[2], Hi: vs[3]})
	}
	return recs[1][0], rows, nil
}
