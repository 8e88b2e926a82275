package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// HTMLFile is the name of the report in an output directory.
const HTMLFile = "report.html"

//go:embed templates/report.html
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"mul100": func(v float64) float64 { return 100 * v },
}).Parse(reportTemplate))

// page is what the report template shows.
type page struct {
	Title       string
	Subtitle    string   // what the title leaves out: the scenarios of a long list
	Many        bool     // more than ManyScenarios: shown by points
	Keys        []string // the varied keys, for the table of points
	Points      []pagePoint
	PointCols   []pageMetric // the outcomes of the table of points
	NScenarios  int
	Queueing    []string // per scenario: Erlang C at the measured utilization against the measured waiting
	Command     string
	Reps        int
	Confidence  float64
	Interrupted bool
	Scenarios   []pageScenario
	Metrics     []pageMetric
	Reference   string
	Compared    []pageComparison
	Sections    []pageSection
	Workload    *pageWorkload    // the table of the workload section
	Provenance  study.Provenance // no times: the same study gives the same page
	Files       []string
}

type pageScenario struct {
	Name, Summary, Color string
	Dash                 string          // SVG dash pattern of the scenario's lines, "" for solid
	Settings             []study.Setting // key settings, in plain words
	Changes              []string        // --set overrides and variant values
	File, SHA256         string
	Seed                 uint64
	Replicates           int
}

// pagePoint is one row of the table of points: a scenario's values of
// the varied keys and its key outcomes.
type pagePoint struct {
	N      int
	Name   string
	Dash   string
	Color  string
	Values []string
	Cells  []pageStat
}

type pageMetric struct {
	Label, Unit, Description string
	Cells                    []pageStat // per scenario
}

type pageStat struct{ Mean, CI string }

type pageComparison struct {
	Scenario string
	Color    string
	Dash     string
	Rows     []pageDiff
}

type pageDiff struct {
	Label, Unit, Diff, CI, Verdict string
}

type pageSection struct {
	ID, Heading, Intro string
	Charts             []pageChart
}

type pageChart struct {
	Title, Caption, Alt string
	Src                 template.URL // data: URL of the SVG
}

// sections are the chart sections of the report, in order, with their
// plain-language headings.
var sections = []struct{ id, heading, intro string }{
	{"staffing", "Officers per shift and the targets",
		"The staffing search (precinct staff; staffing.json holds every roster it tried): each chart shows a target's metric as the officers on duty in one shift change, the other shifts at the answer."},
	{"observed", "The simulation beside the agency's own data",
		"The scenario was imported from a calls-for-service extract (precinct import); precinct compare-observed put the runs beside what the extract observed (observed_vs_simulated.csv holds the numbers)."},
	{"dose", "How the outcomes change with the varied settings",
		"Each chart takes one of the settings the study varied and shows every key outcome against it."},
	{"compare", "How each scenario differs from the first",
		"Every scenario was run on the same simulated days: run 1 of each scenario saw the same calls and the same would-be offenses, and so on. Comparing run by run removes most of the luck of the draw, so smaller differences become visible."},
	{"spread", "How much the results vary from run to run",
		"A simulation involves chance, as real life does. Each run is one possible course of %s; many runs show the range of what the same policy can produce."},
	{"daily", "Day by day", "How the outcomes move over the measured period."},
	{"response", "How fast help arrives", "Response time is the time from a call to the first officer on scene: waiting for a free officer plus driving."},
	{"workload", "Workload and response time",
		"A response is call processing (answering and classifying the call), then waiting in the dispatch queue for a free unit, then travel. How long calls wait depends on how much of officers' time is already committed: to calls (often with more than one unit each), to work they start themselves, to meals, administration and court, and to arrests. The table gives the averages over the runs with their confidence intervals."},
	{"maps", "Where things happen",
		"The precinct is a grid of square cells. Counts are per cell, averaged over the runs and scaled from %s to a year (x 365 / days); trust is the average of the residents of each neighborhood at the end of the period."},
}

