package cad

import (
	"bytes"
	"math/rand/v2"
	"testing"

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
