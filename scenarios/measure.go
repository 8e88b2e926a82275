package scenarios

// validateMeasure checks the measured window: measure_from_day in
// [0, days-1] and measure_days in [0, days-measure_from_day] (0 measures
// to the end).
func validateMeasure(c *checker, s *Scenario) {
	if s.Days < 1 {
		return // days itself is reported
	}
	if !c.intIn("measure_from_day", s.MeasureFromDay, 0, s.Days-1) {
		return
	}
	if s.MeasureDays < 0 || s.MeasureFromDay+s.MeasureDays > s.Days {
		c.add("measure_days", "must be between 0 (to the end) and %d (days %d minus measure_from_day %d), got %d", s.Days-s.MeasureFromDay, s.Days, s.MeasureFromDay, s.MeasureDays)
	}
}

// MeasuredDays returns how many days the scenario measures.
func (s *Scenario) MeasuredDays() int {
	if s.MeasureDays > 0 {
		return s.MeasureDays
	}
	return s.Days - s.MeasureFromDay
}
