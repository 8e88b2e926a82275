package report

import (
	"strings"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
)

// TestEventsOnDailyCharts checks that a scheduled event inside the
// measured window is marked on every daily chart, at its day counted as
// events[].day counts, and that the report says which days were
// measured (issue 13 item 11).
func TestEventsOnDailyCharts(t *testing.T) {
	res := synthetic(t, t.TempDir(), smallWorld, 1, 3, 10)
	asRun(res)
	sc := res.Scenarios[0]
	sc.Events = []scenarios.Event{{Day: 13, Kind: "surge", Factor: 3, Duration: scenarios.Duration{Duration: 72 * time.Hour}},
		{Day: 40, Kind: "incident"}} // after the window: not drawn
	sc.MeasureFromDay, sc.MeasureDays, sc.Days = 10, 10, 30
	c, err := NewCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Series) == 0 {
		t.Fatal("no daily charts")
	}
	for _, ts := range c.Series {
		if len(ts.Events) != 1 || ts.Events[0].From != 13 || ts.Events[0].To != 16 || ts.Events[0].Label != "surge x3" {
			t.Errorf("%s: events %+v, want the surge of days 13 to 16", ts.Metric, ts.Events)
		}
		if d := ts.Series[0][0].Day; d != 10 {
			t.Errorf("%s: first point on day %d, want 10 (the first measured day)", ts.Metric, d)
		}
	}
	if got := scenarioWindow(sc); !strings.Contains(got, "days 10 to 19 of 30") {
		t.Errorf("measured period %q", got)
	}
}
