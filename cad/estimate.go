package cad

import (
	"github.com/precinct-sim/precinct/scenarios"

	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// hist is a histogram of minutes in bins 1 % wide on a log scale from
// 0.01 minutes (bin 0 holds everything below): quantiles to within
// 0.5 % in a fixed 1,400 counts, whatever the number of rows.
type hist struct {
	n       [1400]int32
	total   int
	sum, sq float64
}

func binOf(v float64) int {
	if v < 0.01 {
		return 0
	}
	return min(1399, 1+int(math.Log(v/0.01)/math.Log(1.01)))
}

func (h *hist) add(v float64) {
	if math.IsNaN(v) {
		return
	}
	h.n[binOf(v)]++
	h.total++
	h.sum += v
	h.sq += v * v
}

// quantile returns the q-quantile (the lowest bin holding at least that
// share, at its geometric middle); NaN when empty.
func (h *hist) quantile(q float64) float64 {
	if h.total == 0 {
		return math.NaN()
	}
	need := int(math.Ceil(q * float64(h.total)))
	cum := 0
	for i, c := range h.n {
		cum += int(c)
		if cum >= max(need, 1) {
			if i == 0 {
				return 0
			}
			return 0.01 * math.Pow(1.01, float64(i)-0.5)
		}
	}
	return math.NaN()
}

func (h *hist) mean() float64 { return h.sum / float64(h.total) }

func (h *hist) sd() float64 {
	m := h.mean()
	return math.Sqrt(math.Max(0, h.sq/float64(h.total)-m*m))
}

// typeAcc accumulates one call type as written in the extract.
type typeAcc struct {
	n     int
	pri   [4]int
	hour  [24]int
	scene hist
	units [5]int
}

// Estimator accumulates an extract's rows.
type Estimator struct {
	types       map[string]*typeAcc
	first, last time.Time
	weekHour    [7][24]int
	months      map[[2]int]int // (year, month) -> calls
	comp        [3][25][4]hist // priority x (hour, all) x (to dispatch, travel, response, on scene)
	selfN       int
	selfScene   hist
	beats       *BeatMap
	cells       []float64 // with a beat map: calls located in each cell
	beatOnly    map[string]int
	points      map[[2]int32]int // without a beat map: calls per 25 m square
	pointProj   *local
	located     int
}

// NewEstimator returns an empty estimator; with a beat map, calls are
// placed on its grid.
func NewEstimator(beats *BeatMap) *Estimator {
	e := &Estimator{types: map[string]*typeAcc{}, months: map[[2]int]int{}, beats: beats, beatOnly: map[string]int{}, points: map[[2]int32]int{}}
	if beats != nil {
		e.cells = make([]float64, beats.Width*beats.Height)
	}
	return e
}

// maxTypes bounds the distinct call types held; later new types pool.
const maxTypes = 2000

// Add takes one row.
func (e *Estimator) Add(r *Row) {
	if r.SelfInit {
		e.selfN++
		e.selfScene.add(r.OnScene)
		return
	}
	if e.first.IsZero() || r.Created.Before(e.first) {
		e.first = r.Created
	}
	if r.Created.After(e.last) {
		e.last = r.Created
	}
	name := r.Type
	t := e.types[name]
	if t == nil {
		if len(e.types) >= maxTypes {
			name = "OTHER"
		}
		if t = e.types[name]; t == nil {
			t = &typeAcc{}
			e.types[strings.Clone(name)] = t
		}
	}
	t.n++
	t.pri[r.Priority]++
	h := r.Created.Hour()
	t.hour[h]++
	t.scene.add(r.OnScene)
	if r.Units > 0 {
		t.units[min(r.Units, 5)-1]++
	}
	e.weekHour[(int(r.Created.Weekday())+6)%7][h]++
	e.months[[2]int{r.Created.Year(), int(r.Created.Month())}]++
	for _, hh := range []int{h, 24} {
		c := &e.comp[r.Priority-1][hh]
		c[0].add(r.ToDispatch)
		c[1].add(r.Travel)
		c[2].add(r.Response)
		c[3].add(r.OnScene)
	}
	e.locate(r)
}

func (e *Estimator) locate(r *Row) {
	if !r.HasLoc {
		if r.Beat != "" && e.beats != nil {
			e.beatOnly[strings.Clone(r.Beat)]++
		}
		return
	}
	if e.beats != nil {
		if c := e.beats.Cell(r.Lon, r.Lat); c >= 0 {
			e.cells[c]++
			e.located++
		} else if r.Beat != "" {
			e.beatOnly[strings.Clone(r.Beat)]++
		}
		return
	}
	if e.pointProj == nil {
		p := newLocal(r.Lat, r.Lon, r.Lat)
		e.pointProj = &p
	}
	x, y := e.pointProj.metres(r.Lon, r.Lat)
	e.points[[2]int32{int32(math.Floor(x / 25)), int32(math.Floor(y / 25))}]++
	e.located++
}

// TypeEstimate is what the extract says about one modelled call type.
type TypeEstimate struct {
	Name          string      // scenario name (letters, digits, _)
	Sources       []string    // the extract's types pooled into it (names only)
	N             int         // calls
	PerDay        float64     // calls a day
	Priority      int         // the most common priority
	OtherPriority float64     // share of its calls with another priority
	Hour          [24]float64 // relative rates, mean 1
	SceneN        int
	SceneMean     float64
	SceneSD       float64
	SceneData     [3]float64 // 10th, 50th, 90th percentile of the data
	Units         []float64  // share sent 1, 2, ... units; nil when unknown
	Offense       string     // the model's offense type, for crime calls
	workload      float64
	scene         *hist
}

// Estimates is everything estimated from an extract.
type Estimates struct {
	First, Last time.Time
	Days        int
	Types       []TypeEstimate
	Weekday     [7]float64
	Monthly     []float64 // 12 values, nil with less than a year of data
	Hour        [24]float64
	WeekHour    [7][24]int
	Processing  [3][2]float64 // per priority: median and interquartile range of call to dispatch
	SelfPerDay  float64
	SelfMean    float64
	comp        *[3][25][4]hist
}

// Finish estimates from the rows added: the largest types by workload
// (calls x mean time on scene) up to maxOut, the rest pooled as other.
func (e *Estimator) Finish(p *Profile, maxOut int) *Estimates {
	est := &Estimates{First: e.first, Last: e.last, WeekHour: e.weekHour, comp: &e.comp}
	d0 := time.Date(e.first.Year(), e.first.Month(), e.first.Day(), 0, 0, 0, 0, time.UTC)
	d1 := time.Date(e.last.Year(), e.last.Month(), e.last.Day(), 0, 0, 0, 0, time.UTC)
	est.Days = int(d1.Sub(d0).Hours()/24) + 1
	days := float64(est.Days)
	var all []TypeEstimate
	for name, t := range e.types {
		te := TypeEstimate{Sources: []string{name}, N: t.n, scene: &t.scene}
		te.workload = float64(t.n) * math.Max(1, nanTo(t.scene.mean(), 1))
		all = append(all, te)
	}
	slices.SortFunc(all, func(a, b TypeEstimate) int {
		if a.workload != b.workload {
			return cmp.Compare(b.workload, a.workload)
		}
		return cmp.Compare(a.Sources[0], b.Sources[0])
	})
	var out []TypeEstimate
	var other *typeAcc
	for i, te := range all {
		if i < maxOut || len(all) == maxOut+1 {
			out = append(out, te)
			continue
		}
		if other == nil {
			other = &typeAcc{}
			out = append(out, TypeEstimate{})
		}
		t := e.types[te.Sources[0]]
		mergeAcc(other, t)
		out[len(out)-1].Sources = append(out[len(out)-1].Sources, te.Sources[0])
	}
	used := map[string]bool{}
	for i := range out {
		te := &out[i]
		t := other
		if len(te.Sources) == 1 && te.N > 0 {
			t = e.types[te.Sources[0]]
			key := typeKey(te.Sources[0])
			if _, crime := crimeTypes[key]; crime {
				key += "_call" // offense types and call types share one list of names
			}
			te.Name = uniqueName(key, used)
			te.Offense = p.Offenses[strings.ToUpper(te.Sources[0])]
		} else {
			te.Name = uniqueName("other", used)
			te.N = t.n
		}
		te.PerDay = float64(t.n) / days
		best := 1
		for k := 1; k <= 3; k++ {
			if t.pri[k] > t.pri[best] {
				best = k
			}
		}
		te.Priority, te.OtherPriority = best, 1-float64(t.pri[best])/float64(t.n)
		for h := range 24 {
			te.Hour[h] = float64(t.hour[h]) * 24 / float64(t.n)
		}
		te.scene = &t.scene
		te.SceneN = t.scene.total
		if te.SceneN > 0 {
			te.SceneMean, te.SceneSD = t.scene.mean(), t.scene.sd()
			te.SceneData = [3]float64{t.scene.quantile(0.1), t.scene.quantile(0.5), t.scene.quantile(0.9)}
		}
		if u := t.units; u != [5]int{} {
			n := 0
			for _, c := range u {
				n += c
			}
			for _, c := range u {
				te.Units = append(te.Units, float64(c)/float64(n))
			}
			for len(te.Units) > 1 && te.Units[len(te.Units)-1] == 0 {
				te.Units = te.Units[:len(te.Units)-1]
			}
		}
	}
	est.Types = out
	// The weekday profile: calls on each weekday over the number of such
	// days in the extract's range.
	var perWD [7]float64
	var nWD [7]float64
	for d := d0; !d.After(d1); d = d.AddDate(0, 0, 1) {
		nWD[(int(d.Weekday())+6)%7]++
	}
	total := 0.0
	for w := range 7 {
		for h := range 24 {
			perWD[w] += float64(e.weekHour[w][h])
			est.Hour[h] += float64(e.weekHour[w][h])
		}
		total += perWD[w]
	}
	mean := 0.0
	for w := range 7 {
		if nWD[w] > 0 {
			perWD[w] /= nWD[w]
		}
		mean += perWD[w] / 7
	}
	for w := range 7 {
		est.Weekday[w] = perWD[w] / mean
	}
	for h := range 24 {
		est.Hour[h] *= 24 / total
	}
	if est.Days >= 365 {
		est.Monthly = monthly(e.months, d0, d1)
	}
	for pr := range 3 {
		h := &e.comp[pr][24][0]
		est.Processing[pr] = [2]float64{h.quantile(0.5), h.quantile(0.75) - h.quantile(0.25)}
	}
	est.SelfPerDay = float64(e.selfN) / days
	if e.selfScene.total > 0 {
		est.SelfMean = e.selfScene.mean()
	}
	return est
}

// monthly returns each month's calls a day over the mean, January first.
func monthly(months map[[2]int]int, d0, d1 time.Time) []float64 {
	var calls, days [12]float64
	for d := d0; !d.After(d1); d = d.AddDate(0, 0, 1) {
		days[d.Month()-1]++
	}
	for k, n := range months {
		calls[k[1]-1] += float64(n)
	}
	out := make([]float64, 12)
	mean := 0.0
	for m := range 12 {
		if days[m] > 0 {
			out[m] = calls[m] / days[m]
		}
		mean += out[m] / 12
	}
	for m := range out {
		out[m] /= mean
	}
	return out
}

func mergeAcc(dst, src *typeAcc) {
	dst.n += src.n
	for i := range dst.pri {
		dst.pri[i] += src.pri[i]
	}
	for i := range dst.hour {
		dst.hour[i] += src.hour[i]
	}
	for i := range dst.units {
		dst.units[i] += src.units[i]
	}
	for i := range dst.scene.n {
		dst.scene.n[i] += src.scene.n[i]
	}
	dst.scene.total += src.scene.total
	dst.scene.sum += src.scene.sum
	dst.scene.sq += src.scene.sq
}

// typeKey turns an extract's type into a scenario name: lower case
// letters and digits, other runs as one _, at most 32 characters,
// starting with a letter.
func typeKey(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			under = false
		} else {
			under = true
		}
	}
	k := b.String()
	if k == "" || !unicode.IsLetter(rune(k[0])) {
		k = "t_" + k
	}
	return strings.TrimRight(k[:min(len(k), 28)], "_")
}

// crimeTypes is the default scenario's offense types, whose names a call
// type may not take.
var crimeTypes = scenarios.Default().Crime.Types

func uniqueName(k string, used map[string]bool) string {
	n := k
	for i := 2; used[n]; i++ {
		n = k + "_" + strconv.Itoa(i)
	}
	used[n] = true
	return n
}

func nanTo(v, d float64) float64 {
	if math.IsNaN(v) {
		return d
	}
	return v
}
