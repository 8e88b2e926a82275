package sim_test

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestBudgetEqualsStaffing: a scenario given as a budget (with a funding
// shift) and the same quantities given directly build the same engine
// configuration and the same run, byte for byte; cost is the sum of its
// lines, each as the unit costs say.
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
