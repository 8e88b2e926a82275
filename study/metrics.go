package study

import (
	"fmt"
	"strings"

	"github.com/precinct-sim/precinct/sim"
)

// money is the word of a Metric's Unit that stands for the scenario's
// currency (costs.currency); MetricInfos puts the currency in its place.
const money = "money"

// Metric is one number measured per replicate: a column of runs.csv, a
// row of the console tables and an entry of summary.json. Value returns
// false when the replicate does not define it (no calls of a priority, no
// community model): the cell is then empty and the replicate is left out
// of the metric's statistics, never counted as a zero.
type Metric struct {
	Key         string // column name: lower case, underscores
	Label       string // for people
	Unit        string // minutes, share, calls, ...; "money" is the scenario's currency
	Description string
	Headline    bool // shown in the compact tables (sweeps)
	Value       func(*sim.Result) (float64, bool)
}

// DailyMetric is one number measured per replicate and day: a column of
// daily.csv.
type DailyMetric struct {
	Key         string
	Label       string
	Unit        string
	Description string
	Value       func(*sim.Day) (float64, bool)
}

// Metrics lists the per-replicate metrics in the order of their columns.
// Adding a metric is adding a line here (or to workloadMetrics);
// docs/OUTPUTS.md lists them.
var Metrics = append(coreMetrics, workloadMetrics()...)

