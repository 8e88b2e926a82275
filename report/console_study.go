package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/precinct-sim/precinct/study"
)

// WriteStudy prints the summary of a study for a person: one scenario as
// a table of metrics (mean, 95 % interval, quantiles); a few scenarios
// side by side with their paired differences to the first; many (a
// sweep) as one row each over the headline metrics.
func WriteStudy(w io.Writer, sum *study.Summary) error {
	ew := &errWriter{w: w}
	total, done := 0, 0
	for _, s := range sum.Scenarios {
		total += sum.Reps
		done += s.Replicates
	}
	seed := uint64(0)
	if len(sum.Scenarios) > 0 {
		seed = sum.Scenarios[0].Seed
	}
	switch len(sum.Scenarios) {
	case 1:
		ew.printf("Scenario %s: %s, seed %d.\n", sum.Scenarios[0].Name, plural(sum.Scenarios[0].Replicates, "replicate"), seed)
	default:
		ew.printf("%d scenarios x %s, seed %d: replicate r of every scenario sees the same random numbers.\n",
			len(sum.Scenarios), plural(sum.Reps, "replicate"), seed)
	}
	if sum.Interrupted {
		ew.printf("Interrupted: %d of %d replicates done; the statistics cover those.\n", done, total)
	}
	ew.printf("\n")
	switch {
	case len(sum.Scenarios) == 1:
		writeOne(ew, sum)
	case len(sum.Scenarios) <= 4 && sum.Command != "sweep":
		writeSideBySide(ew, sum)
	default:
		writeRows(ew, sum)
	}
	return ew.flush()
}

func writeOne(ew *errWriter, sum *study.Summary) {
	t := table{fixed: 3, groups: []int{2, 3}} // too wide, the spread goes in a table of its own
	t.row("Metric", "unit", "n", "mean", "95% CI", "p5", "median", "p95")
	for k, m := range sum.Metrics {
		st := sum.Scenarios[0].Metrics[k]
		if st.N == 0 || study.Detail(m.Key) {
			continue
		}
		f := formatter(m.Unit, *st.Mean)
		ci, q := "-", st.Quantiles
		if st.CI != nil {
			// Every metric counts, times or shares something: none is
			// below 0, and neither is the lower end of its interval.
			ci = "[" + f(max(0, st.CI.Lo)) + ", " + f(st.CI.Hi) + "]"
		}
		t.row(m.Label, unitOf(m.Label, m.Unit), fmt.Sprint(st.N), f(*st.Mean), ci, f(q.P5), f(q.P50), f(q.P95))
	}
	t.write(ew)
	ew.printf("\nCI: 95%% t interval of the mean over replicates; p5, median, p95: spread of the replicates.\nShares are in %%. Metrics a scenario does not define are left out, and so are the medians and\n90th percentiles of the response components and the response by hour (in runs.csv).\n")
}

func writeSideBySide(ew *errWriter, sum *study.Summary) {
	letters := "ABCD"
	for i, s := range sum.Scenarios {
		ew.printf("  %c  %s%s\n", letters[i], s.Name, variantText(s.Variant))
	}
	ew.printf("\n")
	t := table{fixed: 3, group: 2}
	head := []string{"Metric", "unit", "A"}
	for i := 1; i < len(sum.Scenarios); i++ {
		head = append(head, string(letters[i]), string(letters[i])+" - A  ")
	}
	t.row(head...)
	for k, m := range sum.Metrics {
		base := sum.Scenarios[0].Metrics[k]
		if base.N == 0 || study.Detail(m.Key) {
			continue
		}
		f := formatter(m.Unit, *base.Mean)
		row := []string{m.Label, unitOf(m.Label, m.Unit), plusMinus(f, base.Mean, base.CI, false)}
		for i, c := range sum.Comparisons {
			st, p := sum.Scenarios[i+1].Metrics[k], c.Metrics[k]
			mark := "  " // in the difference's cell, so that a two-scenario table fits MaxColumns
			if p.Distinguishable {
				mark = " *"
			}
			df := f
			if p.Diff != nil && *p.Diff != 0 && isZero(f(*p.Diff)) {
				df = fineFormatter(m.Unit, *p.Diff) // digits enough to show the difference * marks
			}
			row = append(row, plusMinus(f, st.Mean, st.CI, false), plusMinus(df, p.Diff, p.CI, true)+mark)
		}
		t.row(row...)
	}
	t.write(ew)
	ew.printf("\nmean ± half-width of its 95%% CI over replicates. Differences are paired by replicate\n(common random numbers); * marks a difference distinguishable from zero (its 95%% CI excludes 0).\nThe medians and 90th percentiles of the response components and the response by hour are in runs.csv.\n")
}

