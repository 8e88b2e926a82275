package report

import (
	"fmt"

	"github.com/precinct-sim/precinct/scenarios"
)

// windowText says which days a scenario measured: "365 measured days
// after 14 warm-up days", or, when measure_from_day or measure_days
// narrow the window, "3 measured days, days 10 to 12 of 30 (day 0 is the
// first after 14 warm-up days)".
func windowText(days, warmup, from, measured int) string {
	if from == 0 && measured == days {
		return fmt.Sprintf("%d measured days after %d warm-up days", days, warmup)
	}
	return fmt.Sprintf("%s, days %d to %d of %d (day 0 is the first after %d warm-up days)",
		pluralDays(measured), from, from+measured-1, days, warmup)
}

// pluralDays returns "1 measured day" or "n measured days".
func pluralDays(n int) string {
	if n == 1 {
		return "1 measured day"
	}
	return fmt.Sprintf("%d measured days", n)
}

// scenarioWindow is windowText of a scenario.
func scenarioWindow(sc *scenarios.Scenario) string {
	return windowText(sc.Days, sc.WarmupDays, sc.MeasureFromDay, sc.MeasuredDays())
}
