package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

var priorityNames = [sim.NumPriorities]string{"P1 emergency", "P2 urgent", "P3 routine"}

// WriteSummary prints a readable summary of one run: staffing, calls,
// response times by priority, queueing, officer time and what was left
// unanswered.
func WriteSummary(w io.Writer, r *study.Run) error {
	res, s := r.Result, r.Scenario
	ew := &errWriter{w: w}
	ew.printf("Scenario %s: %s\n", s.Name, s.Summary)
	if len(r.Overrides) > 0 {
		ew.printf("Overridden: %s\n", strings.Join(r.Overrides, ", "))
	}
	if b := s.Bought(); b != "" {
		ew.printf("The budget buys: %s.\n", b)
	}
	ew.printf("Seed %d, replicate %d: %s.\n\n", r.Seed, r.Replicate, windowText(s.Days, res.WarmupDays, res.MeasureFrom, res.Days))

	var t table
	t.row("Staffing ("+s.Staffing.Pattern+" pattern)", "hours", "officers on duty")
	for _, sh := range r.Staffing {
		t.row("  "+sh.Name, clock(sh.Start)+"-"+clock(sh.Start+sh.Length), fmt.Sprint(sh.Officers))
	}
	t.write(ew)
	ew.printf("\n")
	t = table{}
	t.row("Calls for service", "calls", "per day")
	for _, tc := range res.CallsByType {
		if tc.Calls == 0 {
			continue
		}
		t.row(fmt.Sprintf("  %s (P%d)", tc.Type, tc.Priority), thousands(tc.Calls), fmt.Sprintf("%.1f", perDay(tc.Calls, res.Days)))
	}
	t.row("  all", thousands(res.Calls), fmt.Sprintf("%.1f", perDay(res.Calls, res.Days)))
	t.write(ew)
	ew.printf("\n")
	t = table{}
	t.row("Response time (minutes)", "calls", "answered", "median", "90th pct", "mean", "waited")
	for i, p := range res.ByPriority {
		t.row("  "+priorityNames[i], thousands(p.Calls), thousands(p.Answered),
			minutes(p.Response.Median), minutes(p.Response.P90), minutes(p.Response.Mean), percent(p.WaitedShare))
	}
	t.write(ew)

	ew.printf("\nResponse time = processing (call taking) + queue delay (waiting for a free unit, or held)\n+ travel (turnout and driving; an officer called away from community engagement adds\nthe engagement delay). Minutes, median / 90th percentile / mean:\n")
	t = table{}
	t.row("Components", "processing", "queue", "travel")
	for i, p := range res.ByPriority {
		t.row("  "+priorityNames[i], components(p.Processing), components(p.QueueDelay), components(p.Travel))
	}
	t.write(ew)
	ew.printf("Queue delay: mean %s min, 90th percentile %s min; %s of calls waited for a unit.\n",
		minutes(res.QueueDelay.Mean), minutes(res.QueueDelay.P90), percent(res.WaitedShare))
	if res.TelephoneReports > 0 || res.LostCalls > 0 {
		ew.printf("Taken by telephone or online, no unit sent: %s calls; lost with no unit free: %s.\n",
			thousands(res.TelephoneReports), thousands(res.LostCalls))
	}
	writeByShift(ew, res)
	h := res.OfficerHours
	wl := res.Workload
	ew.printf("Officers: %s of on-duty time committed, %s to calls alone (utilization).\n",
		percent(wl.CommittedShare), percent(res.Utilization))
	t = table{}
	t.row("Committed time", "hours", "of committed")
	hours := func(name string, h float64) {
		if h > 0 {
			t.row("  "+name, thousands(int(h+0.5)), share(ratioOf(h, wl.Hours.Total())))
		}
	}
	hours("primary units at calls", wl.Hours.Primary)
	hours("secondary units at calls", wl.Hours.Secondary)
	for _, a := range wl.Hours.ByActivity {
		hours(strings.ReplaceAll(a.Activity, "_", " "), a.Hours)
	}
	hours("arrests (transport, booking)", wl.Hours.Arrests)
	t.write(ew)
	ew.printf("Units per call %s; %s of %s dispatches crossed a beat line.\n",
		twoDecimals(wl.UnitsPerCall), share(wl.CrossBeatShare), thousands(wl.Dispatches))
	ew.printf("  hours on patrol %s, engaging the community %s, en route %s, on scene %s, writing reports %s; overtime %s.\n",
		thousands(int(h.Patrol+0.5)), thousands(int(h.Engage+0.5)), thousands(int(h.EnRoute+0.5)), thousands(int(h.OnScene+0.5)),
		thousands(int(h.Report+0.5)), thousands(int(h.Overtime+0.5)))
	if res.Preemptions > 0 {
		ew.printf("  P3 calls interrupted for a P1 call: %s.\n", thousands(res.Preemptions))
	}
	ew.printf("Unanswered at the end: %d calls no unit had reached, %d with a unit on the way.\n", res.UnansweredAtEnd, res.EnRouteAtEnd)
	if c := res.Community; c != nil {
		writeCommunity(ew, c, res.Days)
	}
	writePolicy(ew, res)
	return ew.flush()
}