var coreMetrics = []Metric{
	{"calls", "calls received", "calls", "calls for service received in the measured window (a team's request for police backup is not one)", false, count(func(r *sim.Result) int { return r.Calls })},
	{"p1_response_mean", "P1 response, mean", "minutes", "mean time from a P1 call to the first unit on scene", true, response(sim.P1, mean)},
	{"p1_response_median", "P1 response, median", "minutes", "median P1 response time", false, response(sim.P1, median)},
	{"p1_response_p90", "P1 response, 90th pct", "minutes", "90th percentile of P1 response time", true, response(sim.P1, p90)},
	{"p2_response_mean", "P2 response, mean", "minutes", "mean P2 response time", false, response(sim.P2, mean)},
	{"p2_response_p90", "P2 response, 90th pct", "minutes", "90th percentile of P2 response time", false, response(sim.P2, p90)},
	{"p3_response_mean", "P3 response, mean", "minutes", "mean P3 response time", false, response(sim.P3, mean)},
	{"p3_response_p90", "P3 response, 90th pct", "minutes", "90th percentile of P3 response time", false, response(sim.P3, p90)},
	{"queue_delay_mean", "queue delay, mean", "minutes", "mean time from a call to its first dispatch, all priorities", false, summary(func(r *sim.Result) sim.Summary { return r.QueueDelay }, mean)},
	{"queue_delay_p90", "queue delay, 90th pct", "minutes", "90th percentile of queue delay, all priorities", false, summary(func(r *sim.Result) sim.Summary { return r.QueueDelay }, p90)},
	{"waited_share", "calls that waited", "share", "share of calls that found no free unit", false, num(func(r *sim.Result) float64 { return r.WaitedShare })},
	{"utilization", "utilization", "share", "share of on-duty officer time committed to calls (primary and secondary units)", false, num(func(r *sim.Result) float64 { return r.Utilization })},
	{"committed_share", "committed time", "share", "share of on-duty officer time not free for calls: calls, officer-initiated work, out of service, arrests", true, num(func(r *sim.Result) float64 { return r.Workload.CommittedShare })},
	{"units_per_call", "units per call", "units", "units that reached a scene / calls a police unit reached", false, func(r *sim.Result) (float64, bool) { return opt(r.Workload.UnitsPerCall) }},
	{"cross_beat_share", "cross-beat dispatches", "share", "share of units sent to a call outside their own beat", false, func(r *sim.Result) (float64, bool) { return opt(r.Workload.CrossBeatShare) }},
	{"hours_primary", "hours, primary units", "hours", "officer-hours of primary units at calls: en route, on scene, report", false, num(func(r *sim.Result) float64 { return r.Workload.Hours.Primary })},
	{"hours_secondary", "hours, secondary units", "hours", "officer-hours of secondary units and backups: en route, on scene", false, num(func(r *sim.Result) float64 { return r.Workload.Hours.Secondary })},
	{"hours_self_initiated", "hours, officer-initiated", "hours", "officer-hours of traffic and pedestrian stops, directed patrol and follow-ups", false, num(func(r *sim.Result) float64 { return r.Workload.Hours.SelfInitiated })},
	{"hours_out_of_service", "hours, out of service", "hours", "officer-hours of meals, administration and court", false, num(func(r *sim.Result) float64 { return r.Workload.Hours.OutOfService })},
	{"hours_arrests", "hours, arrests", "hours", "officer-hours of arrest transport and booking", false, num(func(r *sim.Result) float64 { return r.Workload.Hours.Arrests })},
	{"telephone_reports", "telephone reports", "calls", "calls taken by telephone or online, no unit sent", false, count(func(r *sim.Result) int { return r.TelephoneReports })},
	{"lost_share", "calls lost", "share", "share of calls lost with no unit free (dispatch.queue = \"none\" only)", false, func(r *sim.Result) (float64, bool) { return opt(r.LostShare) }},
	{"overtime_hours", "overtime", "hours", "officer-hours worked after a shift ended, finishing a call", false, num(func(r *sim.Result) float64 { return r.OfficerHours.Overtime })},
	{"preemptions", "P3 calls preempted", "calls", "P3 calls whose unit was taken for a P1 call", false, count(func(r *sim.Result) int { return r.Preemptions })},
	{"unanswered_at_end", "unanswered at the end", "calls", "calls of the window no unit had reached when the run ended", false, count(func(r *sim.Result) int { return r.UnansweredAtEnd })},
	{"arrests_on_scene", "arrests at calls", "arrests", "arrests police made at calls (crime calls cleared on scene included)", false, count(func(r *sim.Result) int { return r.Force.Arrests })},
	{"use_of_force", "use of force", "incidents", "police encounters (calls and stops) in which force was used", true, count(func(r *sim.Result) int { return r.Force.UseOfForce })},
	{"force_per_1000", "use of force per 1,000 encounters", "per 1,000 encounters", "use of force per 1,000 police encounters", false, func(r *sim.Result) (float64, bool) { return opt(r.Force.ForcePer1000) }},
	{"injuries_civilian", "civilians injured", "people", "civilians injured in use-of-force incidents", false, count(func(r *sim.Result) int { return r.Force.CivilianInjuries })},
	{"injuries_officer", "officers injured", "people", "officers injured in use-of-force incidents", false, count(func(r *sim.Result) int { return r.Force.OfficerInjuries })},
	{"complaints", "complaints", "complaints", "complaints filed against officers", false, count(func(r *sim.Result) int { return r.Force.Complaints })},
	{"complaints_sustained", "complaints sustained", "complaints", "complaints found sustained", false, count(func(r *sim.Result) int { return r.Force.Sustained })},
	{"coresponder_calls", "co-responder calls", "calls", "calls co-responder teams took (empty without teams)", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.Calls) })},
	{"coresponder_share", "co-responder share of calls", "share", "calls co-responder teams took / calls received", false, func(r *sim.Result) (float64, bool) {
		if r.CoResponders == nil {
			return 0, false
		}
		return opt(r.CoResponders.Share)
	}},
	{"coresponder_triaged_out", "eligible calls triaged out", "calls", "team-eligible calls the dispatcher sent police to anyway (weapons, violence, crime in progress)", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.TriagedOut) })},
	{"coresponder_to_police", "eligible calls to police", "calls", "team-eligible calls police took because no team was free within the wait", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.ToPolice) })},
	{"coresponder_to_police_after_wait", "eligible calls to police after waiting", "calls", "of them, calls that waited coresponders.wait for a team first (their response time includes the wait)", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.ToPoliceAfterWait) })},
	{"coresponder_team_only", "team-only calls teams took", "calls", "team calls of types police do not take (calls.types.X.police = false)", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.TeamOnlyCalls) })},
	{"coresponder_referred", "team-only calls referred", "calls", "calls of types police do not take that no team took within the wait: referred and closed without a unit", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.Referred) })},
	{"coresponder_backups", "co-responder backups", "requests", "team calls at which the team asked police for backup (police work, not counted as calls)", false, coResponders(func(c *sim.CoResponderStats) float64 { return float64(c.Backups) })},
	{"backup_response_mean", "police backup response, mean", "minutes", "mean time from a team's request for backup to the first officer on scene", false, func(r *sim.Result) (float64, bool) {
		if r.CoResponders == nil {
			return 0, false
		}
		return opt(r.CoResponders.BackupResponse.Mean)
	}},
	{"officer_hours_freed", "officer-hours freed", "hours", "police on-scene and report hours the teams' calls would have taken (team-only calls free none)", false, coResponders(func(c *sim.CoResponderStats) float64 { return c.OfficerHoursFreed })},
	{"cost_total", "cost", "money", "cost of every budget line over the measured window, overtime included", true, num(func(r *sim.Result) float64 { return r.Cost.Total })},
	{"cost_per_call", "cost per call", "money per call", "cost over the window / calls received", false, func(r *sim.Result) (float64, bool) { return opt(r.Cost.PerCall) }},
	{"offenses_true", "offenses, true", "offenses", "offenses that happened (community model)", false, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.True), true })},
	{"offenses_reported", "offenses, reported", "offenses", "offenses reported by victims", false, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.Reported), true })},
	{"offenses_recorded", "offenses, recorded", "offenses", "offenses recorded by police (reported or discovered)", true, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.Recorded), true })},
	{"arrests", "arrests", "offenses", "offenses cleared by arrest", false, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.Arrests), true })},
	{"deterred", "offenses deterred", "offenses", "would-be offenses prevented by police presence", false, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.Deterred), true })},
	{"clearance", "clearance", "share", "arrests / recorded offenses", false, community(func(c *sim.CommunityResult) (float64, bool) { return opt(c.Clearance) })},
	{"reporting_rate", "reporting rate", "share", "reported / true offenses against residents (the NCVS's rate: businesses left out)", false, community(func(c *sim.CommunityResult) (float64, bool) { return opt(c.ReportingRate) })},
	{"violent_reporting_rate", "reporting rate, violent", "share", "reported / true violent offenses against residents", false, community(func(c *sim.CommunityResult) (float64, bool) { return opt(c.ViolentReporting) })},
	{"business_victims", "offenses against businesses", "offenses", "offenses whose victim is a business (no resident, no trust contact)", false, community(func(c *sim.CommunityResult) (float64, bool) {
		n := 0
		for _, b := range c.ByType {
			n += b.BusinessVictims
		}
		return float64(n), true
	})},
	{"victims_dissatisfied_share", "victims dissatisfied", "share", "victims dissatisfied with the response / victims who judged one (answered by a unit)", false, community(func(c *sim.CommunityResult) (float64, bool) {
		n := c.Contacts.Satisfied + c.Contacts.Dissatisfied
		return float64(c.Contacts.Dissatisfied) / float64(n), n > 0
	})},
	{"knox_ratio_near", "Knox ratio, burglary, 0-200 m, 0-14 days", "ratio", "burglary pairs within 200 m and 14 days over those expected with the times permuted (1: no near-repeat pattern)", false, community(func(c *sim.CommunityResult) (float64, bool) {
		if len(c.Knox) == 0 {
			return 0, false
		}
		return opt(c.Knox[0].Ratio)
	})},
	{"stops", "stops", "stops", "proactive stops", false, community(func(c *sim.CommunityResult) (float64, bool) { return float64(c.Stops), true })},
	{"stops_per_1000", "stops per 1,000 residents", "per 1,000 a year", "proactive stops per 1,000 residents, a yearly rate", true, community(func(c *sim.CommunityResult) (float64, bool) { return opt(c.StopsPer1000) })},
	{"stops_disparity", "stops disparity (highest)", "ratio", "the highest neighborhood ratio of share of stops to share of true crime (1: stops follow crime)", true, community(maxDisparity)},
	{"mean_trust_start", "trust at the start", "trust (0-1)", "mean resident trust at the end of the warm-up", false, community(func(c *sim.CommunityResult) (float64, bool) { return c.MeanTrustInit, true })},
	{"mean_trust_end", "trust at the end", "trust (0-1)", "mean resident trust at the end of the run", true, community(func(c *sim.CommunityResult) (float64, bool) { return c.MeanTrust, true })},
	{"engagement_hours", "community engagement", "hours", "officer-hours spent in community engagement", false, community(func(c *sim.CommunityResult) (float64, bool) { return c.Engagement.Hours, true })},
}

