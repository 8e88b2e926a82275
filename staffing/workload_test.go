package staffing

import (
	"math"
	"strings"
	"testing"
)

// TestWorkloadArithmetic checks the COPS Office workload method against
// hand computation.
func TestWorkloadArithmetic(t *testing.T) {
	for _, tc := range []struct {
		calls, hours, units, share, avail          float64
		obligated, patrol, officers, relief, posts float64
	}{
		// 10,000 calls x 1 h x 1 unit = 10,000 h; / (1/3) = 30,000 h; / 1,680 = 17.857 officers;
		// relief 8,760 / 1,680 = 5.214; 17.857 / 5.214 = 3.425 on duty.
		{10000, 1, 1, 1.0 / 3, 1680, 10000, 30000, 30000.0 / 1680, 8760.0 / 1680, 30000.0 / 8760},
		// 62,000 x 0.75 h x 1.8 = 83,700 h; / 0.5 = 167,400 h; / 1,800 = 93 officers; relief 4.867.
		{62000, 0.75, 1.8, 0.5, 1800, 83700, 167400, 93, 8760.0 / 1800, 167400.0 / 8760},
		// 2,080 h a year available: relief 4.2115; 5,000 x 1.2 x 2 = 12,000; / 0.6 = 20,000; / 2,080 = 9.615.
		{5000, 1.2, 2, 0.6, 2080, 12000, 20000, 20000.0 / 2080, 8760.0 / 2080, 20000.0 / 8760},
		// Every hour of the year available: relief 1, officers = posts on duty.
		{8760, 1, 1, 1, 8760, 8760, 8760, 1, 1, 1},
	} {
		w := WorkloadMethod(tc.calls, tc.hours, tc.units, tc.share, tc.avail)
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"obligated", w.ObligatedHours, tc.obligated}, {"patrol", w.PatrolHours, tc.patrol},
			{"officers", w.Officers, tc.officers}, {"relief", w.Relief, tc.relief}, {"posts", w.PostsOnDuty, tc.posts}} {
			if math.Abs(c.got-c.want) > 1e-9*math.Max(1, c.want) {
				t.Errorf("calls %v, %v h, %v units, share %v, %v h: %s = %v, want %v", tc.calls, tc.hours, tc.units, tc.share, tc.avail, c.name, c.got, c.want)
			}
		}
	}
}

// TestHeadcount checks posts -> officers through the relief factor.
func TestHeadcount(t *testing.T) {
	eight := []Group{{"day", "07:00", 8}, {"evening", "15:00", 8}, {"night", "23:00", 8}}
	for _, tc := range []struct {
		groups   []Group
		posts    []int
		avail    float64
		officers float64
		hire     int
	}{
		{eight, []int{20, 19, 19}, 1680, 464 * 365 / 1680.0, 101},                 // the baseline's roster
		{[]Group{{"all", "00:00", 24}}, []int{19}, 1680, 19 * 8760 / 1680.0, 100}, // 19 posts x relief 5.214 = 99.07
		{eight, []int{10, 10, 10}, 2190, 240 * 365 / 2190.0, 40},                  // exactly 40
	} {
		h := NewHeadcount(tc.groups, tc.posts, tc.avail, 120000, "USD")
		if math.Abs(h.Officers-tc.officers) > 1e-9 || h.Hire != tc.hire || h.CostPerYear != float64(tc.hire)*120000 {
			t.Errorf("%v at %v h: %v officers, hire %d, cost %v; want %v, %d", tc.posts, tc.avail, h.Officers, h.Hire, h.CostPerYear, tc.officers, tc.hire)
		}
	}
}

// TestParseTarget checks units and the errors of bad targets.
func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		in     string
		bound  float64
		atMost bool
		err    string
	}{
		{"p1_response_p90<=8m", 8, true, ""},
		{" p1_response_p90 <= 7m30s ", 7.5, true, ""},
		{"waited_share<=0.05", 0.05, true, ""},
		{"waited_share<=5%", 0.05, true, ""},
		{"mean_trust_end>=0.5", 0.5, false, ""},
		{"overtime_hours<=300", 300, true, ""},
		{"p1_response_p90<8m", 0, false, "want METRIC<=VALUE"},
		{"p1_response_p99<=8m", 0, false, "unknown metric \"p1_response_p99\""},
		{"p1_response_p90<=8", 0, false, "want a duration with its unit"},
		{"waited_share<=5m", 0, false, "want a share like 0.05"},
		{"waited_share<=150%", 0, false, "impossible bound"},
		{"p1_response_p90<=-1m", 0, false, "impossible bound"},
		{"waited_share<=1", 0, false, "every roster meets it"},
		{"calls>=0", 0, false, "every roster meets it"},
		{"overtime_hours<=lots", 0, false, "want a plain number"},
		{"p1_response_p90<=8m<=9m", 0, false, "one comparison"},
	} {
		got, err := ParseTarget(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one saying %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err == "" && (math.Abs(got.Bound-tc.bound) > 1e-12 || got.AtMost != tc.atMost):
			t.Errorf("%q: bound %v at most %v, want %v %v", tc.in, got.Bound, got.AtMost, tc.bound, tc.atMost)
		}
	}
}
