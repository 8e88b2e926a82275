package report

import (
	"fmt"
	"math"

	"github.com/precinct-sim/precinct/sim"
)

// erlangC returns the probability that a call waits in an M/M/c queue of
// c servers at utilization rho (offered load a = rho*c erlangs), by the
// Erlang B recursion, which is stable for large c. It returns 1 when
// rho >= 1 (the queue grows without bound) and 0 without servers or load.
func erlangC(c int, rho float64) float64 {
	switch {
	case c < 1 || !(rho > 0):
		return 0
	case rho >= 1:
		return 1
	}
	a := rho * float64(c)
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// onDuty returns the average number of officers on duty at a time over a
// day of cfg's shifts.
func onDuty(cfg *sim.Config) float64 {
	minutes := 0.0
	for _, sh := range cfg.Shifts {
		minutes += sh.Length * float64(sh.Officers)
	}
	return minutes / sim.MinutesPerDay
}

// queueingNote states, for scenario i, what a textbook queue would give
// at the utilization the runs measured, beside the share of calls that
// waited in the simulation; "" when the output lacks either.
func queueingNote(s *Results, i int) string {
	name := s.names()[i]
	cfg := s.Scenarios[i].Config()
	util, okU := s.mean(name, "utilization")
	waited, okW := s.mean(name, "waited_share")
	if !okU || !okW {
		return ""
	}
	c := int(math.Round(onDuty(&cfg)))
	if c < 1 {
		return ""
	}
	return fmt.Sprintf("%s: %d officers on duty at a time on average, utilization %.1f %%. An Erlang C queue with %d servers at that utilization (calls arriving at random, any officer able to take any call, one officer per call) would make %.1f %% of calls wait; the simulation, where officers also drive to each call and calls come at rates that rise and fall through the day, measured %.1f %%.",
		name, c, 100*util, c, 100*erlangC(c, util), 100*waited)
}
