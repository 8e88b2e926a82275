package sim_test

import (
	"reflect"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestIncidentRecovery: a high-profile incident lowers residents'
// reporting in the months after it, and trust then recovers toward its level without the
// incident.
func TestIncidentRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	incident := "events=[{day = 30, kind = \"incident\", severity = 1.0}]"
	none := runs(t, 3, "baseline", "days=300")
	inc := runs(t, 3, "baseline", "days=300", incident)
	// Reporting by resident victims (businesses report whatever the
	// trust) of the offenses of days 31-90: runs measuring those days.
	// (The books of runs' checks assume the whole run is measured.)
	window := []string{"days=91", "measure_from_day=31", "measure_days=60"}
	cfg0, cfg1 := load(t, "baseline", window...), load(t, "baseline", append(window, incident)...)
	rate := func(cfg sim.Config, r int) float64 {
		res, err := sim.Run(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		return *res.Community.ReportingRate
	}
	for r := range none {
		a, b := none[r], inc[r]
		r0, r1 := rate(cfg0, r), rate(cfg1, r)
		gap0 := a.Daily[30].Community.MeanTrust - b.Daily[30].Community.MeanTrust
		gapEnd := a.Daily[299].Community.MeanTrust - b.Daily[299].Community.MeanTrust
		t.Logf("rep %d: reporting in the two months after %.4f without, %.4f with; trust gap %.4f after the incident, %.4f at the end",
			r, r0, r1, gap0, gapEnd)
		if !(r1 < r0-0.005) {
			t.Errorf("rep %d: reporting %.4f after the incident, %.4f without: want it lower", r, r1, r0)
		}
		if !(gap0 > 0.03 && gapEnd < 0.35*gap0) {
			t.Errorf("rep %d: trust gap %.4f after the incident, %.4f at the end: want it mostly recovered", r, gap0, gapEnd)
		}
	}
}

// TestStaffingCutMidYear: a headcount cut on day 60 leaves the days
// before exactly as they were and slows P1 responses from that day on.
func TestStaffingCutMidYear(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	none := runs(t, 2, "baseline", "days=120")
	cut := runs(t, 2, "baseline", "days=120", "events=[{day = 60, kind = \"staffing\", headcount = 60}]")
	p1 := func(r *sim.Result, from, to int) float64 {
		var s float64
		for _, d := range r.Daily[from:to] {
			s += *d.P1ResponseMean
		}
		return s / float64(to-from)
	}
	for r := range none {
		if !reflect.DeepEqual(none[r].Daily[:59], cut[r].Daily[:59]) {
			t.Errorf("rep %d: the days before the cut differ", r)
		}
		b, a := p1(none[r], 60, 120), p1(cut[r], 60, 120)
		t.Logf("rep %d: P1 mean response after day 60: %.2f min, %.2f with the cut", r, b, a)
		if !(a > 1.1*b) {
			t.Errorf("rep %d: P1 response %.2f after the cut, %.2f without: want it clearly slower", r, a, b)
		}
	}
}

// TestMutualAid: extra units during a surge lower the queue delay on the
// surge days.
func TestMutualAid(t *testing.T) {
	if testing.Short() {
		t.Skip("direction test: skipped under -short")
	}
	const surge = "{day = 10, kind = \"surge\", duration = \"72h\", factor = 4.0}"
	alone := runs(t, 3, "baseline", "days=20", "staffing.headcount=80", "events=["+surge+"]")
	aided := runs(t, 3, "baseline", "days=20", "staffing.headcount=80",
		"events=["+surge+", {day = 10, kind = \"mutual_aid\", duration = \"72h\", units = 8}]")
	delay := func(r *sim.Result) float64 {
		var s float64
		for _, d := range r.Daily[10:13] {
			s += *d.QueueDelayMean
		}
		return s / 3
	}
	for r := range alone {
		a, b := delay(alone[r]), delay(aided[r])
		t.Logf("rep %d: surge days' mean queue delay %.2f min alone, %.2f with mutual aid; calls on day 10: %d", r, a, b, alone[r].Daily[10].Calls)
		if !(b < 0.7*a) {
			t.Errorf("rep %d: queue delay %.2f with aid, %.2f without: want clearly lower", r, b, a)
		}
	}
}

// TestEvents runs every kind of event, and co-responder teams, with the
// engine's invariants checked after every event.
func TestEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario run: skipped under -short")
	}
	res := checkedRuns(t, 2, goodDir+"events.toml", "days=35", "staffing.headcount=40")
	if res[0].Force.Incidents != 1 || res[0].CoResponders == nil || res[0].CoResponders.Calls == 0 {
		t.Errorf("incidents %d, co-responders %+v: want 1 incident and team calls", res[0].Force.Incidents, res[0].CoResponders)
	}
}
