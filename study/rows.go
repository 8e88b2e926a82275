package study

import (
	"math"
	"strconv"

	"github.com/precinct-sim/precinct/sim"
)

var nanValue = math.NaN()

// fmtNum writes v with the fewest decimals that read back as the same
// float64, never with an exponent (12000000, not 1.2e+07, which
// spreadsheets and people misread); "" for NaN (undefined).
func fmtNum(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func value(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return fmtNum(v)
}

// runsHeader is the header of runs.csv.
func (st *Study) runsHeader() []string {
	h := append([]string{"scenario"}, st.Manifest.VariantKeys...)
	h = append(h, "replicate", "seed")
	for _, m := range Metrics {
		h = append(h, m.Key)
	}
	return h
}

func dailyHeader() []string {
	h := []string{"scenario", "replicate", "day"}
	for _, m := range DailyMetrics {
		h = append(h, m.Key)
	}
	return h
}

// writeRun writes the runs.csv row of res, a replicate of scenario s.
func (st *Study) writeRun(w *partial, s int, res *sim.Result) error {
	ms := &st.Manifest.Scenarios[s]
	row := []string{ms.Name}
	for _, k := range st.Manifest.VariantKeys {
		v := ""
		for _, set := range ms.Variant {
			if set.Key == k {
				v = set.Value
			}
		}
		row = append(row, v)
	}
	row = append(row, strconv.Itoa(res.Replicate), strconv.FormatUint(ms.Seed, 10))
	for _, m := range Metrics {
		row = append(row, value(m.Value(res)))
	}
	return w.csv.Write(row)
}

// writeDaily writes the daily.csv rows of res, a replicate of scenario
// name.
func writeDaily(w *partial, name string, res *sim.Result) error {
	rep := strconv.Itoa(res.Replicate)
	row := make([]string, 3+len(DailyMetrics))
	for i := range res.Daily {
		d := &res.Daily[i]
		row = append(row[:0], name, rep, strconv.Itoa(d.Day))
		for _, m := range DailyMetrics {
			row = append(row, value(m.Value(d)))
		}
		if err := w.csv.Write(row); err != nil {
			return err
		}
	}
	return nil
}
