package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// responsePart is one part of the response time in runs.csv: the
// column p<priority>_<key>_mean.
type responsePart struct{ key, name string }

// responseParts are the parts of a response, in the order they add up.
var responseParts = []responsePart{{"processing", "call processing"}, {"queue", "waiting for a free unit"}, {"travel", "travel to the scene"}}

// activity is one committed activity of officers: a runs.csv column of
// officer-hours.
type activity struct{ key, name string }

// activities are what on-duty officer time is committed to, in order;
// their hours add up to committed_share of the on-duty time.
var activities = []activity{
	{"hours_primary", "primary units at calls"},
	{"hours_secondary", "secondary units and backups"},
	{"hours_self_initiated", "officer-initiated work"},
	{"hours_out_of_service", "out of service (meals, admin, court)"},
	{"hours_arrests", "arrest transport and booking"},
}

// hourlyGroups are the panels of the response by hour: the runs.csv
// columns <prefix>00 to <prefix>23.
var hourlyGroups = []struct{ prefix, name string }{
	{"response_mean_h", "all calls"},
	{"p1_response_mean_h", "P1 emergency calls"},
}

// replicateRows returns, for scenario name, one row per replicate of the
// runs.csv columns keys (NaN where a replicate or the file does not
// define one).
func (s *Results) replicateRows(name string, keys []string) [][]float64 {
	cols := make([]int, len(keys))
	for k, key := range keys {
		cols[k] = slices.Index(s.Output.Runs.Metrics, key)
	}
	var out [][]float64
	for _, r := range s.Output.Runs.Rows {
		if r.Scenario != name {
			continue
		}
		row := make([]float64, len(keys))
		for k, c := range cols {
			row[k] = math.NaN()
			if c >= 0 && c < len(r.Values) {
				row[k] = r.Values[c]
			}
		}
		out = append(out, row)
	}
	return out
}

// definedMean returns the mean of the values of xs that are not NaN, and
// how many there are.
func definedMean(xs []float64) (float64, int) {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0, 0
	}
	return stat.Mean(v, nil), len(v)
}

// partKeys returns the runs.csv columns of the response parts of
// priority p.
func partKeys(p int) []string {
	keys := make([]string, len(responseParts))
	for k, part := range responseParts {
		keys[k] = fmt.Sprintf("p%d_%s_mean", p, part.key)
	}
	return keys
}

// partStats returns the mean over the replicates of each response part
// of priority p in scenario name, and the statistics of the total: the
// sum of the parts of each replicate that defines all of them.
func partStats(s *Results, name string, p int) ([]float64, study.Stats) {
	rows := s.replicateRows(name, partKeys(p))
	means := make([]float64, len(responseParts))
	for k := range responseParts {
		col := make([]float64, len(rows))
		for r, row := range rows {
			col[r] = row[k]
		}
		means[k], _ = definedMean(col)
	}
	totals := make([]float64, len(rows))
	for r, row := range rows {
		for _, v := range row {
			totals[r] += v // NaN when a part is undefined: left out
		}
	}
	return means, study.Describe(fmt.Sprintf("p%d_response_parts", p), totals)
}

// workloadParts returns the response parts of every priority that some
// scenario defines, or nil when runs.csv has none (an output of an
// earlier version).
func workloadParts(s *Results) *plots.ResponseParts {
	r := &plots.ResponseParts{Level: s.Output.Summary.Confidence}
	for _, part := range responseParts {
		r.Parts = append(r.Parts, part.name)
	}
	for p := 1; p <= len(priorityLabels); p++ {
		pr := plots.PriorityParts{Name: priorityLabels[p-1]}
		found := false
		for _, name := range s.names() {
			means, st := partStats(s, name, p)
			bar := plots.PartsBar{Scenario: name, Means: means, N: st.N}
			if st.Mean != nil {
				bar.Total = *st.Mean
				found = true
			}
			if st.CI != nil {
				bar.CI = &plots.Interval{Lo: max(0, st.CI.Lo), Hi: st.CI.Hi}
			}
			pr.Bars = append(pr.Bars, bar)
		}
		if found {
			r.Priorities = append(r.Priorities, pr)
		}
	}
	if len(r.Priorities) == 0 {
		return nil
	}
	return r
}

// activityKeys are the runs.csv columns of the activities.
func activityKeys() []string {
	keys := make([]string, len(activities))
	for k, a := range activities {
		keys[k] = a.key
	}
	return keys
}

