package sim

import "slices"

// minutesPerYear turns the budget's yearly amounts into amounts per minute.
const minutesPerYear = 365 * MinutesPerDay

// addOvertime adds the line "overtime": hours of overtime at perHour each.
func (cs *CostStats) addOvertime(hours, perHour float64) {
	amount := hours * perHour
	cs.Lines = append(cs.Lines, CostAmount{Name: "overtime", Amount: amount})
	cs.Total += amount
}

// costOver returns what the budget's lines cost over [from, to): each line
// at its yearly rate, changed from the minute of each roster event that
// carries cost lines. Lines keep the order of their first appearance.
func costOver(cfg *Config, from, to float64) CostStats {
	type change struct {
		t     float64
		lines []CostLine
	}
	changes := []change{{t: 0, lines: cfg.Costs}}
	for _, ev := range cfg.Events {
		if ev.Kind == EventRoster && ev.Costs != nil {
			changes = append(changes, change{ev.Start, ev.Costs})
		}
	}
	slices.SortStableFunc(changes, func(a, b change) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	cs := CostStats{Currency: cfg.Currency}
	index := map[string]int{}
	for i, ch := range changes {
		until := to
		if i+1 < len(changes) {
			until = min(to, changes[i+1].t)
		}
		span := max(0, until-max(from, ch.t))
		for _, l := range ch.lines {
			k, ok := index[l.Name]
			if !ok {
				k = len(cs.Lines)
				index[l.Name] = k
				cs.Lines = append(cs.Lines, CostAmount{Name: l.Name})
			}
			cs.Lines[k].Amount += l.PerYear * span / minutesPerYear
		}
	}
	for _, l := range cs.Lines {
		cs.Total += l.Amount
	}
	return cs
}
