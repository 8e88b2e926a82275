package plots

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestTickLabelsParseBack checks, over many random axis ranges, that
// every tick label read back as a number is its tick's value (to a part
// in 1e9 of the axis' scale) and that no two labels are the same. The
// axes of issue 13 (ticks on halves: 1.5 to 3.5, 6.5 to 8.5, the
// 8-minute mark at 7.5) printed "2, 2, 4".
func TestTickLabelsParseBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	ranges := [][2]float64{{1.2, 3.7}, {6.3, 8.7}, {0, 7.8}, {11999999, 12000001}, {-0.0004, 0.0011}, {0, 1}, {0.1, 0.4}}
	for range 5000 {
		scale := math.Pow(10, float64(rng.IntN(14)-6))
		lo := (rng.Float64()*2 - 1) * scale * float64(rng.IntN(1000))
		ranges = append(ranges, [2]float64{lo, lo + scale*(0.5+rng.Float64()*20)})
	}
	for _, r := range ranges {
		ts := ticks{}.Ticks(r[0], r[1])
		seen := map[string]bool{}
		scale := math.Max(math.Abs(r[0]), math.Abs(r[1]))
		for _, tk := range ts {
			if tk.Label == "" {
				continue
			}
			got, err := strconv.ParseFloat(strings.ReplaceAll(tk.Label, ",", ""), 64)
			if err != nil {
				t.Fatalf("axis [%v, %v]: label %q: %v", r[0], r[1], tk.Label, err)
			}
			if math.Abs(got-tk.Value) > 1e-9*scale {
				t.Fatalf("axis [%v, %v]: tick %v labelled %q", r[0], r[1], tk.Value, tk.Label)
			}
			if seen[tk.Label] {
				t.Fatalf("axis [%v, %v]: label %q twice", r[0], r[1], tk.Label)
			}
			seen[tk.Label] = true
		}
	}
}

// TestTickLabels lists labels for axes people meet.
func TestTickLabels(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{1.2, 3.7, "1.5 2.5 3.5"},
		{0, 10000, "0 5,000 10,000"},
		{0.1, 0.4, "0.1 0.2 0.3 0.4"}, {6.3, 8.7, "6.5 7.5 8.5"},
	} {
		var got []string
		for _, tk := range (ticks{}).Ticks(c.lo, c.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("axis [%v, %v]: labels %q, want %q", c.lo, c.hi, strings.Join(got, " "), c.want)
		}
	}
}