func writeRows(ew *errWriter, sum *study.Summary) {
	var keys []int
	label, unit := []string{"#"}, []string{""}
	var variant []string
	for _, v := range sum.Scenarios[0].Variant {
		variant = append(variant, v.Key)
		label = append(label, v.Key[strings.LastIndex(v.Key, ".")+1:])
		unit = append(unit, "")
	}
	for k, m := range study.Metrics {
		if m.Headline && k < len(sum.Metrics) {
			keys = append(keys, k)
			label = append(label, m.Label)
			unit = append(unit, unitName(sum.Metrics[k].Unit))
		}
	}
	t := table{fixed: len(label) - len(keys)}
	t.row(label...)
	t.row(unit...)
	for i, s := range sum.Scenarios {
		row := []string{fmt.Sprint(i + 1)}
		for _, v := range s.Variant {
			row = append(row, v.Value)
		}
		for _, k := range keys {
			st := s.Metrics[k]
			if st.N == 0 {
				row = append(row, "-")
				continue
			}
			row = append(row, plusMinus(formatter(sum.Metrics[k].Unit, *st.Mean), st.Mean, st.CI, false))
		}
		t.row(row...)
	}
	t.write(ew)
	ew.printf("\nmean ± half-width of its 95%% CI over replicates. Point 1 is %s; summary.json has\nevery metric and the paired differences to point 1.\n", sum.Scenarios[0].Name)
}

// plural returns "1 replicate" or "n replicates".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// isZero reports whether a formatted number reads as zero ("0.00",
// "-0.0", "0").
func isZero(s string) bool {
	return strings.Trim(s, "-+0.,") == ""
}

func variantText(v []study.Setting) string {
	if len(v) == 0 {
		return ""
	}
	parts := make([]string, len(v))
	for i, s := range v {
		parts[i] = s.Key + "=" + s.Value
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// plusMinus formats a mean and its interval as "m ±h", or "-" when there
// is no mean.
func plusMinus(f func(float64) string, m *float64, ci *study.Interval, signed bool) string {
	if m == nil {
		return "-"
	}
	s := f(*m)
	if signed && *m >= 0 {
		s = "+" + s
	}
	if ci != nil {
		s += " ±" + f((ci.Hi-ci.Lo)/2)
	}
	return s
}

// unitOf returns the unit column of a metric: "" when its label already
// says it ("use of force per 1,000 encounters"), which keeps the tables
// narrow.
func unitOf(label, unit string) string {
	if unit != "" && strings.HasSuffix(label, unit) {
		return ""
	}
	return unitName(unit)
}

func unitName(u string) string {
	switch u {
	case "share":
		return "%"
	case "per 1,000 a year":
		return "/1,000/yr" // the widest unit: in full it pushes a two-scenario table past MaxColumns
	}
	return u
}

// fineFormatter returns how to print a value too small for its metric's
// formatter: with one significant digit of like (a share as a
// percentage).
func fineFormatter(unit string, like float64) func(float64) string {
	scale := 1.0
	if unit == "share" {
		scale = 100
	}
	d := 2
	if a := math.Abs(scale * like); a > 0 {
		d = min(12, max(0, -int(math.Floor(math.Log10(a)))))
	}
	return func(v float64) string { return fmt.Sprintf("%.*f", d, scale*v) }
}

// formatter returns how to print values of a metric whose typical size is
// like: shares as percentages with one decimal, other values with three
// significant digits of like (at most three decimals), thousands separated.
func formatter(unit string, like float64) func(float64) string {
	if unit == "share" {
		d := 1 // percentages with one decimal, more for a tiny one
		if a := math.Abs(100 * like); a > 0 && a < 0.1 {
			d = min(4, 1+int(math.Ceil(-math.Log10(a))))
		}
		return func(v float64) string {
			s := fmt.Sprintf("%.*f", d, 100*v)
			if isZero(s) {
				s = strings.TrimPrefix(s, "-")
			}
			return s
		}
	}
	d := 2
	if a := math.Abs(like); a > 0 {
		d = min(3, max(0, 2-int(math.Floor(math.Log10(a)))))
	}
	return func(v float64) string {
		var s string
		if d == 0 {
			s = thousands(int(math.Round(v)))
		} else {
			s = fmt.Sprintf("%.*f", d, v)
		}
		if isZero(s) {
			s = strings.TrimPrefix(s, "-") // no "-0.000"
		}
		return s
	}
}
