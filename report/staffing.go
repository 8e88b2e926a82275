package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/precinct-sim/precinct/report/plots"
	"github.com/precinct-sim/precinct/staffing"
	"github.com/precinct-sim/precinct/study"
)

// WriteStaffing prints the staffing search's answer: the roster, the
// headcount and its cost, every target at the answer and with one officer
// fewer in each group, the search's cost and monotonicity check, and the
// COPS Office workload method beside it with the reason they differ.
func WriteStaffing(w io.Writer, sol *staffing.Solution) error {
	b := &strings.Builder{}
	conf := 100 * sol.Confidence
	fmt.Fprintf(b, "Staffing search: %s, by %s; targets %s.\n", sol.Scenario, sol.By, strings.Join(sol.Targets, ", "))
	fmt.Fprintf(b, "Every roster ran replicates %d-%d (the same calls for every roster); a target is met when the\none-sided %.0f%% confidence bound of its mean over the replicates is within it.\n\n",
		sol.FirstRep, sol.FirstRep+sol.Reps-1, conf)
	word := "shift"
	if sol.By == "block" {
		word = "block"
	}
	if sol.Feasible {
		fmt.Fprintf(b, "Fewest officers on duty that meet every target:\n")
	} else {
		fmt.Fprintf(b, "No roster of up to %d officers per %s meets every target. Best achievable, %d in every %s:\n", sol.Max, word, sol.Max, word)
	}
	fmt.Fprintf(b, "  %-16s %5s %5s %8s\n", word, "start", "hours", "officers")
	for i, g := range sol.Groups {
		fmt.Fprintf(b, "  %-16s %5s %5s %8d\n", g.Name, g.Start, trimFloat(g.Hours), sol.Answer.Posts[i])
	}
	h := sol.Headcount
	fmt.Fprintf(b, "Headcount: %d posts, %s post-hours a day x 365 / %s available hours per officer = %.1f officers\n(relief factor 8,760 / %s = %.2f officers per post around the clock): hire %d, at %s %s a year each,\n%s %s a year.\n\n",
		h.Posts, formatCount(h.PostHoursPerDay), formatCount(h.AnnualHours), h.Officers, formatCount(h.AnnualHours), h.Relief, h.Hire,
		h.Currency, formatCount(h.OfficerCost), h.Currency, formatCount(h.CostPerYear))

	targets := sol.TargetList()
	fmt.Fprintf(b, "%-34s %12s %24s %12s  %s\n", "Targets", "mean", fmt.Sprintf("%.0f%% interval", conf), "bound", "met")
	row := func(title string, e *staffing.Eval) {
		fmt.Fprintf(b, "  %s\n", title)
		for j, t := range targets {
			m := e.Measures[j]
			met := "yes"
			if !m.Met {
				met = "NO"
			}
			fmt.Fprintf(b, "    %-30s %12s %24s %12s  %s\n", t.Text, t.FormatValue(m.Mean),
				t.FormatValue(m.Lo)+" to "+t.FormatValue(m.Hi), t.FormatValue(m.Bound), met)
		}
	}
	row("at "+staffing.FormatPosts(sol.Answer.Posts), sol.Answer)
	for i, f := range sol.Fewer {
		if f == nil {
			fmt.Fprintf(b, "  one fewer on %s: no roster (the day would have an hour with no officer)\n", sol.Groups[i].Name)
			continue
		}
		row(fmt.Sprintf("one fewer on %s (%s)", sol.Groups[i].Name, staffing.FormatPosts(f.Posts)), f)
	}
	if sol.Binding >= 0 {
		fmt.Fprintf(b, "Binding %s: %s (one officer fewer there misses by the most).\n", word, sol.Groups[sol.Binding].Name)
	}
	fmt.Fprintf(b, "\nSearch: %d rosters, %d runs (replicates). Monotonicity: %d pairs of rosters, one with at least\nthe other's officers in every %s, checked: ", len(sol.Evaluated), sol.Runs, sol.Pairs, word)
	if len(sol.NonMonotone) == 0 {
		fmt.Fprintf(b, "more officers never did worse.\n")
	} else {
		fmt.Fprintf(b, "%d non-monotone steps:\n", len(sol.NonMonotone))
		for k, s := range sol.NonMonotone {
			if k == 5 {
				fmt.Fprintf(b, "  ... and %d more (staffing.json)\n", len(sol.NonMonotone)-5)
				break
			}
			fmt.Fprintf(b, "  %s: %s against %s: %s\n", s.Target, staffing.FormatPosts(s.More), staffing.FormatPosts(s.Fewer), s.What)
		}
	}
	writeWorkload(b, sol)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWorkload prints the COPS Office workload method beside the
// simulation's answer.
func writeWorkload(b *strings.Builder, sol *staffing.Solution) {
	wl, h := sol.Workload, sol.Headcount
	fmt.Fprintf(b, "\nWorkload method (COPS Office guide, Wilson & Weiss 2012), from the workload simulated at %s:\n", staffing.FormatPosts(sol.Answer.Posts))
	lines := []struct{ label, value string }{
		{"calls a unit reached, a year", formatCount(wl.CallsPerYear)},
		{"x hours per call (primary unit)", fmt.Sprintf("%.3f", wl.HoursPerCall)},
		{"x units per call", fmt.Sprintf("%.2f", wl.UnitsPerCall)},
		{"= obligated hours", formatCount(wl.ObligatedHours)},
		{"/ share of patrol time for calls", fmt.Sprintf("%.1f%%", 100*wl.CallShare)},
		{"= patrol hours needed", formatCount(wl.PatrolHours)},
		{"/ available hours per officer", formatCount(wl.AvailableHours)},
		{"= officers", fmt.Sprintf("%.1f (%.1f on duty at any hour)", wl.Officers, wl.PostsOnDuty)},
	}
	for _, l := range lines {
		fmt.Fprintf(b, "  %-34s %s\n", l.label, l.value)
	}
	fmt.Fprintf(b, "Simulation: %.1f officers (%d posts); workload method: %.1f officers.\n", h.Officers, h.Posts, wl.Officers)
	fmt.Fprintf(b, "Why they differ: %s\n", staffing.Differ(sol))
}

func trimFloat(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// formatCount writes v rounded to a whole number with thousands separators.
func formatCount(v float64) string { return thousands(int(math.Round(v))) }

// StaffingFile is the file of an output directory that holds the
// staffing search (precinct staff --out): every roster tried and the
// answer.
const StaffingFile = "staffing.json"

// drawStaffing draws, when dir holds StaffingFile, one chart per target:
// the target metric against the officers of each shift, the others at
// the answer, with its confidence band. It returns nil without the file.
func drawStaffing(dir string) ([]Chart, error) {
	data, err := os.ReadFile(filepath.Join(dir, StaffingFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var sol staffing.Solution
	if err := json.Unmarshal(data, &sol); err != nil {
		return nil, fmt.Errorf("%s: %w", StaffingFile, err)
	}
	var charts []Chart
	for j, text := range sol.Targets {
		t, err := staffing.ParseTarget(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", StaffingFile, err)
		}
		d := staffingDose(&sol, j, t)
		fig, err := d.Figure()
		if err != nil {
			return nil, fmt.Errorf("chart staffing_%s: %w", t.Metric.Key, err)
		}
		var png, svg bytes.Buffer
		if err := fig.WritePNG(&png); err != nil {
			return nil, err
		}
		if err := fig.WriteSVG(&svg); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("staffing_%d_%s", j+1, t.Metric.Key)
		for ext, b := range map[string][]byte{".png": png.Bytes(), ".svg": svg.Bytes()} {
			if err := study.WriteFileAtomic(filepath.Join(dir, PlotsDir, name+ext), b); err != nil {
				return nil, err
			}
		}
		charts = append(charts, Chart{Name: name, Section: "staffing", Title: fmt.Sprintf("%s against the officers on duty (target %s)", t.Metric.Label, text),
			Caption: fmt.Sprintf("Each line is one %s: its officers on duty vary, the other %ss keep the answer's (%s). The point is the mean over the %d runs, the band its %.0f %% interval; the target is met where the one-sided bound is within %s.",
				sol.By, sol.By, staffing.FormatPosts(sol.Answer.Posts), sol.Reps, 100*sol.Confidence, t.FormatValue(t.Bound)),
			SVG: svg.Bytes()})
	}
	return charts, nil
}

// staffingDose is target j against the officers of each group: the
// rosters evaluated that differ from the answer in that group alone.
func staffingDose(sol *staffing.Solution, j int, t staffing.Target) *plots.DoseResponse {
	d := &plots.DoseResponse{Key: "officers on duty", Numeric: true, GroupBy: sol.By, Level: sol.Confidence}
	o := plots.DoseOutcome{Metric: t.Metric.Key, Label: t.Metric.Label, Unit: t.Metric.Unit}
	values := map[int]bool{}
	for g, grp := range sol.Groups {
		d.Groups = append(d.Groups, grp.Name)
		for _, e := range sol.Evaluated {
			if !onlyIn(e.Posts, sol.Answer.Posts, g) {
				continue
			}
			m := e.Measures[j]
			o.Points = append(o.Points, plots.DosePoint{X: float64(e.Posts[g]), Group: g, Mean: m.Mean, Lo: m.Lo, Hi: m.Hi})
			values[e.Posts[g]] = true
		}
		slices.SortFunc(o.Points, func(a, b plots.DosePoint) int { return cmp.Or(cmp.Compare(a.Group, b.Group), cmp.Compare(a.X, b.X)) })
	}
	for _, v := range slices.Sorted(maps.Keys(values)) {
		d.Values = append(d.Values, strconv.Itoa(v))
	}
	d.Outcomes = []plots.DoseOutcome{o}
	return d
}

// onlyIn reports whether posts equals answer outside group g.
func onlyIn(posts, answer []int, g int) bool {
	for i := range posts {
		if i != g && posts[i] != answer[i] {
			return false
		}
	}
	return true
}
