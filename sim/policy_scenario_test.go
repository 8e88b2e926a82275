package sim_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

const goodDir = "../testdata/scenarios/good/"

// checkedRuns runs replicates 0..n-1 of the scenario with the overrides,
// checking every engine invariant after every event and the books.
func checkedRuns(t *testing.T, n int, ref string, sets ...string) []*sim.Result {
	t.Helper()
	cfg := load(t, ref, sets...)
	out := make([]*sim.Result, n)
	for r := range n {
		out[r] = sim.CheckedRun(t, &cfg, r)
	}
	return out
}

func sum(rs []*sim.Result, f func(*sim.Result) float64) float64 {
	var s float64
	for _, r := range rs {
		s += f(r)
	}
	return s
}

func typeForce(name string) func(*sim.Result) float64 {
	return func(r *sim.Result) float64 {
		for _, bt := range r.Force.ByType {
			if bt.Type == name {
				return float64(bt.Force)
			}
		}
		return 0
	}
}

func freeHours(r *sim.Result) float64 { return r.OfficerHours.Patrol + r.OfficerHours.Engage }

// TestCoResponders: teams take most mental-health calls, so police use
// force on fewer of them, and officers have more free time; backups stay
// rare; every event of the runs keeps the engine's invariants.
func TestCoResponders(t *testing.T) {
	base := runs(t, 4, "baseline", "days=60")
	co := runs(t, 4, goodDir+"coresponders.toml", "days=60")
	fb, fc := sum(base, typeForce("mental_health")), sum(co, typeForce("mental_health"))
	hb, hc := sum(base, freeHours), sum(co, freeHours)
	calls := sum(co, func(r *sim.Result) float64 { return float64(r.CoResponders.Calls) })
	backups := sum(co, func(r *sim.Result) float64 { return float64(r.CoResponders.Backups) })
	freed := sum(co, func(r *sim.Result) float64 { return r.CoResponders.OfficerHoursFreed })
	t.Logf("mental-health force %v -> %v; officer free hours %.0f -> %.0f; team calls %v, backups %v (%.2f%%), officer hours freed %.0f",
		fb, fc, hb, hc, calls, backups, 100*backups/calls, freed)
	if !(fc < 0.5*fb) {
		t.Errorf("use of force on mental-health calls %v with teams, %v without: want under half", fc, fb)
	}
	if !(hc > hb+0.5*freed) {
		t.Errorf("officer free hours %.0f with teams, %.0f without (%.0f freed): want most of the freed hours back", hc, hb, freed)
	}
	if !(backups/calls < 0.01) {
		t.Errorf("backups %v of %v team calls: want under 1 %%", backups, calls)
	}
}

// TestDeescalation: training every officer cuts use of force and
// injuries by about the programme's effect (28 %).
func TestDeescalation(t *testing.T) {
	off := runs(t, 4, "baseline", "days=90")
	on := runs(t, 4, "baseline", "days=90", "training.deescalation=1")
	force := func(r *sim.Result) float64 { return float64(r.Force.UseOfForce) }
	inj := func(r *sim.Result) float64 { return float64(r.Force.CivilianInjuries + r.Force.OfficerInjuries) }
	f0, f1, i0, i1 := sum(off, force), sum(on, force), sum(off, inj), sum(on, inj)
	t.Logf("use of force %v -> %v (%.1f%%), injuries %v -> %v (%.1f%%)", f0, f1, 100*(f1/f0-1), i0, i1, 100*(i1/i0-1))
	if cut := 1 - f1/f0; !(cut > 0.18 && cut < 0.38) {
		t.Errorf("use of force cut by %.1f%%, want about 28%%", 100*cut)
	}
	if !(i1 < 0.85*i0) {
		t.Errorf("injuries %v with training, %v without: want a clear cut", i1, i0)
	}
}

// trustDrop returns the fall in mean trust across an incident at the
// start of day d: from the end of day d-2 to the end of day d. (The
// midnight that starts day d closes day d-1 after the incident.)
func trustDrop(r *sim.Result, d int) float64 {
	return r.Daily[d-2].Community.MeanTrust - r.Daily[d].Community.MeanTrust
}

// TestAccountability: with body cameras on every officer and civilian
// oversight, a high-profile incident costs less trust, and complaints
// are sustained more often.
func TestAccountability(t *testing.T) {
	const incident = "events=[{day = 20, kind = \"incident\", neighborhoods = [\"Riverside\"], severity = 1.0}]"
	none := runs(t, 3, "baseline", "days=40", incident)
	acc := runs(t, 3, "baseline", "days=40", incident, "accountability.cameras=1", "accountability.oversight=true")
	for r := range none {
		d0, d1 := trustDrop(none[r], 20), trustDrop(acc[r], 20)
		t.Logf("rep %d: trust drop on the incident day %.4f without, %.4f with cameras and oversight", r, d0, d1)
		if !(d0 > 0.03 && d1 < 0.7*d0) {
			t.Errorf("rep %d: trust drop %.4f with accountability, %.4f without: want a clear shrink", r, d1, d0)
		}
	}
	share := func(rs []*sim.Result) float64 {
		return sum(rs, func(r *sim.Result) float64 { return float64(r.Force.Sustained) }) /
			sum(rs, func(r *sim.Result) float64 { return float64(r.Force.Complaints) })
	}
	t.Logf("sustained share %.3f without, %.3f with", share(none), share(acc))
	if !(share(acc) > 1.5*share(none)) {
		t.Errorf("sustained share %.3f with accountability, %.3f without: want it clearly higher", share(acc), share(none))
	}
}

