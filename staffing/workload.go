package staffing

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/precinct-sim/precinct/scenarios"
)

// DefaultCallShare is the share of patrol time the workload method plans
// for calls for service when the user gives none: a third, the rest left
// for officer-initiated work and administration (the split the COPS
// Office guide discusses as a common performance objective; judgement).
const DefaultCallShare = 1.0 / 3

// Workload is the workload-based patrol staffing estimate of the COPS
// Office guide (Wilson & Weiss 2012, A Performance-Based Approach to
// Police Staffing and Allocation): obligated hours = calls x time per call
// x units per call; patrol hours needed = obligated hours / the share of
// time planned for calls; officers = patrol hours / available hours per
// officer.
type Workload struct {
	CallsPerYear   float64 `json:"calls_per_year"`  // calls a unit reached
	HoursPerCall   float64 `json:"hours_per_call"`  // the primary unit's hours (travel, scene, report)
	UnitsPerCall   float64 `json:"units_per_call"`  // units that reached the scene
	ObligatedHours float64 `json:"obligated_hours"` // calls x hours x units, a year
	CallShare      float64 `json:"call_share"`      // share of patrol time planned for calls
	PatrolHours    float64 `json:"patrol_hours"`    // obligated / call share
	AvailableHours float64 `json:"available_hours"` // per officer a year (staffing.annual_hours)
	Relief         float64 `json:"relief"`          // 8,760 / available hours
	Officers       float64 `json:"officers"`        // patrol hours / available hours
	PostsOnDuty    float64 `json:"posts_on_duty"`   // officers / relief: officers on duty at any hour
	SimHours       float64 `json:"sim_hours"`       // the simulation's call hours a year (primary and secondary units)
	SimUtilization float64 `json:"sim_utilization"` // the simulated roster's share of on-duty time on calls
}

// WorkloadMethod computes the workload estimate by hand's arithmetic.
func WorkloadMethod(callsPerYear, hoursPerCall, unitsPerCall, callShare, availableHours float64) Workload {
	w := Workload{CallsPerYear: callsPerYear, HoursPerCall: hoursPerCall, UnitsPerCall: unitsPerCall,
		CallShare: callShare, AvailableHours: availableHours, Relief: 8760 / availableHours}
	w.ObligatedHours = callsPerYear * hoursPerCall * unitsPerCall
	w.PatrolHours = w.ObligatedHours / callShare
	w.Officers = w.PatrolHours / availableHours
	w.PostsOnDuty = w.Officers / w.Relief
	return w
}

// FromEval takes the workload method's inputs from what the simulation
// measured at a roster (calls a unit reached, the primary unit's hours per
// call, units per call), scaled from the measured days to a year.
func FromEval(e *Eval, s *scenarios.Scenario, callShare float64) Workload {
	year := 365 / float64(s.MeasuredDays())
	calls := e.Answered * year
	hours := 0.0
	if e.Answered > 0 {
		hours = e.Means["hours_primary"] / e.Answered
	}
	units := e.Means["units_per_call"]
	if math.IsNaN(units) || units == 0 {
		units = 1
	}
	w := WorkloadMethod(calls, hours, units, callShare, s.Staffing.AnnualHours)
	w.SimHours = (e.Means["hours_primary"] + e.Means["hours_secondary"]) * year
	w.SimUtilization = e.Means["utilization"]
	return w
}

// Differ says why the workload method and the simulation give different
// numbers of officers for sol, from what the simulation measured.
func Differ(sol *Solution) string {
	wl, h := sol.Workload, sol.Headcount
	var b strings.Builder
	if sol.Feasible && wl.Officers > h.Officers {
		fmt.Fprintf(&b, "the workload method plans for calls to take %.0f%% of patrol time and keeps the rest for officer-initiated work and administration; the targets ask only for what they name, and the simulated roster meets them with officers spending %.0f%% of on-duty time on calls.",
			100*wl.CallShare, 100*wl.SimUtilization)
	} else {
		fmt.Fprintf(&b, "the workload method spreads the hours evenly over the year and the day, but the targets are decided in the busy hours and by travel across the precinct: calls arrive in bursts and need an officer near them, so the simulated roster needs slack an average does not show (at it officers spend %.0f%% of on-duty time on calls; the workload method plans %.0f%%).",
			100*wl.SimUtilization, 100*wl.CallShare)
	}
	if wl.SimHours > 0 {
		fmt.Fprintf(&b, " Calls x time x units also counts every unit for the primary's whole time: %s obligated hours a year against the %s hours the simulated units spent at calls (secondary units stay only part of the scene).",
			comma(wl.ObligatedHours), comma(wl.SimHours))
	}
	return b.String()
}

// comma writes v rounded to a whole number with thousands separators.
func comma(v float64) string {
	d := strconv.FormatFloat(math.Round(math.Abs(v)), 'f', 0, 64)
	var b strings.Builder
	if v <= -0.5 {
		b.WriteByte('-')
	}
	for i, r := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