// ratioOf returns a / b, or nil when b is not positive.
func ratioOf(a, b float64) *float64 {
	if b <= 0 {
		return nil
	}
	r := a / b
	return &r
}

// components formats a response component as median / 90th percentile /
// mean.
func components(s sim.Summary) string {
	return minutes(s.Median) + " / " + minutes(s.P90) + " / " + minutes(s.Mean)
}

// writeByShift prints the mean response and queue delay by shift and the
// hours of the day with the longest and shortest mean response.
func writeByShift(ew *errWriter, res *sim.Result) {
	if len(res.ResponseByShift) > 0 {
		t := table{}
		t.row("By shift received (mean, min)", "response", "P1", "queue")
		for _, p := range res.ResponseByShift {
			t.row("  "+p.Period, minutes(p.Mean), minutes(p.P1Mean), minutes(p.QueueMean))
		}
		t.write(ew)
	}
	lo, hi := -1, -1
	for h, p := range res.ResponseByHour {
		if p.Mean == nil {
			continue
		}
		if lo < 0 || *p.Mean < *res.ResponseByHour[lo].Mean {
			lo = h
		}
		if hi < 0 || *p.Mean > *res.ResponseByHour[hi].Mean {
			hi = h
		}
	}
	if lo >= 0 {
		ew.printf("Mean response by hour of the call: longest %s min at %s, shortest %s min at %s.\n",
			minutes(res.ResponseByHour[hi].Mean), res.ResponseByHour[hi].Period, minutes(res.ResponseByHour[lo].Mean), res.ResponseByHour[lo].Period)
	}
}

// writePolicy prints use of force, co-responders and cost.
func writePolicy(ew *errWriter, res *sim.Result) {
	f := res.Force
	ew.printf("\nUse of force: %s of %s police encounters (%s per 1,000): %s at calls without arrest, %s in arrests, %s in stops.\n",
		thousands(f.UseOfForce), thousands(f.Encounters), oneDecimal(f.ForcePer1000),
		thousands(f.ByEncounter.Call), thousands(f.ByEncounter.Arrest), thousands(f.ByEncounter.Stop))
	ew.printf("  injuries: %s civilians, %s officers. Complaints: %s (%s sustained, %s not sustained).",
		thousands(f.CivilianInjuries), thousands(f.OfficerInjuries), thousands(f.Complaints), thousands(f.Sustained), thousands(f.NotSustained))
	if f.Incidents > 0 {
		ew.printf(" High-profile incidents: %d.", f.Incidents)
	}
	ew.printf("\n")
	if co := res.CoResponders; co != nil {
		ew.printf("Co-responder teams: %s calls taken (%s of calls), police backup asked %s times (%s); %s eligible calls went to police with no team free (%s after waiting for one), %s triaged out to police.\n",
			thousands(co.Calls), share(co.Share), thousands(co.Backups), share(co.BackupShare), thousands(co.ToPolice), thousands(co.ToPoliceAfterWait), thousands(co.TriagedOut))
		if co.TeamOnlyCalls+co.Referred > 0 {
			ew.printf("  team-only calls: %s taken by teams, %s referred with no team free.\n", thousands(co.TeamOnlyCalls), thousands(co.Referred))
		}
		ew.printf("  officer-hours freed %s; team-hours on duty %s, %s of them busy.\n",
			thousands(int(co.OfficerHoursFreed+0.5)), thousands(int(co.TeamHours+0.5)), share(co.Utilization))
	}
	var lines []string
	for _, l := range res.Cost.Lines {
		if l.Amount > 0 {
			lines = append(lines, fmt.Sprintf("%s %s", strings.ReplaceAll(l.Name, "_", " "), thousands(int(l.Amount+0.5))))
		}
	}
	cur := res.Cost.Currency
	ew.printf("Cost over the %d measured days: %s %s (%s); %s %s per call.\n",
		res.Days, cur, thousands(int(res.Cost.Total+0.5)), strings.Join(lines, ", "), cur, oneDecimal(res.Cost.PerCall))
}

