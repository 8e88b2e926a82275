package cad

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
)

// TestReadCountsGenerated checks that reading a generated extract of
// every built-in profile sorts its rows exactly as the generator made
// them: kept, officer-initiated, and dropped by reason.
func TestReadCountsGenerated(t *testing.T) {
	s := scenarios.Default()
	for _, name := range Profiles() {
		t.Run(name, func(t *testing.T) {
			p, err := LoadProfile(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			truth, err := Generate(&buf, p, &s, GenOptions{Days: 7, Quirk: 0.01, SelfInit: 10}, rand.New(rand.NewPCG(1, 2)))
			if err != nil {
				t.Fatal(err)
			}
			perType := map[string]int{}
			got, err := Read(&buf, name+".csv", p, func(r *Row) {
				if !r.SelfInit {
					perType[r.Type]++
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if got.Rows != truth.Counts.Rows || got.Kept != truth.Counts.Kept || got.SelfInitiated != truth.Counts.SelfInitiated {
				t.Errorf("rows %d kept %d self %d, want %d %d %d", got.Rows, got.Kept, got.SelfInitiated, truth.Counts.Rows, truth.Counts.Kept, truth.Counts.SelfInitiated)
			}
			for _, r := range Reasons {
				if got.Dropped[r] != truth.Counts.Dropped[r] {
					t.Errorf("dropped %s: %d, want %d", r, got.Dropped[r], truth.Counts.Dropped[r])
				}
			}
			for k, v := range truth.PerType {
				if perType[k] != v {
					t.Errorf("type %s: %d kept, want %d", k, perType[k], v)
				}
			}
		})
	}
}

// TestLaterOf checks the reading of the hour a clock shows twice when
// summer time ends: a stamp in it that reads before the one it follows is
// its second occurrence; any other early stamp stays out of order.
func TestLaterOf(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name      string
		t, prev   time.Time
		wantDelta time.Duration
	}{
		{"in order", at("2025-11-02 01:20"), at("2025-11-02 01:10"), 0},
		{"second 01:05 after 01:50", at("2025-11-02 01:05"), at("2025-11-02 01:50"), time.Hour},
		{"early outside the repeated hour", at("2025-06-01 01:05"), at("2025-06-01 01:50"), 0},
		{"too early even an hour later", at("2025-11-02 01:05"), at("2025-11-02 01:50").Add(time.Hour), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := laterOf(tc.t, tc.prev).Sub(tc.t); got != tc.wantDelta {
				t.Errorf("laterOf moved the stamp by %v, want %v", got, tc.wantDelta)
			}
		})
	}
}
