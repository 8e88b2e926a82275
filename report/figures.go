package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/study"
)

// PlotsDir is the directory of an output directory that holds the charts.
const PlotsDir = "plots"

// Chart is one drawn chart: where it goes in the report and its SVG.
type Chart struct {
	Name    string // file name without extension, in PlotsDir
	Section string // the report section that shows it
	Title   string // a heading for the chart
	Caption string // what it shows, in plain words
	SVG     []byte
}

// figurer is any chart input.
type figurer interface {
	Figure() (*plots.Figure, error)
}

// DrawCharts draws every chart of c into DIR/plots as NAME.png and
// NAME.svg and returns them in report order.
func DrawCharts(c *Charts, dir string) ([]Chart, error) {
	pdir := filepath.Join(dir, PlotsDir)
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	var charts []Chart
	add := func(f figurer, ch Chart) error {
		fig, err := f.Figure()
		if err != nil {
			return fmt.Errorf("chart %s: %w", ch.Name, err)
		}
		var png, svg bytes.Buffer
		if err := fig.WritePNG(&png); err != nil {
			return fmt.Errorf("chart %s: %w", ch.Name, err)
		}
		if err := fig.WriteSVG(&svg); err != nil {
			return fmt.Errorf("chart %s: %w", ch.Name, err)
		}
		for _, out := range []struct {
			ext  string
			data []byte
		}{{".png", png.Bytes()}, {".svg", svg.Bytes()}} {
			if err := study.WriteFileAtomic(filepath.Join(pdir, ch.Name+out.ext), out.data); err != nil {
				return err
			}
		}
		ch.SVG = svg.Bytes()
		charts = append(charts, ch)
		return nil
	}
	for _, d := range c.Dose {
		if err := add(d, Chart{Name: "dose_" + d.Key, Section: "dose", Title: "Each outcome against " + d.Key,
			Caption: doseCaption(d)}); err != nil {
			return nil, err
		}
	}
	if f := c.Forest; f != nil && len(f.Rows) > 0 {
		if err := add(f, Chart{Name: "forest", Section: "compare", Title: "How each scenario differs from " + f.Reference,
			Caption: fmt.Sprintf("Each marker is the average difference from %s over paired runs (the same simulated days and the same would-be offenses in both), as a percentage of %s's average; the bar is the %.0f %% confidence interval. A bar that crosses the dashed line at 0 means the runs cannot tell the two apart.", f.Reference, f.Reference, 100*f.Level)}); err != nil {
			return nil, err
		}
	}
	for _, d := range c.Distributions {
		if err := add(d, Chart{Name: "spread_" + d.Metric, Section: "spread", Title: plots.WithUnit(d.Label, d.Unit),
			Caption: "Each point is one run. The box holds the middle half of the runs, the thick line is the median, the whiskers reach the furthest run within one and a half box lengths."}); err != nil {
			return nil, err
		}
	}
	if h := c.Histogram; h != nil {
		if err := add(h, Chart{Name: "histogram_" + h.Metric, Section: "spread", Title: "How often each value came up: " + plots.WithUnit(h.Label, h.Unit),
			Caption: "The height of each step is the number of runs whose value fell in that range; scenarios are drawn over each other."}); err != nil {
			return nil, err
		}
	}
	for _, ts := range c.Series {
		if err := add(ts, Chart{Name: "daily_" + ts.Metric, Section: "daily", Title: plots.WithUnit(ts.Label, ts.Unit) + " day by day",
			Caption: "The line is the average over all runs of each day; the shaded band is where 90 % of the runs fell that day."}); err != nil {
			return nil, err
		}
	}
	if r := c.Response; r != nil {
		if err := add(r, Chart{Name: "response_cdf", Section: "response", Title: "How fast help arrives, by priority",
			Caption: "For each time on the horizontal axis, the share of answered calls where the first officer arrived within that time, over all runs. A curve further left and higher is faster."}); err != nil {
			return nil, err
		}
	}
	if r := c.ResponseParts; r != nil {
		if err := add(r, Chart{Name: "response_parts", Section: "workload", Title: "Where the response time goes, by priority",
			Caption: fmt.Sprintf("Each bar is a scenario's mean response time, from the call to the first unit on scene, split into call processing (answering and classifying the call), waiting in the dispatch queue for a free unit (holding included) and travel (turnout and driving); the number is the total in minutes and the whisker its %.0f %% confidence interval over the runs. Priorities share one scale.", 100*r.Level)}); err != nil {
			return nil, err
		}
	}
	if a := c.Activity; a != nil {
		if err := add(a, Chart{Name: "activity", Section: "workload", Title: "What officers' on-duty time goes to",
			Caption: fmt.Sprintf("Each bar is a scenario's on-duty officer time, averaged over the runs: time at calls (primary units, and secondary units and backups), officer-initiated work (stops, directed patrol, follow-ups), out of service and arrests, and what is left free for calls (grey). The number is the committed share, everything but the free time, and the whisker its %.0f %% confidence interval.", 100*a.Level)}); err != nil {
			return nil, err
		}
	}
	if h := c.Hourly; h != nil {
		if err := add(h, Chart{Name: "response_by_hour", Section: "workload", Title: "Response time by the hour of the call",
			Caption: "The mean response time of the calls received in each hour of the day, averaged over the runs. Response is longest in the hours when the most calls come in for the officers free to take them (demand peaks, meal breaks, shift changes); an hour with few P1 calls gives a noisy point."}); err != nil {
			return nil, err
		}
	}
	seen := map[string]int{}
	for _, m := range c.Maps {
		name := "map_" + m.Metric
		if seen[m.Metric]++; seen[m.Metric] > 1 {
			name = fmt.Sprintf("%s_%d", name, seen[m.Metric])
		}
		if err := add(m, Chart{Name: name, Section: "maps", Title: "Map: " + m.Label,
			Caption: "Average over the runs. Thick lines are neighborhood boundaries, dashed lines patrol beats. Darker means more. North is up."}); err != nil {
			return nil, err
		}
	}
	return charts, nil
}