// writeCommunity prints crime, stops and trust.
func writeCommunity(ew *errWriter, c *sim.CommunityResult, days int) {
	ew.printf("\nCrime: true offenses (all that happened), reported by victims, recorded by police.\n")
	t := table{}
	t.row("Offenses", "true", "reported", "recorded", "arrests", "per day")
	for _, b := range c.ByType {
		t.row("  "+b.Type, thousands(b.True), thousands(b.Reported), thousands(b.Recorded), thousands(b.Arrests), fmt.Sprintf("%.1f", perDay(b.True, days)))
	}
	t.row("  all", thousands(c.True), thousands(c.Reported), thousands(c.Recorded), thousands(c.Arrests), fmt.Sprintf("%.1f", perDay(c.True, days)))
	t.write(ew)
	ew.printf("Reporting rate: %s of offenses against residents (violent %s, property %s). Clearance: %s of recorded offenses.\n",
		share(c.ReportingRate), share(c.ViolentReporting), share(c.PropertyReporting), share(c.Clearance))
	ew.printf("Recorded because a victim called %s, seen by a patrolling officer %s, uncovered in a stop %s; %s offenses deterred by police presence.\n",
		thousands(c.RecordedVia.Report), thousands(c.RecordedVia.Patrol), thousands(c.RecordedVia.Stop), thousands(c.Deterred))
	ew.printf("\n")
	t = table{}
	t.row("Neighborhoods", "residents", "true", "recorded", "stops", "per 1,000", "disparity", "trust start", "trust end")
	for _, h := range c.Neighborhoods {
		t.row("  "+h.Name, thousands(h.Residents), thousands(h.True), thousands(h.Recorded), thousands(h.Stops),
			oneDecimal(h.StopsPer1000), twoDecimals(h.Disparity), fmt.Sprintf("%.3f", h.TrustStart), fmt.Sprintf("%.3f", h.TrustEnd))
	}
	t.write(ew)
	ew.printf("Stops per 1,000 residents are a yearly rate. Disparity = share of stops / share of true crime (1: stops follow crime).\n")
	var groups []string
	for _, g := range c.Groups {
		groups = append(groups, fmt.Sprintf("%s %s", g.Name, oneDecimal(g.StopsPer1000)))
	}
	ew.printf("Stops per 1,000 residents by group: %s. Mean trust %.3f at the start, %.3f at the end.\n",
		strings.Join(groups, ", "), c.MeanTrustInit, c.MeanTrust)
	if e := c.Engagement; e.Hours > 0 {
		ew.printf("Community engagement: %s officer-hours (%s of free time), %s sessions completed, %s cut short (by a call or the end of a shift).\n",
			thousands(int(e.Hours+0.5)), percent(e.FreeShare), thousands(e.Sessions), thousands(e.Interrupted))
	}
}

func share(v *float64) string {
	if v == nil {
		return "-"
	}
	return percent(*v)
}

func oneDecimal(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *v)
}

func twoDecimals(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *v)
}

// MaxColumns is the width of console output: tables wider than it are
// split into parts that repeat their leading columns, and prose lines are
// wrapped, so that a projector or an 100-column terminal shows every
// line whole.
const MaxColumns = 100

// table lays out rows of cells: the first column left-aligned, the others
// right-aligned, each as wide as its widest cell. A table wider than
// MaxColumns is written in parts, each with the first fixed columns and
// as many of the others, in groups of group columns (a value and its
// difference, say), as fit.
type table struct {
	rows   [][]string
	fixed  int   // leading columns repeated in every part (default 1)
	group  int   // columns that stay together (default 1)
	groups []int // sizes of the groups after the fixed columns, when they differ (overrides group)
}

