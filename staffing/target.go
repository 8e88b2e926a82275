package staffing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/study"
)

// Target is one requirement on a per-replicate metric of the metric table
// (study.Metrics): its mean over the replicates must be at most (AtMost)
// or at least Bound, with the confidence the search is given.
type Target struct {
	Text   string       // as given, e.g. "p1_response_p90<=8m"
	Metric study.Metric // the metric
	AtMost bool         // true for <=, false for >=
	Bound  float64      // in the metric's unit: minutes, a share 0-1, a count, ...
}

// String returns the target as given.
func (t Target) String() string { return t.Text }

// Met reports whether the value v (a confidence bound of the mean) meets t.
func (t Target) Met(v float64) bool {
	if t.AtMost {
		return v <= t.Bound
	}
	return v >= t.Bound
}

// FormatValue writes v in the metric's unit as a target would give it:
// minutes as "7.4 min", shares as "4.1%", the rest as a number.
func (t Target) FormatValue(v float64) string { return formatValue(t.Metric.Unit, v) }

func formatValue(unit string, v float64) string {
	switch unit {
	case "minutes":
		return strconv.FormatFloat(v, 'f', 2, 64) + " min"
	case "share":
		return strconv.FormatFloat(100*v, 'f', 2, 64) + "%"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// ParseTarget reads a target "METRIC<=VALUE" or "METRIC>=VALUE". METRIC is
// a key of study.Metrics; VALUE carries the metric's unit: a duration
// ("8m", "90s", "1h") for a metric in minutes, a share as "0.05" or "5%"
// for a metric in shares, a plain number for the others. A bound that no
// value of the metric can meet, or that every value meets, is refused.
func ParseTarget(s string) (Target, error) {
	t := Target{Text: strings.TrimSpace(s)}
	op := "<="
	key, val, found := strings.Cut(t.Text, op)
	if !found {
		op = ">="
		key, val, found = strings.Cut(t.Text, op)
	}
	if !found {
		return t, fmt.Errorf("target %q: want METRIC<=VALUE or METRIC>=VALUE, e.g. 'p1_response_p90<=8m' or 'waited_share<=5%%'", s)
	}
	t.AtMost = op == "<="
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	if strings.ContainsAny(key, "<>=") || strings.ContainsAny(val, "<>=") {
		return t, fmt.Errorf("target %q: one comparison, <= or >=, between the metric and its value", s)
	}
	found = false
	for _, m := range study.Metrics {
		if m.Key == key {
			t.Metric, found = m, true
		}
	}
	if !found {
		keys := make([]string, len(study.Metrics))
		for i, m := range study.Metrics {
			keys[i] = m.Key
		}
		return t, fmt.Errorf("target %q: unknown metric %q; a target takes a per-replicate metric of runs.csv (docs/OUTPUTS.md): %s", s, key, strings.Join(keys, ", "))
	}
	b, err := parseBound(t.Metric.Unit, val)
	if err != nil {
		return t, fmt.Errorf("target %q: %s is in %s: %w", s, key, t.Metric.Unit, err)
	}
	t.Bound = b
	hi := math.Inf(1)
	if t.Metric.Unit == "share" || t.Metric.Unit == "trust (0-1)" {
		hi = 1
	}
	switch {
	case b < 0 || b > hi:
		return t, fmt.Errorf("target %q: impossible bound: %s is never below 0%s", s, key, map[bool]string{true: " nor above 1", false: ""}[hi == 1])
	case !t.AtMost && b == 0, t.AtMost && b == hi:
		return t, fmt.Errorf("target %q: every roster meets it (%s is always %s %s): give a bound that asks for something", s, key, op, val)
	}
	return t, nil
}

// parseBound reads val in unit.
func parseBound(unit, val string) (float64, error) {
	switch unit {
	case "minutes":
		d, err := time.ParseDuration(val)
		if err != nil {
			return 0, fmt.Errorf("want a duration with its unit, e.g. 8m, 90s or 1h30m, got %q", val)
		}
		return d.Minutes(), nil
	case "share", "trust (0-1)":
		if p, ok := strings.CutSuffix(val, "%"); ok {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return 0, fmt.Errorf("want a share like 0.05 or 5%%, got %q", val)
			}
			return x / 100, nil
		}
	}
	x, err := strconv.ParseFloat(val, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		if unit == "share" || unit == "trust (0-1)" {
			return 0, fmt.Errorf("want a share like 0.05 or 5%%, got %q", val)
		}
		return 0, fmt.Errorf("want a plain number, got %q", val)
	}
	return x, nil
}