// activityShares returns each scenario's on-duty time by activity, as
// shares in %: per replicate, an activity's hours over the on-duty hours
// (the activities' hours over committed_share), averaged over the
// replicates. It returns nil when runs.csv has no committed time.
func activityShares(s *Results) *plots.ActivityShares {
	if !s.defined("committed_share") {
		return nil
	}
	for _, k := range activityKeys() {
		if !slices.Contains(s.Output.Runs.Metrics, k) {
			return nil
		}
	}
	a := &plots.ActivityShares{Level: s.Output.Summary.Confidence}
	for _, act := range activities {
		a.Activities = append(a.Activities, act.name)
	}
	for _, name := range s.names() {
		rows := s.replicateRows(name, append(activityKeys(), "committed_share"))
		shares := make([][]float64, len(activities))
		for _, row := range rows {
			cs := row[len(activities)]
			sum := 0.0
			for _, h := range row[:len(activities)] {
				sum += h
			}
			if math.IsNaN(sum) || math.IsNaN(cs) {
				continue
			}
			for k, h := range row[:len(activities)] {
				v := 0.0
				if sum > 0 {
					v = 100 * h / sum * cs
				}
				shares[k] = append(shares[k], v)
			}
		}
		bar := plots.ActivityBar{Scenario: name, Shares: make([]float64, len(activities))}
		for k := range activities {
			bar.Shares[k], _ = definedMean(shares[k])
		}
		if st, ok := s.stats(name, "committed_share"); ok && st.Mean != nil {
			bar.Committed = 100 * *st.Mean
			if st.CI != nil {
				bar.CI = &plots.Interval{Lo: max(0, 100*st.CI.Lo), Hi: min(100, 100*st.CI.Hi)}
			}
		}
		a.Bars = append(a.Bars, bar)
	}
	return a
}

// hourlyResponse returns the mean response by the hour of the day the
// call came in, per group of calls that runs.csv holds, or nil when it
// holds none.
func hourlyResponse(s *Results) *plots.HourlyResponse {
	names := s.names()
	h := &plots.HourlyResponse{Scenarios: names}
	for _, g := range hourlyGroups {
		keys := make([]string, 24)
		for hour := range keys {
			keys[hour] = fmt.Sprintf("%s%02d", g.prefix, hour)
		}
		pn := plots.HourlyPanel{Name: g.name}
		found := false
		for _, name := range names {
			rows := s.replicateRows(name, keys)
			line := []plots.HourPoint{}
			for hour := range keys {
				col := make([]float64, len(rows))
				for r, row := range rows {
					col[r] = row[hour]
				}
				if m, n := definedMean(col); n > 0 {
					line = append(line, plots.HourPoint{Hour: hour, Mean: m})
					found = true
				}
			}
			pn.Lines = append(pn.Lines, line)
		}
		if found {
			h.Panels = append(h.Panels, pn)
		}
	}
	if len(h.Panels) == 0 {
		return nil
	}
	return h
}

// pageWorkload is the table of the workload section: one row per
// scenario.
type pageWorkload struct {
	Cols []pageWorkloadCol
	Rows []pageWorkloadRow
}

type pageWorkloadCol struct{ Label, Unit, Description string }

type pageWorkloadRow struct {
	N                 int
	Name, Color, Dash string
	Cells             []pageWorkloadCell
}

// pageWorkloadCell is a mean, the parts it adds up from (if any) and its
// interval.
type pageWorkloadCell struct{ Mean, Parts, CI string }

// workloadTable returns the table of the workload section, or nil when
// runs.csv holds none of its metrics.
func workloadTable(s *Results) *pageWorkload {
	t := &pageWorkload{}
	names := s.names()
	type column struct {
		col  pageWorkloadCol
		cell func(name string) pageWorkloadCell
	}
	var cols []column
	for p := 1; p <= len(priorityLabels); p++ {
		if !s.defined(partKeys(p)[0]) {
			continue
		}
		var parts []string
		for _, part := range responseParts {
			parts = append(parts, part.name)
		}
		cols = append(cols, column{
			col: pageWorkloadCol{Label: priorityLabels[p-1] + ", mean response", Unit: "minutes: " + strings.Join(parts, " + "),
				Description: fmt.Sprintf("mean time from a P%d call to the first unit on scene, and its parts", p)},
			cell: func(name string) pageWorkloadCell {
				means, st := partStats(s, name, p)
				c := pageWorkloadCell{Mean: "-"}
				if st.Mean == nil {
					return c
				}
				c.Mean = formatValue(*st.Mean, "minutes")
				var ps []string
				for _, m := range means {
					ps = append(ps, formatValue(m, "minutes"))
				}
				c.Parts = strings.Join(ps, " + ")
				if st.CI != nil {
					c.CI = formatValue(max(0, st.CI.Lo), "minutes") + " to " + formatValue(st.CI.Hi, "minutes")
				}
				return c
			}})
	}
	for _, k := range []string{"committed_share", "units_per_call", "cross_beat_share"} {
		if !slices.Contains(s.Output.Runs.Metrics, k) || !s.defined(k) {
			continue
		}
		info, _ := s.metricInfo(k)
		cols = append(cols, column{col: pageWorkloadCol{Label: info.Label, Unit: info.Unit, Description: info.Description},
			cell: func(name string) pageWorkloadCell {
				st := statCell(s, name, k)
				return pageWorkloadCell{Mean: st.Mean, CI: st.CI}
			}})
	}
	if len(cols) == 0 {
		return nil
	}
	for _, c := range cols {
		t.Cols = append(t.Cols, c.col)
	}
	for i, name := range names {
		st := plots.Styles(i)
		row := pageWorkloadRow{N: i + 1, Name: name, Color: st.Hex(), Dash: st.SVGDash()}
		for _, c := range cols {
			row.Cells = append(row.Cells, c.cell(name))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
