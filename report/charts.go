package report

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

// Outcome is one of the key outcomes the charts and the report show. Keys
// lists the runs.csv columns that can hold it, in order of preference: the
// first one the output directory has is drawn, and an outcome none of
// whose keys is present (a metric the model does not measure yet, or the
// community model switched off) is left out.
type Outcome struct {
	Keys []string
}

// KeyOutcomes are the outcomes whose spread across replications is drawn
// and whose paired differences make the forest plot, in display order.
var KeyOutcomes = []Outcome{
	{Keys: []string{"offenses_true"}},
	{Keys: []string{"offenses_recorded"}},
	{Keys: []string{"p1_response_p90"}},
	{Keys: []string{"p3_response_mean"}},
	{Keys: []string{"committed_share"}},
	{Keys: []string{"waited_share"}},
	{Keys: []string{"queue_delay_mean"}},
	{Keys: []string{"use_of_force"}},
	{Keys: []string{"mean_trust_end"}},
	{Keys: []string{"stops_disparity"}},
	{Keys: []string{"cost_total"}},
}

// DailyOutcomes are the daily.csv columns drawn as time series, when
// present.
var DailyOutcomes = []string{"mean_trust", "offenses_recorded", "p1_response_mean", "waited_share", "queue_delay_mean", "committed_share"}

// DefaultHistogram is the metric of the histogram when none is chosen.
const DefaultHistogram = "p1_response_p90"

// mapLayer is one quantity drawn on the grid.
type mapLayer struct {
	metric, label, unit string
	value               func(c study.CellRow) float64
}

var mapLayers = []mapLayer{
	{"offenses", "offenses that happened", "per cell per year", func(c study.CellRow) float64 { return c.True }},
	{"recorded", "offenses recorded by police", "per cell per year", func(c study.CellRow) float64 { return c.Recorded }},
	{"stops", "proactive stops", "per cell per year", func(c study.CellRow) float64 { return c.Stops }},
}

// Charts are the inputs of every chart of an output directory: the numbers
// each plotter draws.
type Charts struct {
	Distributions []*plots.Distribution `json:"distributions"`
	Histogram     *plots.Histogram      `json:"histogram,omitempty"`
	Series        []*plots.TimeSeries   `json:"series"`
	Response      *plots.ResponseCDF    `json:"response,omitempty"`
	Maps          []*plots.Map          `json:"maps"`
	Forest        *plots.Forest         `json:"forest,omitempty"`
	// Dose holds one dose-response chart per varied key of a sweep or
	// --vary study.
	Dose []*plots.DoseResponse `json:"dose_response,omitempty"`
	// ResponseParts, Activity and Hourly are the workload and response
	// time charts (report/workload.go); nil when runs.csv has no such
	// columns.
	ResponseParts *plots.ResponseParts  `json:"response_parts,omitempty"`
	Activity      *plots.ActivityShares `json:"activity,omitempty"`
	Hourly        *plots.HourlyResponse `json:"hourly,omitempty"`
}

// Results is an output directory read back, with each scenario resolved
// again from its stored TOML (for the grid and the key settings).
type Results struct {
	Dir       string
	Output    *study.Output
	Scenarios []*scenarios.Scenario // in manifest order
}

// NewResults resolves the scenarios of out, read from directory dir,
// from their stored TOML files (manifest scenarios[].file).
func NewResults(dir string, out *study.Output) (*Results, error) {
	if out.Manifest == nil || out.Summary == nil || out.Runs == nil || out.Daily == nil {
		return nil, fmt.Errorf("%s: incomplete output (want %s, %s, %s and %s)", dir, study.ManifestFile, study.SummaryFile, study.RunsFile, study.DailyFile)
	}
	r := &Results{Dir: dir, Output: out}
	for _, ms := range out.Manifest.Scenarios {
		sc, err := scenarios.Load(filepath.Join(dir, filepath.FromSlash(ms.File)), nil)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", ms.Name, err)
		}
		r.Scenarios = append(r.Scenarios, sc)
	}
	return r, nil
}

// names returns the scenario names in manifest order.
func (s *Results) names() []string {
	var out []string
	for _, m := range s.Output.Manifest.Scenarios {
		out = append(out, m.Name)
	}
	return out
}

// metricInfo returns the description of metric key in summary.json.
func (s *Results) metricInfo(key string) (study.MetricInfo, bool) {
	for _, m := range s.Output.Summary.Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return study.MetricInfo{}, false
}

// outcomeKeys returns the key of each outcome present in runs.csv, in
// order.
func (s *Results) outcomeKeys(list []Outcome) []string {
	var keys []string
	for _, o := range list {
		for _, k := range o.Keys {
			if slices.Contains(s.Output.Runs.Metrics, k) && s.defined(k) {
				keys = append(keys, k)
				break
			}
		}
	}
	return keys
}