// DailyMetrics lists the per-day metrics in the order of their columns in
// daily.csv.
var DailyMetrics = []DailyMetric{
	{"calls", "calls received", "calls", "calls received that day", dailyCount(func(d *sim.Day) int { return d.Calls })},
	{"p1_calls", "P1 calls received", "calls", "P1 calls received that day", dailyCount(func(d *sim.Day) int { return d.P1Calls })},
	{"p1_response_mean", "P1 response, mean", "minutes", "mean response time of the day's answered P1 calls", dailyOpt(func(d *sim.Day) *float64 { return d.P1ResponseMean })},
	{"queue_delay_mean", "queue delay, mean", "minutes", "mean queue delay of the day's dispatched calls", dailyOpt(func(d *sim.Day) *float64 { return d.QueueDelayMean })},
	{"waited_share", "calls that waited", "share", "share of the day's calls that found no free unit", dailyOpt(func(d *sim.Day) *float64 { return d.WaitedShare })},
	{"utilization", "utilization", "share", "share of the day's on-duty time committed to calls", dailyOpt(func(d *sim.Day) *float64 { return d.Utilization })},
	{"committed_share", "committed time", "share", "share of the day's on-duty time not free for calls", dailyOpt(func(d *sim.Day) *float64 { return d.CommittedShare })},
	{"units_per_call", "units per call", "units", "units on scene per call reached, calls received that day", dailyOpt(func(d *sim.Day) *float64 { return d.UnitsPerCall })},
	{"p3_response_mean", "P3 response, mean", "minutes", "mean response time of the day's answered P3 calls", dailyOpt(func(d *sim.Day) *float64 { return d.P3ResponseMean })},
	{"use_of_force", "use of force", "incidents", "police encounters of the day in which force was used", dailyCount(func(d *sim.Day) int { return d.Force })},
	{"injuries", "injuries", "encounters", "encounters of the day with a civilian or officer injured", dailyCount(func(d *sim.Day) int { return d.Injuries })},
	{"complaints", "complaints", "complaints", "complaints filed that day", dailyCount(func(d *sim.Day) int { return d.Complaints })},
	{"coresponder_calls", "co-responder calls", "calls", "calls co-responder teams took that day", dailyCount(func(d *sim.Day) int { return d.CoResponderCalls })},
	{"cost", "cost", "money", "the budget's cost of the day, the day's overtime included", func(d *sim.Day) (float64, bool) { return d.Cost, true }},
	{"offenses_true", "offenses, true", "offenses", "offenses that happened that day", dailyCommunity(func(c *sim.CommunityDay) float64 { return float64(c.True) })},
	{"offenses_reported", "offenses, reported", "offenses", "offenses of the day reported by victims", dailyCommunity(func(c *sim.CommunityDay) float64 { return float64(c.Reported) })},
	{"offenses_recorded", "offenses, recorded", "offenses", "offenses of the day recorded by police", dailyCommunity(func(c *sim.CommunityDay) float64 { return float64(c.Recorded) })},
	{"stops", "stops", "stops", "proactive stops made that day", dailyCommunity(func(c *sim.CommunityDay) float64 { return float64(c.Stops) })},
	{"mean_trust", "trust", "trust (0-1)", "mean resident trust at the end of the day", dailyCommunity(func(c *sim.CommunityDay) float64 { return c.MeanTrust })},
}

