package agents

import "testing"

// TestTypeAtNoStaticRate checks that a cell with no static rate (offenses
// reach it only by near-repeat spread) draws types by the precinct-wide
// shares, never a type of share 0.
func TestTypeAtNoStaticRate(t *testing.T) {
	var lu [NumLandUse][]float64
	for l := range lu {
		lu[l] = make([]float64, 4)
	}
	lu[Residential][0] = 1 // only cell 0 has any land use
	f := NewCrimeField(CrimeFieldSpec{Width: 2, Height: 2, LandUse: lu, PerDay: 10, Life: 100,
		Shares:   []float64{0.7, 0.3, 0},
		Affinity: [][NumLandUse]float64{{1}, {1}, {1}}})
	counts := make([]int, 3)
	for k := range 1000 {
		counts[f.TypeAt(3, (float64(k)+0.5)/1000)]++
	}
	if counts[2] != 0 || counts[0] != 700 || counts[1] != 300 {
		t.Errorf("types drawn in a cell with no static rate: %v, want [700 300 0]", counts)
	}
	if f.Static[3] != 0 || f.Static[0] != 10 {
		t.Errorf("static rates %v, want all 10 offenses a day in cell 0", f.Static)
	}
}

func TestBoostAndDecay(t *testing.T) {
	var lu [NumLandUse][]float64
	for l := range lu {
		lu[l] = make([]float64, 9)
	}
	for i := range 9 {
		lu[Residential][i] = 1
	}
	f := NewCrimeField(CrimeFieldSpec{Width: 3, Height: 3, LandUse: lu, PerDay: 9, Shares: []float64{1},
		Affinity: [][NumLandUse]float64{{1}}, Life: 1440})
	touched := 0
	f.Boost(4, 0, 0.8, 0.5, func(int) { touched++ })
	if touched != 9 {
		t.Errorf("a boost in the centre touched %d cells, want 9", touched)
	}
	// The follow-on rates integrate to the offspring: centre 0.4, the 8
	// neighbours 0.05 each, over a mean life of one day.
	if got := f.Dynamic(4, 0); got < 0.3999 || got > 0.4001 {
		t.Errorf("centre jump %v a day, want 0.4", got)
	}
	if got := f.Dynamic(0, 1440); got < 0.05*0.3678 || got > 0.05*0.3679 {
		t.Errorf("corner after one mean life %v, want 0.05/e", got)
	}
	f.Decay(1440)
	f.Decay(2880)
	if got := f.Dynamic(4, 2880); got < 0.4*0.1353 || got > 0.4*0.1354 {
		t.Errorf("centre after two days of Decay %v, want 0.4/e^2", got)
	}
}
