package scenarios

import (
	"reflect"
	"testing"
)

func TestPosts(t *testing.T) {
	for _, tc := range []struct {
		st   Staffing
		want []int
	}{
		// 100 officers x 1680 h / 365 d = 460.3 officer-hours a day.
		{Staffing{Pattern: "8x3", Headcount: 100, AnnualHours: 1680}, []int{20, 19, 19}},                              // 57.53 posts -> 58
		{Staffing{Pattern: "10x4", Headcount: 100, AnnualHours: 1680}, []int{12, 12, 11, 11}},                         // 46.03 -> 46
		{Staffing{Pattern: "12x2", Headcount: 100, AnnualHours: 1680}, []int{19, 19}},                                 // 38.36 -> 38
		{Staffing{Pattern: "24x1", Headcount: 52, AnnualHours: 1680}, []int{10}},                                      // 9.97 -> 10
		{Staffing{Pattern: "8x3", Headcount: 100, AnnualHours: 1680, Weights: []float64{1, 2, 1}}, []int{15, 29, 14}}, // 57.53 -> 58,
		{Staffing{Pattern: "8x3", OfficersPerShift: []int{3, 4, 5}}, []int{3, 4, 5}},
	} {
		if got := tc.st.posts(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s, headcount %d, weights %v: posts %v, want %v", tc.st.Pattern, tc.st.Headcount, tc.st.Weights, got, tc.want)
		}
	}
}