// defined reports whether some replicate defines metric key (false when
// runs.csv has no such column).
func (s *Results) defined(key string) bool {
	col := slices.Index(s.Output.Runs.Metrics, key)
	if col < 0 {
		return false
	}
	for _, r := range s.Output.Runs.Rows {
		if col < len(r.Values) && !math.IsNaN(r.Values[col]) {
			return true
		}
	}
	return false
}

// values returns metric key per scenario (manifest order) and replicate,
// undefined replicates left out.
func (s *Results) values(key string) [][]float64 {
	names := s.names()
	col := slices.Index(s.Output.Runs.Metrics, key)
	out := make([][]float64, len(names))
	for _, r := range s.Output.Runs.Rows {
		i := slices.Index(names, r.Scenario)
		if i < 0 || col < 0 || col >= len(r.Values) || math.IsNaN(r.Values[col]) {
			continue
		}
		out[i] = append(out[i], r.Values[col])
	}
	for i := range out {
		if out[i] == nil {
			out[i] = []float64{}
		}
	}
	return out
}

// label returns a metric's label and unit from summary.json, or the key.
// Charts show shares as percentages: see chartScale.
func (s *Results) label(key string) (string, string) {
	if m, ok := s.metricInfo(key); ok {
		return m.Label, m.Unit
	}
	return key, ""
}

// chartScale returns the factor and unit with which a chart draws values
// of the given unit: shares (0 to 1) as percentages.
func chartScale(unit string) (float64, string) {
	if unit == "share" {
		return 100, "%"
	}
	return 1, unit
}

// chartLabel returns a metric's label and the unit of its chart, and
// the factor from its values to the chart's.
func (s *Results) chartLabel(key string) (label, unit string, scale float64) {
	label, unit = s.label(key)
	scale, unit = chartScale(unit)
	return label, unit, scale
}

// scaled returns vs times f.
func scaled(vs [][]float64, f float64) [][]float64 {
	if f == 1 {
		return vs
	}
	for _, v := range vs {
		for i := range v {
			v[i] *= f
		}
	}
	return vs
}

// NewCharts builds the chart inputs of a study. hist names the metric of
// the histogram (DefaultHistogram when empty); it must be a runs.csv
// column.
func NewCharts(s *Results, hist string) (*Charts, error) {
	c := &Charts{Distributions: []*plots.Distribution{}, Series: []*plots.TimeSeries{}, Maps: []*plots.Map{}}
	names := s.names()
	if hist == "" {
		hist = DefaultHistogram
	}
	if !slices.Contains(s.Output.Runs.Metrics, hist) {
		return nil, fmt.Errorf("histogram: no metric %q in %s (metrics: %v)", hist, study.RunsFile, s.Output.Runs.Metrics)
	}
	c.Dose = doseResponses(s)
	if len(names) > ManyScenarios {
		// One box, line or panel per scenario would be unreadable: the
		// dose-response charts and the table of points show the study.
		return c, nil
	}
	for _, k := range s.outcomeKeys(KeyOutcomes) {
		label, unit, f := s.chartLabel(k)
		c.Distributions = append(c.Distributions, &plots.Distribution{Metric: k, Label: label, Unit: unit, Scenarios: names, Values: scaled(s.values(k), f)})
	}
	if s.defined(hist) {
		label, unit, f := s.chartLabel(hist)
		c.Histogram = &plots.Histogram{Metric: hist, Label: label, Unit: unit, Scenarios: names, Values: scaled(s.values(hist), f)}
	}
	for _, k := range DailyOutcomes {
		ts, err := dailySeries(s, k)
		if err != nil {
			return nil, err
		}
		if ts != nil {
			c.Series = append(c.Series, ts)
		}
	}
	c.Response = responseCDF(s)
	if len(names) <= MaxMapPanels {
		maps, err := gridMaps(s)
		if err != nil {
			return nil, err
		}
		c.Maps = maps
	}
	c.Forest = forest(s)
	c.ResponseParts, c.Activity, c.Hourly = workloadParts(s), activityShares(s), hourlyResponse(s)
	return c, nil
}

// dailyLabels are the plain names of the daily series.
var dailyLabels = map[string][2]string{
	"mean_trust":        {"mean trust in police", "0 = none, 1 = full"},
	"offenses_recorded": {"offenses recorded by police", "offenses a day"},
	"p1_response_mean":  {"mean P1 (emergency) response time", "minutes"},
	"waited_share":      {"share of calls that waited for a free unit", "%"},
	"queue_delay_mean":  {"mean wait from call to dispatch", "minutes"},
}

