package agents

import (
	"math"

	"github.com/precinct-sim/precinct/internal/enum"
)

// LandUse is a kind of place that draws offenses.
type LandUse uint8

// The land uses. Residential weight comes from where residents live; the
// others from the scenario's places.
const (
	Residential LandUse = iota
	Commerce
	Nightlife
	Transit
	NumLandUse // the number of land uses; not one
)

var landUseNames = enum.New[LandUse]("LandUse", "land use", "residential", "commerce", "nightlife", "transit")

// LandUses lists the land-use names in order.
func LandUses() []string { return landUseNames.List() }

// String returns the land use's name as written in scenarios.
func (l LandUse) String() string { return landUseNames.String(l) }

// ParseLandUse returns the land use named s.
func ParseLandUse(s string) (LandUse, error) { return landUseNames.Parse(s) }

// CrimeField is each cell's attractiveness to offenders (after Short,
// D'Orsogna et al. 2008): a static part from land use, which problem
// solving can lower, and a dynamic part that jumps after each offense in
// or next to the cell and decays exponentially (near-repeat
// victimization). The dynamic part is the self-exciting (Hawkes) form of
// Mohler et al. (2011): an offense adds a decaying rate whose integral is
// the expected number of offenses it triggers, so the process stays
// stable while that number (the branching ratio) is below 1.
//
// Static[i] is cell i's expected offenses a day at baseline, all types
// together; the dynamic part adds to it, in offenses a day.
type CrimeField struct {
	Width, Height int
	Static        []float64 // expected offenses a day at baseline, per cell
	static0       []float64 // Static as built: the problem-solving floor refers to it
	typeCum       []float64 // per cell, cumulative shares of the offense types, cell i's from i x stride
	shareCum      []float64 // cumulative precinct-wide type shares, for cells with no static rate
	types, stride int

	dyn  []dynamicRate // per cell
	life float64       // mean life of the dynamic rate, minutes
}

// dynamicRate is a cell's dynamic rate, offenses a day, as of minute at:
// the two read together, in one record.
type dynamicRate struct{ rate, at float64 }

// CrimeFieldSpec says how to build a CrimeField.
type CrimeFieldSpec struct {
	Width, Height int
	LandUse       [NumLandUse][]float64 // per land use, per cell weight
	PerDay        float64               // expected offenses a day at baseline
	Shares        []float64             // per offense type, its share of offenses
	Affinity      [][NumLandUse]float64 // per offense type, its weight on each land use
	Life          float64               // mean life of the dynamic part, minutes, > 0
	// Place multiplies every type's weight in cell i by Place[i] (nil:
	// 1), the place-level variation land use does not hold.
	Place []float64
}

// NewCrimeField writes out a cell's affinity-weighted land use term by
// term, one for each of the four land uses: this stops compiling should
// their number change.
var _ = [1]struct{}{}[NumLandUse-4]

// NewCrimeField builds the field. Each type's offenses spread over the
// cells in proportion to the type's affinity-weighted land use; a type
// whose weights are all zero never occurs.
func NewCrimeField(s CrimeFieldSpec) *CrimeField {
	n := s.Width * s.Height
	k := len(s.Shares)
	stride := typeStride(k)
	f := &CrimeField{Width: s.Width, Height: s.Height, Static: make([]float64, n), typeCum: make([]float64, n*stride),
		types: k, stride: stride, dyn: make([]dynamicRate, n), life: s.Life}
	// Each type's weight in each cell goes into typeCum first; a second
	// pass scales it to the type's offenses and makes the cumulative sums.
	total := make([]float64, k)
	aff := s.Affinity[:k]
	res, com, night, tr := s.LandUse[Residential][:n], s.LandUse[Commerce][:n], s.LandUse[Nightlife][:n], s.LandUse[Transit][:n]
	for i := range n {
		lu := [NumLandUse]float64{res[i], com[i], night[i], tr[i]} // the cell's land use, read once for every type
		place := 0.0
		if s.Place != nil {
			place = s.Place[i]
		}
		cum := f.cellCum(i)[:k]
		for t := range aff {
			// The land uses' terms, added in their order.
			a := &aff[t]
			var w float64
			w += a[Residential] * lu[Residential]
			w += a[Commerce] * lu[Commerce]
			w += a[Nightlife] * lu[Nightlife]
			w += a[Transit] * lu[Transit]
			if s.Place != nil {
				w *= place
			}
			cum[t] = w
			total[t] += w
		}
	}
	scale := make([]float64, k)
	for t := range k {
		if total[t] > 0 {
			scale[t] = s.PerDay * s.Shares[t] / total[t]
		}
	}
	for i := range n {
		var acc float64
		cum := f.cellCum(i)[:len(scale)]
		for t, sc := range scale {
			if sc > 0 {
				acc += cum[t] * sc
			}
			cum[t] = acc
		}
		f.Static[i] = acc
	}
	f.static0 = append([]float64(nil), f.Static...)
	var acc float64
	for _, sh := range s.Shares {
		acc += sh
		f.shareCum = append(f.shareCum, acc)
	}
	return f
}

