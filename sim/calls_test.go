package sim

import (
	"math"
	"testing"

	"github.com/precinct-sim/precinct/agents"
)

func TestPiecewisePoissonRate(t *testing.T) {
	// Hour 3 has all the calls: every arrival must fall in hour 3 of a day,
	// and the count over many days must match the rate.
	cfg := testConfig(3, agents.PatrolStay, false)
	var p [24]float64
	p[3] = 1
	types := []CallType{{Name: "x", Priority: P3, PerDay: 50, Profile: p}}
	cg := newCallGen(types, cfg.Grid.CallWeight, NewStream(3, 0, StreamCalls), tagCalls)
	n, days := 0, 2000
	for t0 := cg.next(0); t0 < float64(days*MinutesPerDay); t0 = cg.next(t0) {
		if h := int(math.Mod(t0, MinutesPerDay) / 60); h != 3 {
			t.Fatalf("arrival at minute %v, hour %d; want hour 3", t0, h)
		}
		n++
	}
	want := 50.0 * float64(days)
	if math.Abs(float64(n)-want) > 4*math.Sqrt(want) {
		t.Errorf("%d arrivals in %d days, want %v +- 4 sd", n, days, want)
	}
}
