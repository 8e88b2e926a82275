package report

// VerdictTable is the report's paired comparison of one scenario with the
// first: per key outcome, the mean paired difference, its interval and
// the verdict, formatted as report.html shows them.
type VerdictTable struct {
	Scenario, Reference string
	Color               string // the scenario's colour in the charts
	Rows                []VerdictRow
}

// VerdictRow is one outcome of a VerdictTable.
type VerdictRow struct {
	Label, Unit, Diff, CI, Verdict string
}

// Verdicts returns the comparison tables of report.html (none for a
// single scenario, or for more than ManyScenarios), so that another page
// can show the same numbers in the same words.
func Verdicts(s *Results) ([]VerdictTable, error) {
	p, err := buildPage(s, nil)
	if err != nil {
		return nil, err
	}
	var out []VerdictTable
	for _, c := range p.Compared {
		vt := VerdictTable{Scenario: c.Scenario, Reference: p.Reference, Color: c.Color}
		for _, r := range c.Rows {
			vt.Rows = append(vt.Rows, VerdictRow(r))
		}
		out = append(out, vt)
	}
	return out, nil
}
