package study

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestFmtNumNoExponent checks that numbers in the CSV files are written
// without an exponent (runs.csv had cost 1.2e+07) and read back exactly.
func TestFmtNumNoExponent(t *testing.T) {
	for _, v := range []float64{1.2e7, 986301.3698630137, 0.000012, 1e-9, 0, -3.5, 123456789012, 0.1 + 0.2} {
		s := fmtNum(v)
		if strings.ContainsAny(s, "eE") {
			t.Errorf("fmtNum(%v) = %q, with an exponent", v, s)
		}
		if back, err := strconv.ParseFloat(s, 64); err != nil || back != v {
			t.Errorf("fmtNum(%v) = %q reads back as %v (%v)", v, s, back, err)
		}
	}
	if fmtNum(math.NaN()) != "" {
		t.Error("NaN is not written empty")
	}
}
