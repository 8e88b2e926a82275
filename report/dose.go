package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/precinct-sim/precinct/report/plots"
)

// ManyScenarios is the number of scenarios above which a study is shown
// by its points rather than scenario by scenario: no chart draws one box,
// line or panel per scenario, the summary lists one row per scenario, and
// the dose-response charts carry the comparison.
const ManyScenarios = 12

// MaxMapPanels is the number of scenarios up to which the maps are drawn,
// one panel each.
const MaxMapPanels = 6

// maxGroups is the number of groups a dose-response chart draws in styles
// of their own; with more, every point is drawn alike.
const maxGroups = 12

// variantValues returns, per scenario in manifest order, the value of
// each variant key ("" where a scenario has none).
func (s *Results) variantValues() [][]string {
	keys := s.Output.Manifest.VariantKeys
	out := make([][]string, len(s.Output.Manifest.Scenarios))
	for i, ms := range s.Output.Manifest.Scenarios {
		out[i] = make([]string, len(keys))
		for _, v := range ms.Variant {
			if k := slices.Index(keys, v.Key); k >= 0 {
				out[i][k] = v.Value
			}
		}
	}
	return out
}

// distinctValues returns the values of column k in vals, each once: in
// increasing order when all are numbers (numeric), else in order of
// first appearance.
func distinctValues(vals [][]string, k int) (values []string, numeric bool) {
	numeric = true
	for _, row := range vals {
		if !slices.Contains(values, row[k]) {
			values = append(values, row[k])
			if _, err := strconv.ParseFloat(row[k], 64); err != nil {
				numeric = false
			}
		}
	}
	if numeric {
		slices.SortFunc(values, func(a, b string) int {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			return cmp.Compare(x, y)
		})
	}
	return values, numeric
}

// shortKey returns the last part of a dotted key (staffing.headcount:
// headcount).
func shortKey(k string) string { return k[strings.LastIndex(k, ".")+1:] }

// doseResponses returns one dose-response chart per variant key that
// takes at least two values: each key outcome's mean and interval at
// every scenario against that key's value. Scenarios that share the
// values of the other keys of few values (at most MaxMapPanels each) form
// a group; keys of more values (a Latin hypercube's ranges) vary within a
// group.
func doseResponses(s *Results) []*plots.DoseResponse {
	keys := s.Output.Manifest.VariantKeys
	if len(keys) == 0 {
		return nil
	}
	vals := s.variantValues()
	names := s.names()
	outcomes := s.outcomeKeys(KeyOutcomes)
	var out []*plots.DoseResponse
	for k, key := range keys {
		values, numeric := distinctValues(vals, k)
		if len(values) < 2 {
			continue
		}
		var by, within []int // other keys that group, other keys that vary within a group
		for j := range keys {
			if j == k {
				continue
			}
			if v, _ := distinctValues(vals, j); len(v) <= MaxMapPanels {
				by = append(by, j)
			} else {
				within = append(within, j)
			}
		}
		group := make([]int, len(names))
		var groups []string
		for i, row := range vals {
			var parts []string
			for _, j := range by {
				parts = append(parts, shortKey(keys[j])+" "+row[j])
			}
			g := strings.Join(parts, ", ")
			if len(by) > 0 && !slices.Contains(groups, g) {
				groups = append(groups, g)
			}
			group[i] = max(0, slices.Index(groups, g))
		}
		groupBy := ""
		if len(groups) > maxGroups {
			groups, group = nil, make([]int, len(names))
		}
		if len(groups) > 0 {
			var ks []string
			for _, j := range by {
				ks = append(ks, keys[j])
			}
			groupBy = strings.Join(ks, ", ")
		}
		d := &plots.DoseResponse{Key: key, Values: values, Numeric: numeric, GroupBy: groupBy, Groups: groups, Level: s.Output.Summary.Confidence}
		for _, m := range outcomes {
			label, unit, f := s.chartLabel(m)
			o := plots.DoseOutcome{Metric: m, Label: label, Unit: unit}
			for i, name := range names {
				st, ok := s.stats(name, m)
				if !ok || st.Mean == nil {
					continue
				}
				x := float64(slices.Index(values, vals[i][k]))
				if numeric {
					x, _ = strconv.ParseFloat(vals[i][k], 64)
				}
				pt := plots.DosePoint{X: x, Group: group[i], Mean: f * *st.Mean, Lo: f * *st.Mean, Hi: f * *st.Mean}
				if st.CI != nil && !math.IsNaN(st.CI.Lo) {
					pt.Lo, pt.Hi = f*st.CI.Lo, f*st.CI.Hi
				}
				o.Points = append(o.Points, pt)
			}
			if len(o.Points) > 0 {
				d.Outcomes = append(d.Outcomes, o)
			}
		}
		if len(d.Outcomes) == 0 {
			continue
		}
		for _, j := range within {
			d.Within = append(d.Within, keys[j])
		}
		out = append(out, d)
	}
	return out
}

// doseCaption says how to read a dose-response chart.
func doseCaption(d *plots.DoseResponse) string {
	b := fmt.Sprintf("Each panel is one outcome against %s. ", d.Key)
	if len(d.Groups) > 0 {
		b += fmt.Sprintf("Each style is one combination of %s (legend at the right). ", d.GroupBy)
	}
	if len(d.Within) > 0 {
		b += fmt.Sprintf("Within a style %s varies too: each marker is one point of the study with its %.0f %% confidence interval, and the line joins the averages of the points at each value. ", strings.Join(d.Within, ", "), 100*d.Level)
	} else {
		b += fmt.Sprintf("The line joins the means over the runs at each value; the shaded band is their %.0f %% confidence interval. ", 100*d.Level)
	}
	return b + "The table of points gives every number."
}
