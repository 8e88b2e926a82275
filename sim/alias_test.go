package sim

import (
	"math"
	"testing"
)

// TestAliasTable checks that a fine grid of uniforms lands on each index
// in proportion to its weight, and never on an index of zero weight.
func TestAliasTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    []float64
	}{
		{"one", []float64{3}},
		{"equal", []float64{1, 1, 1, 1}},
		{"skewed", []float64{100, 1, 1, 1, 1, 1, 1}},
		{"zeros", []float64{0, 2, 0, 0, 5, 0, 1, 0}},
		{"tiny", []float64{1e-12, 1, 1e12, 7, 0.5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newAliasTable(tc.w)
			var total float64
			for _, x := range tc.w {
				total += x
			}
			const n = 1 << 20
			count := make([]int, len(tc.w))
			for k := range n {
				count[a.draw((float64(k)+0.5)/n)]++
			}
			for i, c := range count {
				want := n * tc.w[i] / total
				if tc.w[i] == 0 && c > 0 {
					t.Errorf("index %d of zero weight drawn %d times", i, c)
				}
				if math.Abs(float64(c)-want) > float64(len(tc.w))+1 {
					t.Errorf("index %d drawn %d times in %d, want %.1f", i, c, n, want)
				}
			}
		})
	}
}