// typeStride is how far apart the cells' cumulative type shares lie
// in CrimeField.typeCum for k types: a power of two up to 8, so that a
// cell's shares lie in one cache line of 64 bytes (a table of many
// cells is aligned to one), and a multiple of 8 beyond.
func typeStride(k int) int {
	if k > 8 {
		return (k + 7) &^ 7
	}
	s := 1
	for s < k {
		s *= 2
	}
	return s
}

// cellCum returns cell i's cumulative type shares in typeCum.
func (f *CrimeField) cellCum(i int) []float64 {
	j := i * f.stride
	return f.typeCum[j : j+f.types]
}

// Dynamic returns the dynamic rate of cell i at minute t, offenses a day:
// its value at its last boost decayed to t, which must not precede it.
func (f *CrimeField) Dynamic(i int, t float64) float64 {
	d := f.dyn[i]
	if d.rate == 0 || d.at == t {
		return d.rate
	}
	return d.rate * math.Exp(-(t-d.at)/f.life)
}

// Life returns the mean life of the dynamic rate, minutes.
func (f *CrimeField) Life() float64 { return f.life }

// Rate returns cell i's expected offenses a day at minute t before
// deterrence and neighborhood effects: static plus dynamic.
func (f *CrimeField) Rate(i int, t float64) float64 {
	return f.Static[i] + f.Dynamic(i, t)
}

// Boost adds the follow-on risk of an offense in cell i at minute t:
// offspring expected offenses in all, the share spread of them over the (up
// to 8) neighbouring cells and the rest in cell i, each as a rate that
// decays with the field's mean life. It calls touched with every cell it
// changed.
func (f *CrimeField) Boost(i int, t, offspring, spread float64, touched func(int)) {
	if offspring <= 0 {
		return
	}
	perDay := offspring / (f.life / 1440) // the jump in rate whose integral is offspring
	x, y := i%f.Width, i/f.Width
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			cx, cy := x+dx, y+dy
			if cx < 0 || cy < 0 || cx >= f.Width || cy >= f.Height {
				continue
			}
			a := perDay * (1 - spread)
			if dx != 0 || dy != 0 {
				a = perDay * spread / 8
			}
			if a <= 0 {
				continue
			}
			c := cy*f.Width + cx
			f.dyn[c] = dynamicRate{rate: f.Dynamic(c, t) + a, at: t}
			touched(c)
		}
	}
}

// SetStationary sets every cell's dynamic rate, at minute t, to its
// stationary mean. An offense in cell j triggers the expected offspring
// of its type (offspring, per type, with types in proportion to the
// cell's static rates as TypeAt draws them), the share 1 - spread of them
// in j and spread / 8 in each neighbour, as Boost; offenses happen at
// mult[j] x (Static[j] + dynamic[j]) a day. The stationary dynamic rate d
// therefore solves d = S(o x mult x (Static + d)), S the spreading and
// o the cell's mean offspring, which fixed-point iteration finds while
// o x mult stays below 1 (each pass adds one generation of offspring).
func (f *CrimeField) SetStationary(t float64, offspring, mult []float64, spread float64) {
	n := len(f.Static)
	o := make([]float64, n)
	for i := range n {
		cum := f.TypeCum(i)
		prev := 0.0
		for k, c := range cum {
			o[i] += offspring[k] * (c - prev)
			prev = c
		}
		if total := cum[len(cum)-1]; total > 0 {
			o[i] *= mult[i] / total
		}
	}
	d := make([]float64, n)
	next := make([]float64, n)
	src := make([]float64, n)
	w, h := f.Width, f.Height
	self, side := 1-spread, spread/8
	for range 1000 {
		// One pass down the rows: a row's sources are filled one row
		// ahead of the row gathering from them, and the sums of the
		// test of convergence run over the cells in order as they are
		// made.
		var change, total float64
		if h > 0 {
			sourceRow(src[:w], o[:w], f.Static[:w], d[:w])
		}
		for y := range h {
			if y < h-1 {
				j := (y + 1) * w
				sourceRow(src[j:j+w], o[j:j+w], f.Static[j:j+w], d[j:j+w])
			}
			row := src[y*w : (y+1)*w]
			var up, down []float64
			if y > 0 {
				up = src[(y-1)*w : y*w]
			}
			if y < h-1 {
				down = src[(y+1)*w : (y+2)*w]
			}
			change, total = gatherRow(next[y*w:(y+1)*w], d[y*w:(y+1)*w], up, row, down, self, side, change, total)
		}
		d, next = next, d
		if change <= 1e-12*total {
			break
		}
	}
	for i, x := range d {
		f.dyn[i] = dynamicRate{rate: x, at: t}
	}
}