// WriteHTML writes DIR/report.html: a self-contained page (charts
// embedded as SVG data URLs, no scripts or styles fetched from anywhere)
// with the scenarios and their key settings, a summary table with
// confidence intervals, the charts, the paired comparison and the
// provenance of the numbers.
func WriteHTML(s *Results, charts []Chart) (string, error) {
	data, err := buildPage(s, charts)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := reportTmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	path := filepath.Join(s.Dir, HTMLFile)
	return path, study.WriteFileAtomic(path, b.Bytes())
}

func buildPage(s *Results, charts []Chart) (*page, error) {
	sum, man := s.Output.Summary, s.Output.Manifest
	p := &page{Command: sum.Command, Reps: sum.Reps, Confidence: sum.Confidence, Interrupted: sum.Interrupted,
		Provenance: sum.Provenance}
	names := s.names()
	p.Title, p.Subtitle = pageTitle(s)
	p.Many = len(names) > ManyScenarios
	p.NScenarios = len(names)
	for i, ms := range man.Scenarios {
		sc := s.Scenarios[i]
		if p.Many && i > 0 {
			continue // the table of points lists what the others change
		}
		ps := pageScenario{Name: ms.Name, Summary: sc.Summary, Color: plots.Styles(i).Hex(), Dash: plots.Styles(i).SVGDash(), Settings: keySettings(s, i),
			File: ms.File, SHA256: ms.SHA256, Seed: ms.Seed}
		for _, v := range ms.Variant {
			ps.Changes = append(ps.Changes, v.Key+" = "+v.Value)
		}
		for _, o := range ms.Overrides {
			if !slices.Contains(ps.Changes, strings.Replace(o, "=", " = ", 1)) {
				ps.Changes = append(ps.Changes, strings.Replace(o, "=", " = ", 1))
			}
		}
		for _, ss := range sum.Scenarios {
			if ss.Name == ms.Name {
				ps.Replicates = ss.Replicates
			}
		}
		p.Scenarios = append(p.Scenarios, ps)
	}
	for _, k := range tableMetrics(s) {
		info, _ := s.metricInfo(k)
		pm := pageMetric{Label: info.Label, Unit: info.Unit, Description: info.Description}
		for _, name := range names {
			pm.Cells = append(pm.Cells, statCell(s, name, k))
		}
		p.Metrics = append(p.Metrics, pm)
	}
	if len(sum.Comparisons) > 0 {
		p.Reference = sum.Comparisons[0].Baseline
	}
	if len(names) > MaxMapPanels {
		p.Keys = man.VariantKeys
		for _, k := range s.outcomeKeys(KeyOutcomes) {
			info, _ := s.metricInfo(k)
			p.PointCols = append(p.PointCols, pageMetric{Label: info.Label, Unit: info.Unit, Description: info.Description})
		}
		vals := s.variantValues()
		for i, name := range names {
			pt := pagePoint{N: i + 1, Name: name, Color: plots.Styles(i).Hex(), Dash: plots.Styles(i).SVGDash(), Values: vals[i]}
			for _, k := range s.outcomeKeys(KeyOutcomes) {
				pt.Cells = append(pt.Cells, statCell(s, name, k))
			}
			p.Points = append(p.Points, pt)
		}
	}
	for _, c := range sum.Comparisons {
		if p.Many {
			break // 47 tables would bury the report: summary.json has them
		}
		st := plots.Styles(slices.Index(names, c.Scenario))
		pc := pageComparison{Scenario: c.Scenario, Color: st.Hex(), Dash: st.SVGDash()}
		for _, k := range tableMetrics(s) {
			info, _ := s.metricInfo(k)
			for _, d := range c.Metrics {
				if d.Metric != k {
					continue
				}
				row := pageDiff{Label: info.Label, Unit: info.Unit, Diff: "-", Verdict: "not enough runs to tell"}
				if d.Diff != nil {
					row.Diff = signed(*d.Diff, info.Unit)
				}
				if d.CI != nil {
					row.CI = signed(d.CI.Lo, info.Unit) + " to " + signed(d.CI.Hi, info.Unit)
					switch {
					case d.Distinguishable && *d.Diff > 0:
						row.Verdict = "higher than " + c.Baseline
					case d.Distinguishable:
						row.Verdict = "lower than " + c.Baseline
					default:
						row.Verdict = "no clear difference"
					}
				}
				pc.Rows = append(pc.Rows, row)
			}
		}
		p.Compared = append(p.Compared, pc)
	}
	period := measuredPeriod(s)
	for i := range names {
		if p.Many && i > 0 {
			break
		}
		if q := queueingNote(s, i); q != "" {
			p.Queueing = append(p.Queueing, q)
		}
	}
	for _, sec := range sections {
		intro := sec.intro
		if strings.Contains(intro, "%s") {
			intro = fmt.Sprintf(intro, period)
		}
		ps := pageSection{ID: sec.id, Heading: sec.heading, Intro: intro}
		for _, ch := range charts {
			if ch.Section != sec.id {
				continue
			}
			ps.Charts = append(ps.Charts, pageChart{Title: ch.Title, Caption: ch.Caption, Alt: "Chart: " + ch.Title,
				Src: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(ch.SVG))})
		}
		if sec.id == "workload" {
			p.Workload = workloadTable(s)
		}
		if len(ps.Charts) > 0 || (sec.id == "workload" && p.Workload != nil) {
			p.Sections = append(p.Sections, ps)
		}
	}
	p.Files = []string{study.ManifestFile, study.SummaryFile, study.RunsFile, study.DailyFile, study.CellsFile, study.HoodsFile, study.ResponseFile, study.ScenarioDir + "/", PlotsDir + "/"}
	return p, nil
}

