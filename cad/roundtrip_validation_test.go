//go:build validation

package cad

import "testing"

// TestRoundTripLiteral is the round trip with its literal
// tolerances on ten years of generated calls in every built-in layout:
// each type's per-day rate within 3 % of the scenario's and its median
// time on scene within 5 %, whatever the sample (the rarest type, 5 calls
// a day, has 18,250 calls: 3 % is four Poisson standard errors).
func TestRoundTripLiteral(t *testing.T) {
	roundTrip(t, 3650, func(float64) float64 { return 0.03 }, func(int) float64 { return 0.05 })
}