func opt(v *float64) (float64, bool) {
	if v == nil {
		return 0, false
	}
	return *v, true
}

func count(f func(*sim.Result) int) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) { return float64(f(r)), true }
}

func num(f func(*sim.Result) float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) { return f(r), true }
}

func mean(s sim.Summary) *float64   { return s.Mean }
func median(s sim.Summary) *float64 { return s.Median }
func p90(s sim.Summary) *float64    { return s.P90 }

func summary(f func(*sim.Result) sim.Summary, stat func(sim.Summary) *float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) { return opt(stat(f(r))) }
}

func response(p sim.Priority, stat func(sim.Summary) *float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) {
		for _, ps := range r.ByPriority {
			if ps.Priority == int(p) {
				return opt(stat(ps.Response))
			}
		}
		return 0, false
	}
}

func community(f func(*sim.CommunityResult) (float64, bool)) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) {
		if r.Community == nil {
			return 0, false
		}
		return f(r.Community)
	}
}

func coResponders(f func(*sim.CoResponderStats) float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) {
		if r.CoResponders == nil {
			return 0, false
		}
		return f(r.CoResponders), true
	}
}

// maxDisparity returns the highest neighborhood disparity ratio, if any
// neighborhood has one.
func maxDisparity(c *sim.CommunityResult) (float64, bool) {
	best, ok := 0.0, false
	for _, h := range c.Neighborhoods {
		if h.Disparity != nil && (!ok || *h.Disparity > best) {
			best, ok = *h.Disparity, true
		}
	}
	return best, ok
}

func dailyCount(f func(*sim.Day) int) func(*sim.Day) (float64, bool) {
	return func(d *sim.Day) (float64, bool) { return float64(f(d)), true }
}

func dailyOpt(f func(*sim.Day) *float64) func(*sim.Day) (float64, bool) {
	return func(d *sim.Day) (float64, bool) { return opt(f(d)) }
}

func dailyCommunity(f func(*sim.CommunityDay) float64) func(*sim.Day) (float64, bool) {
	return func(d *sim.Day) (float64, bool) {
		if d.Community == nil {
			return 0, false
		}
		return f(d.Community), true
	}
}