// sourceRow fills src, a row of cells, with the offenses a day each
// cell's current rate makes times their mean offspring: o x (static +
// d), cell by cell.
func sourceRow(src, o, static, d []float64) {
	o, static, d = o[:len(src)], static[:len(src)], d[:len(src)]
	for j := range src {
		src[j] = o[j] * (static[j] + d[j])
	}
}

// gatherRow makes out, a row of cells, what Boost would spread to each
// of them from itself and its (up to 8) neighbours: self x its own
// source plus side x the sum of its neighbours' in row (the row's
// sources), up and down (the rows above and below, nil at the edge of
// the grid). It adds to change the distance of each cell from was, its
// value the pass before, and to total its new value, cell by cell in
// order, and returns the two sums.
func gatherRow(out, was, up, row, down []float64, self, side, change, total float64) (float64, float64) {
	w := len(row)
	out, was = out[:w], was[:w]
	if up == nil || down == nil || w < 3 {
		for x := range w {
			change, total = gatherEdge(out, was, up, row, down, x, self, side, change, total)
		}
		return change, total
	}
	up, down = up[:w], down[:w]
	change, total = gatherEdge(out, was, up, row, down, 0, self, side, change, total)
	// The inner cells of an inner row: gatherEdge's loop unrolled, the
	// same additions in the same order.
	for x := 1; x < w-1; x++ {
		var around float64
		around += up[x-1]
		around += down[x-1]
		around += row[x-1]
		around += up[x]
		around += down[x]
		around += up[x+1]
		around += down[x+1]
		around += row[x+1]
		v := self*row[x] + side*around
		out[x] = v
		change += math.Abs(v - was[x])
		total += v
	}
	return gatherEdge(out, was, up, row, down, w-1, self, side, change, total)
}

// gatherEdge is gatherRow's work for cell x of a row at the edge of the
// grid or at the edge of its row, where some neighbours are missing.
func gatherEdge(out, was, up, row, down []float64, x int, self, side, change, total float64) (float64, float64) {
	var around float64
	lo, hi := max(x-1, 0), min(x+1, len(row)-1)
	for cx := lo; cx <= hi; cx++ {
		if up != nil {
			around += up[cx]
		}
		if down != nil {
			around += down[cx]
		}
		if cx != x {
			around += row[cx]
		}
	}
	v := self*row[x] + side*around
	out[x] = v
	change += math.Abs(v - was[x])
	total += v
	return change, total
}

// TypeAt returns the offense type at cell i for a uniform u in [0, 1):
// types are drawn in proportion to their static rates at the cell, or to
// the precinct-wide shares in a cell with no static rate (which sees
// offenses only through near-repeat risk spreading into it).
func (f *CrimeField) TypeAt(i int, u float64) int {
	cum := f.TypeCum(i)
	x := u * cum[len(cum)-1]
	for t := range len(cum) - 1 {
		if x < cum[t] {
			return t
		}
	}
	return len(cum) - 1
}

// TypeCum returns the cumulative weights TypeAt draws cell i's offense
// type from: the types' static rates at the cell, or the precinct-wide
// shares in a cell with no static rate. The slice is the field's own:
// do not change it.
func (f *CrimeField) TypeCum(i int) []float64 {
	cum := f.cellCum(i)
	if !(cum[len(cum)-1] > 0) {
		return f.shareCum
	}
	return cum
}

// SolveProblem is one unit of problem-solving work among cells: the cell
// with the highest static attractiveness loses the share cut of it, but
// never falls below floor x its original value. It returns the cell
// changed, or -1 when every cell is at its floor.
func (f *CrimeField) SolveProblem(cells []int32, cut, floor float64) int {
	best, bestV := -1, 0.0
	for _, c := range cells {
		if v := f.Static[c]; v > bestV && v > floor*f.static0[c]*(1+1e-9) {
			best, bestV = int(c), v
		}
	}
	if best < 0 {
		return -1
	}
	f.Static[best] = max(floor*f.static0[best], f.Static[best]*(1-cut))
	return best
}

// StaticShare returns how far problem solving has lowered the static
// attractiveness of cells: the sum now over the sum as built.
func (f *CrimeField) StaticShare(cells []int32) float64 {
	var now, was float64
	for _, c := range cells {
		now += f.Static[c]
		was += f.static0[c]
	}
	if was == 0 {
		return 1
	}
	return now / was
}