// TestIncidentRecovery: a high-profile incident lowers reporting in the
// months after it, and trust then recovers toward its level without the
// incident.
func TestIncidentRecovery(t *testing.T) {
	none := runs(t, 3, "baseline", "days=300")
	inc := runs(t, 3, "baseline", "days=300", "events=[{day = 30, kind = \"incident\", severity = 1.0}]")
	rate := func(r *sim.Result, from, to int) float64 {
		var rep, all int
		for _, d := range r.Daily[from:to] {
			rep += d.Community.Reported
			all += d.Community.True
		}
		return float64(rep) / float64(all)
	}
	for r := range none {
		a, b := none[r], inc[r]
		r0, r1 := rate(a, 31, 91), rate(b, 31, 91)
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

// TestSocialServicesLag: investment lowers true crime only after its lag:
// before it the runs are identical, after it offending is clearly lower.
func TestSocialServicesLag(t *testing.T) {
	sets := []string{"days=240", "services.lag_days=90", "services.ramp_days=30", "services.max_effect=0.3"}
	none := runs(t, 2, "baseline", sets...)
	inv := runs(t, 2, "baseline", append(sets, "services.per_year=4000000")...)
	count := func(r *sim.Result, from, to int) int {
		n := 0
		for _, d := range r.Daily[from:to] {
			n += d.Community.True
		}
		return n
	}
	for r := range none {
		b0, b1 := count(none[r], 0, 90), count(inv[r], 0, 90)
		a0, a1 := count(none[r], 120, 240), count(inv[r], 120, 240)
		t.Logf("rep %d: true offenses before the lag %d vs %d; after the ramp %d vs %d (%.1f%%)", r, b0, b1, a0, a1, 100*(float64(a1)/float64(a0)-1))
		if b0 != b1 {
			t.Errorf("rep %d: offenses before the lag differ (%d vs %d): investment acted early", r, b0, b1)
		}
		if !(float64(a1) < 0.85*float64(a0)) {
			t.Errorf("rep %d: offenses after the ramp %d with investment, %d without: want a clear cut", r, a1, a0)
		}
	}
}

// TestStaffingCutMidYear: a headcount cut on day 60 leaves the days
// before exactly as they were and slows P1 responses from that day on.
func TestStaffingCutMidYear(t *testing.T) {
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

// TestBudgetEqualsStaffing: a scenario given as a budget (with a funding
// shift) and the same quantities given directly build the same engine
// configuration and the same run, byte for byte; cost is the sum of its
// lines, each as the unit costs say.
func TestBudgetEqualsStaffing(t *testing.T) {
	a := load(t, goodDir+"budget.toml", "days=30")
	b := load(t, goodDir+"budget_staffed.toml", "days=30")
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("configurations differ:\nbudget  %+v\nstaffed %+v", a.Force, b.Force)
	}
	ra, rb := runs1(t, &a), runs1(t, &b)
	ja, _ := json.Marshal(ra)
	jb, _ := json.Marshal(rb)
	if string(ja) != string(jb) {
		t.Error("results differ")
	}
	want := map[string]float64{
		"sworn": 100 * 120000, "coresponders": 3 * 10 * 365.0 / 1680 * 180000, "training": 25 * 16 * 75,
		"cameras": 50 * 1500, "oversight": 600000, "social_services": 1e6,
	}
	var total float64
	for _, l := range ra.Cost.Lines {
		w := want[l.Name] * 30 / 365
		if d := l.Amount - w; d > 1e-6*w || d < -1e-6*w {
			t.Errorf("cost line %s: %.2f over 30 days, want %.2f", l.Name, l.Amount, w)
		}
		total += l.Amount
	}
	if total != ra.Cost.Total || len(ra.Cost.Lines) != len(want) {
		t.Errorf("cost total %.2f, lines %v sum to %.2f", ra.Cost.Total, ra.Cost.Lines, total)
	}
	t.Logf("cost over 30 days %.0f, per call %.2f", ra.Cost.Total, *ra.Cost.PerCall)
}

func runs1(t *testing.T, cfg *sim.Config) *sim.Result {
	t.Helper()
	res, err := sim.Run(*cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	sim.CheckResult(t, cfg, res)
	return res
}

// TestEvents runs every kind of event, and co-responder teams, with the
// engine's invariants checked after every event.
func TestEvents(t *testing.T) {
	res := checkedRuns(t, 2, goodDir+"events.toml", "days=35", "staffing.headcount=40")
	if res[0].Force.Incidents != 1 || res[0].CoResponders == nil || res[0].CoResponders.Calls == 0 {
		t.Errorf("incidents %d, co-responders %+v: want 1 incident and team calls", res[0].Force.Incidents, res[0].CoResponders)
	}
}