// MetricInfos returns the catalogue of Metrics as written in summary.json,
// money in currency (an ISO 4217 code such as USD).
func MetricInfos(currency string) []MetricInfo {
	out := make([]MetricInfo, len(Metrics))
	for i, m := range Metrics {
		out[i] = MetricInfo{Key: m.Key, Label: m.Label, Unit: strings.Replace(m.Unit, money, currency, 1), Description: m.Description}
	}
	return out
}

// detail holds the keys of the metrics kept out of the console tables.
var detail = map[string]bool{}

// Detail reports whether the metric called key is a detail, written to
// runs.csv and summary.json but kept out of the console tables: the
// medians and 90th percentiles of the response components and the mean
// response by hour of the day.
func Detail(key string) bool { return detail[key] }

// workloadMetrics returns the response components by priority (mean,
// median and 90th percentile of processing, queue and travel), the mean
// response by shift (the first four shifts, in the scenario's order) and
// by hour of the day the call came in (all calls, then P1 calls).
func workloadMetrics() []Metric {
	var ms []Metric
	comps := []struct {
		key, label, desc string
		f                func(*sim.PriorityStats) sim.Summary
	}{
		{"processing", "processing", "call taking and processing, from the call to the dispatch queue", func(p *sim.PriorityStats) sim.Summary { return p.Processing }},
		{"queue", "queue", "dispatch queue, from the end of processing to the first dispatch (holding included)", func(p *sim.PriorityStats) sim.Summary { return p.QueueDelay }},
		{"travel", "travel", "travel, from the first dispatch to the first unit on scene (turnout and driving)", func(p *sim.PriorityStats) sim.Summary { return p.Travel }},
	}
	stats := []struct {
		key, label string
		f          func(sim.Summary) *float64
	}{{"mean", "mean", mean}, {"median", "median", median}, {"p90", "90th pct", p90}}
	for p := 1; p <= sim.NumPriorities; p++ {
		for _, c := range comps {
			for _, st := range stats {
				key := fmt.Sprintf("p%d_%s_%s", p, c.key, st.key)
				if st.key != "mean" {
					detail[key] = true
				}
				ms = append(ms, Metric{
					Key: key, Label: fmt.Sprintf("P%d %s, %s", p, c.label, st.label), Unit: "minutes",
					Description: fmt.Sprintf("%s of P%d calls: %s", st.label, p, c.desc),
					Value:       priorityStat(sim.Priority(p), func(ps *sim.PriorityStats) *float64 { return st.f(c.f(ps)) }),
				})
			}
		}
	}
	for s := range 4 {
		ms = append(ms, Metric{Key: fmt.Sprintf("response_mean_shift%d", s+1), Label: fmt.Sprintf("response, mean, shift %d", s+1), Unit: "minutes",
			Description: fmt.Sprintf("mean response of calls received in the hours of the scenario's shift %d (empty without one)", s+1),
			Value: func(r *sim.Result) (float64, bool) {
				if s >= len(r.ResponseByShift) {
					return 0, false
				}
				return opt(r.ResponseByShift[s].Mean)
			}})
	}
	for _, byHour := range []struct {
		key, label, calls string
		mean              func(*sim.PeriodResponse) *float64
	}{
		{"response_mean", "response", "calls", func(h *sim.PeriodResponse) *float64 { return h.Mean }},
		{"p1_response_mean", "P1 response", "P1 calls", func(h *sim.PeriodResponse) *float64 { return h.P1Mean }},
	} {
		for h := range 24 {
			key := fmt.Sprintf("%s_h%02d", byHour.key, h)
			detail[key] = true
			ms = append(ms, Metric{Key: key, Label: fmt.Sprintf("%s, mean, %02d:00", byHour.label, h), Unit: "minutes",
				Description: fmt.Sprintf("mean response of %s received between %02d:00 and %02d:59", byHour.calls, h, h),
				Value: func(r *sim.Result) (float64, bool) {
					if h >= len(r.ResponseByHour) {
						return 0, false
					}
					return opt(byHour.mean(&r.ResponseByHour[h]))
				}})
		}
	}
	return ms
}

// priorityStat returns the metric f of the calls of priority p.
func priorityStat(p sim.Priority, f func(*sim.PriorityStats) *float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) {
		for i := range r.ByPriority {
			if r.ByPriority[i].Priority == int(p) {
				return opt(f(&r.ByPriority[i]))
			}
		}
		return 0, false
	}
}
