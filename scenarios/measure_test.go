package scenarios

import (
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/sim"
)

// TestMeasureWindow measures the storm days of emergency-surge alone
// (issue 13 item 11: --days 13 measured ten ordinary days and three storm
// days) and checks that the run reports that window and that the storm
// days, measured alone, have more calls waiting than the ten days before.
func TestMeasureWindow(t *testing.T) {
	run := func(sets ...string) *sim.Result {
		t.Helper()
		s, err := Load("emergency-surge", sets)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(s.Config(), 0)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	storm := run("measure_from_day=10", "measure_days=3")
	before := run("measure_days=10")
	if storm.Days != 3 || storm.MeasureFrom != 10 || len(storm.Daily) != 3 {
		t.Fatalf("storm window: %d days from day %d, %d daily rows; want 3 from 10", storm.Days, storm.MeasureFrom, len(storm.Daily))
	}
	if !(storm.WaitedShare > 5*before.WaitedShare+0.05) {
		t.Errorf("calls that waited: storm days %.3f, the ten days before %.3f", storm.WaitedShare, before.WaitedShare)
	}
	if perDay, perDayBefore := float64(storm.Calls)/3, float64(before.Calls)/10; !(perDay > 2*perDayBefore) {
		t.Errorf("calls a day: storm %.0f, before %.0f; want the storm's triple rate", perDay, perDayBefore)
	}
}

// TestMeasureBadInput checks the window's ranges and that a --days value
// that ends the run before an event blames the override, not the library
// file that holds the event.
func TestMeasureBadInput(t *testing.T) {
	for _, c := range []struct {
		sets      []string
		want, not string
	}{
		{[]string{"days=10"}, "--set days=10: days: must be at least 11 for the event on day 10", "emergency-surge.toml:"},
		{[]string{"measure_from_day=30"}, "measure_from_day: must be between 0 and 29, got 30", ""},
		{[]string{"measure_from_day=10", "measure_days=21"}, "measure_days: must be between 0 (to the end) and 20", ""},
	} {
		_, err := Load("emergency-surge", c.sets)
		if err == nil || !strings.Contains(err.Error(), c.want) || (c.not != "" && strings.Contains(err.Error(), c.not)) {
			t.Errorf("%v: err %v; want %q", c.sets, err, c.want)
		}
	}
}