// groupSize returns the size of the group of columns that starts at
// column g.
func (t *table) groupSize(g, fixed int) int {
	if t.groups == nil {
		return max(1, t.group)
	}
	at := fixed
	for _, n := range t.groups {
		if g == at {
			return n
		}
		at += n
	}
	return 1
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// minLabel is the narrowest the first column is made to fit a table's
// narrowest part into MaxColumns.
const minLabel = 16

// fitLabels wraps the first column's cells at spaces, onto rows of their
// own below, when the narrowest part a table can be split into (its
// fixed columns and the first group) is wider than MaxColumns: else its
// lines would be wrapped as prose, out of their columns.
func (t *table) fitLabels() {
	width := t.widths()
	fixed := max(1, t.fixed)
	need := -2
	for i := range min(len(width), fixed+t.groupSize(fixed, fixed)) {
		need += width[i] + 2
	}
	limit := width[0] - (need - MaxColumns)
	if need <= MaxColumns || len(width) == 0 || limit < minLabel {
		return
	}
	var rows [][]string
	for _, r := range t.rows {
		if len(r) == 0 || utf8.RuneCountInString(r[0]) <= limit {
			rows = append(rows, r)
			continue
		}
		lines := wrapWords(r[0], limit)
		first := slices.Clone(r)
		first[0] = lines[0]
		rows = append(rows, first)
		for _, l := range lines[1:] {
			rows = append(rows, []string{"  " + l})
		}
	}
	t.rows = rows
}

// wrapWords splits s at spaces into lines of at most n runes (a word
// longer than n stays whole), the lines after the first at most n - 2
// (they are indented two spaces).
func wrapWords(s string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		limit := n
		if len(lines) > 0 {
			limit = n - 2
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= limit:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

func (t *table) widths() []int {
	var width []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	return width
}

func (t *table) write(w io.Writer) {
	t.fitLabels()
	width := t.widths()
	fixed := max(1, t.fixed)
	total := 0
	for i, wd := range width {
		total += wd
		if i > 0 {
			total += 2
		}
	}
	if total <= MaxColumns || len(width) <= fixed {
		writeColumns(w, t.rows, width, nil)
		return
	}
	var cols []int // the columns of the part being laid out
	used := 0
	for i := range fixed {
		cols = append(cols, i)
		used += width[i] + 2
	}
	base, baseUsed := slices.Clone(cols), used
	first := true
	for g := fixed; g < len(width); {
		group := t.groupSize(g, fixed)
		gw := 0
		for i := g; i < min(g+group, len(width)); i++ {
			gw += width[i] + 2
		}
		if used+gw > MaxColumns+2 && len(cols) > fixed {
			if !first {
				fmt.Fprintln(w)
			}
			writeColumns(w, t.rows, width, cols)
			first = false
			cols, used = slices.Clone(base), baseUsed
		}
		for i := g; i < min(g+group, len(width)); i++ {
			cols = append(cols, i)
		}
		used += gw
		g += group
	}
	if !first {
		fmt.Fprintln(w)
	}
	writeColumns(w, t.rows, width, cols)
}

// writeColumns writes the given columns of rows (all when cols is nil).
func writeColumns(w io.Writer, rows [][]string, width []int, cols []int) {
	for _, r := range rows {
		var b strings.Builder
		for k := range width {
			if cols != nil && !slices.Contains(cols, k) {
				continue
			}
			c := ""
			if k < len(r) {
				c = r[k]
			}
			pad := strings.Repeat(" ", width[k]-utf8.RuneCountInString(c))
			if k == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// errWriter remembers the first write error so that a long report can be
// written without checking every line, and wraps lines longer than
// MaxColumns at a space, the rest indented two spaces more than the
// line. Call flush at the end.
type errWriter struct {
	w   io.Writer
	err error
	buf []byte
}

func (e *errWriter) Write(p []byte) (int, error) {
	e.buf = append(e.buf, p...)
	for {
		i := bytes.IndexByte(e.buf, '\n')
		if i < 0 {
			break
		}
		e.emit(string(e.buf[:i]))
		e.buf = e.buf[i+1:]
	}
	return len(p), e.err
}

// emit writes one line, wrapped.
func (e *errWriter) emit(line string) {
	if e.err != nil {
		return
	}
	indent := strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " "))+2)
	var out strings.Builder
	for utf8.RuneCountInString(line) > MaxColumns {
		r := []rune(line)
		cut := strings.LastIndex(string(r[:MaxColumns+1]), " ")
		if cut <= len(indent) {
			break // one word longer than the line: leave it
		}
		out.WriteString(strings.TrimRight(line[:cut], " ") + "\n")
		line = indent + strings.TrimLeft(line[cut:], " ")
	}
	out.WriteString(line + "\n")
	_, e.err = io.WriteString(e.w, out.String())
}

// flush writes what is left after the last newline and returns the first
// error.
func (e *errWriter) flush() error {
	if len(e.buf) > 0 {
		rest := string(e.buf)
		e.buf = nil
		if e.err == nil {
			_, e.err = io.WriteString(e.w, rest)
		}
	}
	return e.err
}

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }

func clock(m float64) string {
	mm := int(m) % sim.MinutesPerDay
	return fmt.Sprintf("%02d:%02d", mm/60, mm%60)
}

func perDay(n, days int) float64 { return float64(n) / float64(days) }

func minutes(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *v)
}

func percent(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

// thousands formats n with comma thousands separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