// dailySeries returns the daily series of metric key: per scenario and
// day, the mean and the 5th and 95th percentiles over the replicates that
// define it. It returns nil when daily.csv has no such column or no value.
// It streams daily.csv (Daily.Scan) and holds only this metric's values,
// so that a study of many replicates over a year does not hold every
// column of every row.
func dailySeries(s *Results, key string) (*plots.TimeSeries, error) {
	d := s.Output.Daily
	if !slices.Contains(d.Metrics, key) {
		return nil, nil
	}
	names := s.names()
	byDay := make([]map[int][]float64, len(names))
	for i := range byDay {
		byDay[i] = map[int][]float64{}
	}
	found := false
	err := d.Scan([]string{key}, func(scenario string, _, day int, v []float64) {
		i := slices.Index(names, scenario)
		if i < 0 || math.IsNaN(v[0]) {
			return
		}
		byDay[i][day] = append(byDay[i][day], v[0])
		found = true
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, nil
	}
	lab := dailyLabels[key]
	f := 1.0
	if lab[1] == "%" {
		f = 100 // daily.csv holds the share
	}
	ts := &plots.TimeSeries{Metric: key, Label: lab[0], Unit: lab[1], Scenarios: names, Events: eventSpans(s)}
	for i := range names {
		days := make([]int, 0, len(byDay[i]))
		for day := range byDay[i] {
			days = append(days, day)
		}
		sort.Ints(days)
		pts := []plots.DayPoint{}
		for _, day := range days {
			xs := byDay[i][day]
			slices.Sort(xs)
			pts = append(pts, plots.DayPoint{Day: s.Scenarios[i].MeasureFromDay + day, Mean: f * stat.Mean(xs, nil),
				Lo: f * stat.Quantile(0.05, stat.Empirical, xs, nil), Hi: f * stat.Quantile(0.95, stat.Empirical, xs, nil)})
		}
		ts.Series = append(ts.Series, pts)
	}
	return ts, nil
}

// eventSpans returns the scheduled events of the scenarios that fall in
// their measured windows, each once, for the daily charts: days count from
// 0 after the warm-up, as in events[].day.
func eventSpans(s *Results) []plots.EventSpan {
	var out []plots.EventSpan
	for _, sc := range s.Scenarios {
		first, last := float64(sc.MeasureFromDay), float64(sc.MeasureFromDay+sc.MeasuredDays()-1)
		for _, ev := range sc.Events {
			from := float64(ev.Day)
			to := min(last, from+ev.Duration.Minutes()/sim.MinutesPerDay)
			if from < first || from > last {
				continue
			}
			label := ev.Kind
			if ev.Kind == "surge" && ev.Factor > 0 {
				label = fmt.Sprintf("surge x%g", ev.Factor)
			}
			span := plots.EventSpan{From: from, To: max(from, to), Label: label}
			if !slices.Contains(out, span) {
				out = append(out, span)
			}
		}
	}
	return out
}

var priorityLabels = []string{"P1 emergency", "P2 urgent", "P3 routine"}

// responseCDF accumulates response.csv into cumulative shares. The x axis
// of each priority ends where every scenario has reached 99.5 % of its
// answered calls; the overflow bin (+Inf) only adds to the shares.
func responseCDF(s *Results) *plots.ResponseCDF {
	if len(s.Output.Response) == 0 {
		return nil
	}
	names := s.names()
	r := &plots.ResponseCDF{Scenarios: names}
	for p := 1; p <= len(priorityLabels); p++ {
		pc := plots.PriorityCDF{Name: priorityLabels[p-1]}
		end := 0.0
		has := false
		for _, name := range names {
			var rows []study.ResponseRow
			for _, row := range s.Output.Response {
				if row.Scenario == name && row.Priority == p && !math.IsNaN(row.Share) {
					rows = append(rows, row)
				}
			}
			sort.Slice(rows, func(a, b int) bool { return rows[a].UpperMin < rows[b].UpperMin })
			curve := []plots.CDFPoint{}
			cum, reached := 0.0, math.Inf(1)
			for _, row := range rows {
				cum += row.Share
				if math.IsInf(row.UpperMin, 1) {
					break
				}
				curve = append(curve, plots.CDFPoint{Minutes: row.UpperMin, Share: min(cum, 1)})
				if cum >= 0.995 && math.IsInf(reached, 1) {
					reached = row.UpperMin
				}
			}
			// Drop the flat tail after the curve reaches 1.
			for len(curve) > 1 && curve[len(curve)-2].Share >= 1 {
				curve = curve[:len(curve)-1]
			}
			if len(curve) > 0 {
				has = true
				if math.IsInf(reached, 1) {
					reached = curve[len(curve)-1].Minutes
				}
				end = max(end, reached)
			}
			pc.Curves = append(pc.Curves, curve)
		}
		if !has {
			continue
		}
		pc.MaxMin = end
		r.Priorities = append(r.Priorities, pc)
	}
	if len(r.Priorities) == 0 {
		return nil
	}
	return r
}

// gridOf returns the map geometry of a scenario.
func gridOf(sc *scenarios.Scenario) *plots.Grid {
	cfg := sc.Config()
	g := cfg.Grid
	return &plots.Grid{Width: g.Width, Height: g.Height, CellKm: g.CellM / 1000,
		Neighborhoods: g.Neighborhoods, Neighborhood: g.Neighborhood, Beat: g.Beat}
}

func sameGrid(a, b *plots.Grid) bool {
	return a.Width == b.Width && a.Height == b.Height && a.CellKm == b.CellKm &&
		slices.Equal(a.Neighborhoods, b.Neighborhoods) && slices.Equal(a.Neighborhood, b.Neighborhood) && slices.Equal(a.Beat, b.Beat)
}

// gridMaps returns the maps of cells.csv (counts per cell, as yearly
// rates) and of hoods.csv (trust at the end, painted on each
// neighborhood's cells). Scenarios on the same grid share a figure; a
// scenario with a grid of its own gets its own figures.
func gridMaps(s *Results) ([]*plots.Map, error) {
	names := s.names()
	type group struct {
		grid    *plots.Grid
		members []int
	}
	var groups []*group
	for i, sc := range s.Scenarios {
		g := gridOf(sc)
		found := false
		for _, gr := range groups {
			if sameGrid(gr.grid, g) {
				gr.members = append(gr.members, i)
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, &group{grid: g, members: []int{i}})
		}
	}
	var maps []*plots.Map
	for _, gr := range groups {
		n := gr.grid.Width * gr.grid.Height
		for _, layer := range mapLayers {
			m := &plots.Map{Metric: layer.metric, Label: layer.label, Unit: layer.unit, Grid: *gr.grid}
			for _, i := range gr.members {
				vals := make([]float64, n)
				seen := 0
				perYear := 365 / float64(s.Scenarios[i].MeasuredDays())
				for _, c := range s.Output.Cells {
					if c.Scenario != names[i] {
						continue
					}
					if c.Cell < 0 || c.Cell >= n {
						return nil, fmt.Errorf("%s: scenario %s: cell %d outside its %dx%d grid", study.CellsFile, names[i], c.Cell, gr.grid.Width, gr.grid.Height)
					}
					vals[c.Cell] = layer.value(c) * perYear
					seen++
				}
				if seen > 0 {
					m.Panels = append(m.Panels, plots.MapPanel{Scenario: names[i], Values: vals})
				}
			}
			if len(m.Panels) > 0 {
				maps = append(maps, m)
			}
		}
		trust := &plots.Map{Metric: "trust", Label: "trust in police at the end", Unit: "0 = none, 1 = full, per neighborhood", Grid: *gr.grid}
		for _, i := range gr.members {
			byHood := map[string]float64{}
			for _, h := range s.Output.Hoods {
				if h.Scenario == names[i] {
					byHood[h.Neighborhood] = h.TrustEnd
				}
			}
			if len(byHood) == 0 {
				continue
			}
			vals := make([]float64, n)
			for c, h := range gr.grid.Neighborhood {
				v, ok := byHood[gr.grid.Neighborhoods[h]]
				if !ok {
					v = math.NaN()
				}
				vals[c] = v
			}
			trust.Panels = append(trust.Panels, plots.MapPanel{Scenario: names[i], Values: vals})
		}
		if len(trust.Panels) > 0 {
			maps = append(maps, trust)
		}
	}
	return maps, nil
}

// forest returns the paired differences of the key outcomes from
// summary.json, or nil for a single scenario.
func forest(s *Results) *plots.Forest {
	sum := s.Output.Summary
	if len(sum.Comparisons) == 0 {
		return nil
	}
	f := &plots.Forest{Reference: sum.Comparisons[0].Baseline, Level: sum.Confidence, Rows: []plots.ForestRow{}}
	for _, c := range sum.Comparisons {
		f.Scenarios = append(f.Scenarios, c.Scenario)
	}
	for _, k := range s.outcomeKeys(KeyOutcomes) {
		label, unit := s.label(k)
		ref, ok := s.mean(f.Reference, k)
		if !ok {
			continue
		}
		for _, c := range sum.Comparisons {
			for _, p := range c.Metrics {
				if p.Metric != k || p.Diff == nil || p.CI == nil {
					continue
				}
				f.Rows = append(f.Rows, plots.ForestRow{Metric: k, Label: label, Unit: unit, Scenario: c.Scenario,
					Reference: ref, Diff: *p.Diff, Lo: p.CI.Lo, Hi: p.CI.Hi})
			}
		}
	}
	return f
}

// mean returns the mean of metric key in scenario name from summary.json.
func (s *Results) mean(name, key string) (float64, bool) {
	st, ok := s.stats(name, key)
	if !ok || st.Mean == nil {
		return 0, false
	}
	return *st.Mean, true
}