// measuredPeriod says how long the scenarios' measured periods are: "the
// 30 measured days", or "the measured days (30 to 365, by scenario)".
func measuredPeriod(s *Results) string {
	lo, hi := math.MaxInt, 0
	for _, sc := range s.Scenarios {
		lo, hi = min(lo, sc.MeasuredDays()), max(hi, sc.MeasuredDays())
	}
	if lo == hi {
		return fmt.Sprintf("the %d measured days", lo)
	}
	return fmt.Sprintf("the measured days (%d to %d, by scenario)", lo, hi)
}

// statCell formats the mean of metric key in scenario name and its
// interval.
func statCell(s *Results, name, key string) pageStat {
	info, _ := s.metricInfo(key)
	st, ok := s.stats(name, key)
	cell := pageStat{Mean: "-", CI: ""}
	if ok && st.Mean != nil {
		cell.Mean = formatValue(*st.Mean, info.Unit)
		if st.CI != nil {
			// No metric is below zero, nor the low end of its interval.
			cell.CI = formatValue(max(0, st.CI.Lo), info.Unit) + " to " + formatValue(st.CI.Hi, info.Unit)
		}
	}
	return cell
}

// maxTitle is the longest title, in characters, that lists every
// scenario; a longer list is summed up and given in the subtitle.
const maxTitle = 80

// pageTitle returns the report's title, at most about maxTitle
// characters, and a subtitle with what it leaves out.
func pageTitle(s *Results) (title, subtitle string) {
	names := s.names()
	man := s.Output.Manifest
	if len(names) == 1 {
		return "Simulation results: " + names[0], ""
	}
	full := "Simulation results: " + strings.Join(names, " compared with ")
	if len(full) <= maxTitle {
		return full, ""
	}
	if len(man.VariantKeys) > 0 {
		what := "Sweep"
		if man.Command == "compare" {
			what = "Comparison"
		}
		var short []string
		for _, k := range man.VariantKeys {
			short = append(short, shortKey(k))
		}
		base := man.Scenarios[0].Ref
		if base == "" {
			base = names[0]
		}
		return fmt.Sprintf("%s of %s: %d points over %s", what, strings.TrimSuffix(filepath.Base(base), ".toml"), len(names), strings.Join(short, ", ")),
			"Varied: " + strings.Join(man.VariantKeys, ", ") + "; the first point, " + names[0] + ", is the reference."
	}
	return fmt.Sprintf("Simulation results: %s and %d other scenarios", names[0], len(names)-1), "Compared with " + names[0] + ": " + strings.Join(names[1:], ", ") + "."
}

