package sim_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestBudgetEqualsStaffing: a scenario given as a budget (with a funding
// shift) and the same quantities given directly build the same engine
// configuration and the same run, byte for byte; cost is the sum of its
// lines, each as the unit costs say, overtime at time and a half of an
// officer's hourly cost.
func TestBudgetEqualsStaffing(t *testing.T) {
	if testing.Short() {
		t.Skip("scenario run: skipped under -short")
	}
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
	for name := range want {
		want[name] *= 30.0 / 365
	}
	want["overtime"] = ra.OfficerHours.Overtime * 1.5 * 120000 / 1680
	if ra.OfficerHours.Overtime <= 0 {
		t.Errorf("no overtime in 30 days")
	}
	var total float64
	for _, l := range ra.Cost.Lines {
		w := want[l.Name]
		if d := l.Amount - w; d > 1e-6*w || d < -1e-6*w {
			t.Errorf("cost line %s: %.2f over 30 days, want %.2f", l.Name, l.Amount, w)
		}
		total += l.Amount
	}
	if total != ra.Cost.Total || len(ra.Cost.Lines) != len(want) {
		t.Errorf("cost total %.2f, lines %v sum to %.2f", ra.Cost.Total, ra.Cost.Lines, total)
	}
	if ra.Cost.Currency != "USD" {
		t.Errorf("currency %q, want the default USD", ra.Cost.Currency)
	}
	var daily float64
	for _, d := range ra.Daily {
		daily += d.Cost
	}
	if d := daily - ra.Cost.Total; d > 1e-6*daily || d < -1e-6*daily {
		t.Errorf("daily costs sum to %.2f, the run's cost is %.2f", daily, ra.Cost.Total)
	}
	t.Logf("cost over 30 days %.0f, per call %.2f", ra.Cost.Total, *ra.Cost.PerCall)
}

// TestOvertimeCost: two shift patterns of the same headcount cost the same
// rostered hours, so their costs differ by their overtime alone, at
// costs.overtime x costs.officer / staffing.annual_hours an hour.
func TestOvertimeCost(t *testing.T) {
	a := runs(t, 1, "staffing-8x3", "days=20")[0]
	b := runs(t, 1, "staffing-12x2", "days=20")[0]
	dh := a.OfficerHours.Overtime - b.OfficerHours.Overtime
	if dh < 20 {
		t.Fatalf("overtime %.0f h on 8-hour shifts, %.0f h on 12-hour shifts: want clearly more on the 8-hour ones", a.OfficerHours.Overtime, b.OfficerHours.Overtime)
	}
	want := dh * 1.5 * 120000 / 1680
	if got := a.Cost.Total - b.Cost.Total; math.Abs(got-want) > 1e-6*want {
		t.Errorf("cost difference %.2f for %.1f more overtime hours, want %.2f", got, dh, want)
	}
}
