package agents

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

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

func TestBoostDecays(t *testing.T) {
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
	if got := f.Dynamic(4, 2880); got < 0.4*0.1353 || got > 0.4*0.1354 {
		t.Errorf("centre after two mean lives %v, want 0.4/e^2", got)
	}
}

// TestSetStationary checks the stationary dynamic rate against the
// linear system it solves, built independently: the spreading of one
// offense's offspring read off Boost cell by cell, the cells' mean
// offspring from their static type mix (two types with different
// branching ratios and land uses, one cell with no static rate), and
// d = S^T (o x mult x (Static + d)) solved directly.
func TestSetStationary(t *testing.T) {
	const w, h, n = 4, 3, 12
	var lu [NumLandUse][]float64
	for l := range lu {
		lu[l] = make([]float64, n)
	}
	for i := range n - 1 { // the last cell has no land use
		lu[Residential][i] = float64(1 + i%3)
		lu[Nightlife][i] = float64(i % 2)
	}
	spec := CrimeFieldSpec{Width: w, Height: h, LandUse: lu, PerDay: 20, Life: 3 * 1440,
		Shares: []float64{0.6, 0.4}, Affinity: [][NumLandUse]float64{{1, 0, 0, 0}, {0.2, 0, 3, 0}}}
	offspring := []float64{0.3, 0.1}
	const spread = 0.4
	mult := make([]float64, n)
	for i := range mult {
		mult[i] = 0.8 + 0.05*float64(i)
	}

	f := NewCrimeField(spec)
	// Per type, the share of cell i's static rate: its rate when the other
	// type's share is 0, over the whole.
	var typeRate [2][]float64
	for k := range 2 {
		s := spec
		s.Shares = []float64{0, 0}
		s.Shares[k] = spec.Shares[k]
		typeRate[k] = NewCrimeField(s).Static
	}
	// S[j][i]: offspring of one offense in cell j that land in cell i.
	a := mat.NewDense(n, n, nil)
	b := mat.NewVecDense(n, nil)
	for j := range n {
		o := 0.0
		if f.Static[j] > 0 {
			for k := range 2 {
				o += offspring[k] * typeRate[k][j] / f.Static[j]
			}
		} else {
			o = offspring[0]*spec.Shares[0] + offspring[1]*spec.Shares[1]
		}
		g := NewCrimeField(spec)
		g.Boost(j, 0, 1, spread, func(int) {})
		for i := range n {
			s := g.Dynamic(i, 0) * spec.Life / 1440
			// d_i - Σ_j S[j][i] o_j m_j d_j = Σ_j S[j][i] o_j m_j Static_j
			a.Set(i, j, a.At(i, j)-s*o*mult[j])
			b.SetVec(i, b.AtVec(i)+s*o*mult[j]*f.Static[j])
		}
	}
	for i := range n {
		a.Set(i, i, a.At(i, i)+1)
	}
	var want mat.VecDense
	if err := want.SolveVec(a, b); err != nil {
		t.Fatal(err)
	}
	f.SetStationary(0, offspring, mult, spread)
	for i := range n {
		if got := f.Dynamic(i, 0); math.Abs(got-want.AtVec(i)) > 1e-9*(1+want.AtVec(i)) {
			t.Errorf("cell %d: stationary dynamic rate %.10f, the linear system gives %.10f", i, got, want.AtVec(i))
		}
	}
	if !(f.Dynamic(n-1, 0) > 0) {
		t.Errorf("the cell with no static rate has dynamic rate %v: want the spread of its neighbours' offspring", f.Dynamic(n-1, 0))
	}
}