// tableMetrics are the metrics of the summary and comparison tables: the
// key outcomes, then the other headline metrics, as present.
func tableMetrics(s *Results) []string {
	keys := s.outcomeKeys(KeyOutcomes)
	for _, m := range study.Metrics {
		if m.Headline && !slices.Contains(keys, m.Key) && slices.Contains(s.Output.Runs.Metrics, m.Key) && s.defined(m.Key) {
			keys = append(keys, m.Key)
		}
	}
	return keys
}

// stats returns the statistics of metric key in scenario name.
func (s *Results) stats(name, key string) (study.Stats, bool) {
	for _, sc := range s.Output.Summary.Scenarios {
		if sc.Name != name {
			continue
		}
		for _, st := range sc.Metrics {
			if st.Metric == key {
				return st, true
			}
		}
	}
	return study.Stats{}, false
}

// keySettings lists the settings a reader needs to tell scenarios apart.
func keySettings(s *Results, i int) []study.Setting {
	sc := s.Scenarios[i]
	cfg := sc.Config()
	posts := 0
	for _, sh := range cfg.Shifts {
		posts += sh.Officers
	}
	residents := 0
	for _, h := range sc.World.Neighborhoods {
		residents += h.Population
	}
	calls := 0.0
	for _, t := range sc.Calls.Types {
		calls += t.PerDay
	}
	preempt := "no"
	if sc.Dispatch.Preempt {
		preempt = "yes"
	}
	head := fmt.Sprintf("%d", sc.Staffing.Headcount)
	if sc.Staffing.Headcount == 0 {
		head = "set per shift"
	}
	return []study.Setting{
		{Key: "Officers (sworn, patrol)", Value: head},
		{Key: "Officers on duty per day, all shifts", Value: fmt.Sprintf("%d in %d shifts (%s pattern)", posts, len(cfg.Shifts), sc.Staffing.Pattern)},
		{Key: "Patrol strategy", Value: sc.Patrol.Strategy},
		{Key: "Community engagement", Value: fmt.Sprintf("%.0f %% of free officer time", 100*sc.Engagement.Intensity)},
		{Key: "Emergency calls may take an officer from a routine call", Value: preempt},
		{Key: "Area", Value: fmt.Sprintf("%.1f km x %.1f km, %d neighborhoods, %d beats", float64(sc.World.Width)*sc.World.CellM/1000, float64(sc.World.Height)*sc.World.CellM/1000, len(sc.World.Neighborhoods), cfg.Grid.Beats)},
		{Key: "Residents", Value: thousands(residents)},
		{Key: "Non-crime calls a day (average)", Value: fmt.Sprintf("%.0f", calls)},
		{Key: "Offenses a day (average, before policing)", Value: fmt.Sprintf("%.0f", sc.Crime.PerDay)},
		{Key: "Measured period", Value: scenarioWindow(sc)},
	}
}

// formatValue formats a metric value for people, by its unit; a value
// that rounds to zero is written without a minus sign.
func formatValue(v float64, unit string) string {
	s := formatUnsigned(v, unit)
	if t := strings.TrimPrefix(s, "-"); t != s && strings.Trim(t, "0.,% ") == "" {
		return t
	}
	return s
}

// formatUnsigned formats v by its unit.
func formatUnsigned(v float64, unit string) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case unit == "share":
		return fmt.Sprintf("%.1f %%", 100*v)
	case strings.HasPrefix(unit, "trust"):
		return fmt.Sprintf("%.3f", v)
	case math.Abs(v) >= 1000:
		return thousands(int(math.Round(v)))
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

// signed formats a difference with its sign.
func signed(v float64, unit string) string {
	s := formatValue(v, unit)
	if v != 0 && strings.Trim(s, "-0.,% ") == "" {
		// Too small for the usual digits: enough to show it is not zero.
		s = fineFormatter(unit, v)(v)
		if unit == "share" {
			s += " %"
		}
	}
	if unit == "share" {
		s = strings.Replace(s, " %", " points", 1)
	}
	if v > 0 {
		return "+" + s
	}
	return s
}
