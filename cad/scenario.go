package cad

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
)

// Provenance is where an imported scenario came from.
type Provenance struct {
	File     string    `json:"file"` // base name of the extract
	Profile  string    `json:"profile"`
	Counts   Counts    `json:"counts"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
	Imported string    `json:"imported"` // module version and VCS revision of the program
}

func f(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

func minutes(v float64) string {
	d := time.Duration(math.Round(v*60)) * time.Second
	b, _ := scenarios.Duration{Duration: d}.MarshalText()
	return strconv.Quote(string(b))
}

func floats(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(math.Round(x*1000)/1000, 'g', -1, 64)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// lognormal fits a lognormal by its mean and SD and returns its 10th, 50th
// and 90th percentiles.
func lognormalQ(mean, sd float64) [3]float64 {
	s2 := math.Log(1 + sd*sd/(mean*mean))
	mu, s := math.Log(mean)-s2/2, math.Sqrt(s2)
	return [3]float64{math.Exp(mu - 1.2816*s), math.Exp(mu), math.Exp(mu + 1.2816*s)}
}

// lognormalByQuartiles returns the mean and SD of the lognormal with the
// given median and interquartile range: median e^mu, quartiles
// e^(mu -+ 0.6745 sigma), so IQR = 2 median sinh(0.6745 sigma).
func lognormalByQuartiles(median, iqr float64) (mean, sd float64) {
	s := math.Asinh(math.Max(iqr, 0)/(2*median)) / 0.6745
	mean = median * math.Exp(s*s/2)
	return mean, mean * math.Sqrt(math.Expm1(s*s))
}

// WriteScenario renders the imported scenario as commented TOML: beside
// every key, "data:" when the extract gave it and "default:" when it did
// not. name is the scenario's name.
func WriteScenario(name string, est *Estimates, g *Grid, prov Provenance) []byte {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	def := scenarios.Default()
	c := prov.Counts
	w("# Imported by precinct import from %s (SHA-256 %s) with profile %s.", prov.File, c.SHA256, prov.Profile)
	w("# Calls from %s to %s (%d days), local time.", est.First.Format("2006-01-02 15:04"), est.Last.Format("2006-01-02 15:04"), est.Days)
	w("# Rows: %d read, %d calls kept, %d officer-initiated (workload, not arrivals).", c.Rows, c.Kept, c.SelfInitiated)
	var dropped []string
	for _, r := range Reasons {
		dropped = append(dropped, fmt.Sprintf("%s %d", r, c.Dropped[r]))
	}
	w("# Dropped by reason: %s.", strings.Join(dropped, ", "))
	w("# \"data:\" marks a value estimated from the extract, \"default:\" one it cannot give.")
	w("name = %q", name)
	w("summary = %q", fmt.Sprintf("Imported from a %s extract, %d calls over %d days", prov.Profile, c.Kept, est.Days))
	w("start_date = %q # data: the first day of the extract", est.First.Format("2006-01-02"))
	w("days = %d # default: the extract's %d days are %s", min(def.Days, max(est.Days, 1)), est.Days, "the measured horizon, up to the default's")
	w("")
	w("[world]")
	src := "the calls' bounding box"
	if g.Beat != nil {
		src = "the beat map's bounding box"
	}
	w("width = %d # data: %s", g.Width, src)
	w("height = %d # data: %s", g.Height, src)
	w("cell_m = %s # data: cells of %s m", f(g.CellM), f(g.CellM))
	w("station = [%d, %d] # default: the centre cell (an extract has no station)", g.Width/2, g.Height/2)
	w("beat_cols = %d # default unless world.map gives the beats", min(def.World.BeatCols, g.Width))
	w("beat_rows = %d", min(def.World.BeatRows, g.Height))
	w("places = [] # default: no land-use places (the community half is off)")
	w("")
	shares := make([]float64, len(def.Residents.Groups))
	for i := range shares {
		shares[i] = 1 / float64(len(shares))
	}
	hoods := []string{"Imported"}
	if g.Hood != nil {
		hoods = g.HoodNames
	}
	for i, name := range hoods {
		if g.Hood != nil {
			w("[[world.neighborhoods]] # data: neighborhood %d of the neighborhood map, its cells character %q of world.map.neighborhood_rows", i, scenarios.MapAlphabet[i])
			w("name = %q", name)
		} else {
			w("[[world.neighborhoods]] # default: one neighborhood over the whole grid")
			w("name = %q", name)
			w("cells = [0, 0, %d, %d]", g.Width, g.Height)
		}
		w("call_weight = 1 # world.map.call_weights gives the weights cell by cell")
		w("population = 0 # default: no residents (the community half is off)")
		w("trust = %s", f(def.World.Neighborhoods[0].Trust))
		w("group_shares = %s", floats(shares))
		w("")
	}
	w("[world.map]")
	// rows writes a per-cell map as one string of map characters a row.
	rows := func(key string, cell []int) {
		w("%s = [", key)
		for y := range g.Height {
			row := make([]byte, g.Width)
			for x := range g.Width {
				row[x] = scenarios.MapAlphabet[cell[y*g.Width+x]]
			}
			w("  %q,", row)
		}
		w("]")
	}
	if g.Beat != nil {
		w("# data: the beats of the beat map, rasterized by cell centre; cells outside every polygon take the nearest beat")
		w("beats = [%s]", quoteAll(g.BeatNames))
		rows("beat_rows", g.Beat)
	} else {
		w("# default: no beat map (--beats); one beat over the grid")
		w("beats = [\"all\"]")
		rows("beat_rows", make([]int, g.Width*g.Height))
	}
	if g.Hood != nil {
		w("# data: the neighborhoods of the neighborhood map, rasterized by cell centre; cells outside every polygon take the nearest neighborhood")
		rows("neighborhood_rows", g.Hood)
	}
	w("# data: %d calls located by coordinates, %d placed by their beat alone (spread over its cells)", g.Located, g.BeatOnly)
	w("call_weights = [")
	for y := range g.Height {
		w("  %s,", floats(g.Weight[y*g.Width:(y+1)*g.Width]))
	}
	w("]")
	w("")
	w("[crime]")
	w("per_day = 0 # default: off; the crime call types of the extract are call types below, so no offense is counted twice")
	w("")
	w("[calls]")
	w("profile = %s # data: calls by hour of day, relative", floats(est.Hour[:]))
	w("weekday = %s # data: calls a day on each weekday (Monday first) over the mean", floats(est.Weekday[:]))
	if est.Monthly != nil {
		w("monthly = %s # data: calls a day in each month over the mean", floats(est.Monthly))
	} else {
		w("monthly = [] # default: flat (less than a year of data)")
	}
	w("")
	names := map[string]bool{}
	for _, t := range est.Types {
		names[t.Name] = true
		w("[calls.types.%s]", t.Name)
		w("# data: %d calls; from the extract's type(s) %s", t.N, strings.Join(clipList(t.Sources, 6), ", "))
		if t.Offense != "" {
			w("# a crime call: the model's offense type %q", t.Offense)
		}
		w("priority = %d # data: the most common; %.1f %% of its calls had another", t.Priority, 100*t.OtherPriority)
		w("per_day = %s # data", f(t.PerDay))
		w("profile = %s # data: its calls by hour of day", floats(t.Hour[:]))
		if t.SceneN > 0 && t.SceneMean > 0 {
			q := lognormalQ(t.SceneMean, t.SceneSD)
			w("# time on scene, minutes, 10th/50th/90th percentile: data %s / %s / %s, fit %s / %s / %s", f(t.SceneData[0]), f(t.SceneData[1]), f(t.SceneData[2]), f(q[0]), f(q[1]), f(q[2]))
			w("service = { dist = \"lognormal\", mean = %s, sd = %s } # data: fitted by mean and SD over %d calls", minutes(t.SceneMean), minutes(t.SceneSD), t.SceneN)
		} else {
			w("service = { dist = \"lognormal\", mean = \"25m\", sd = \"20m\" } # default: the extract has no time on scene")
		}
		if _, ok := def.Calls.Types[t.Name]; !ok {
			rep, from := reportDefault(def), "the default call types' mean report writing, weighted by their calls"
			if ct, ok := def.Crime.Types[t.Offense]; ok {
				rep, from = ct.Report, "the offense type's report writing"
			}
			b, _ := rep.Mean.MarshalText()
			w("report = { dist = \"exponential\", mean = %q } # default: %s (an extract does not record it)", b, from)
		}
		if t.Units != nil {
			w("units = %s # data: share sent 1, 2, ... units", floats(t.Units))
		}
		w("")
	}
	for _, n := range slices.Sorted(mapKeys(def.Calls.Types)) {
		if !names[n] {
			w("[calls.types.%s]", n)
			w("per_day = 0 # default type the extract does not have")
			w("")
		}
	}
	w("[dispatch.processing]")
	for pr := range 3 {
		med, iqr := est.Processing[pr][0], est.Processing[pr][1]
		if math.IsNaN(med) || med <= 0 {
			dd := []scenarios.DurationDist{def.Dispatch.Processing.P1, def.Dispatch.Processing.P2, def.Dispatch.Processing.P3}[pr]
			w("p%d = { dist = \"lognormal\", mean = %q, sd = %q } # default: the extract has no dispatch time", pr+1, dd.Mean.String(), dd.SD.String())
			continue
		}
		m, sd := lognormalByQuartiles(med, iqr)
		w("p%d = { dist = \"lognormal\", mean = %s, sd = %s } # data: the lognormal of the median (%s) and interquartile range (%s) of call to first dispatch (mostly processing; queueing is the model's)", pr+1, minutes(m), minutes(sd), strings.Trim(minutes(med), `"`), strings.Trim(minutes(iqr), `"`))
	}
	w("")
	w("# data: %s officer-initiated events a day in the extract, mean %s minutes; the rate per free officer-hour is the default", f(est.SelfPerDay), f(est.SelfMean))
	return []byte(b.String())
}

// reportDefault is the mean report writing of the default scenario's call
// types, weighted by their calls a day, as an exponential.
func reportDefault(def scenarios.Scenario) scenarios.DurationDist {
	sum, n := 0.0, 0.0
	for _, name := range slices.Sorted(mapKeys(def.Calls.Types)) {
		t := def.Calls.Types[name]
		sum += t.PerDay * t.Report.Mean.Minutes()
		n += t.PerDay
	}
	d := time.Duration(math.Round(sum/n*60)) * time.Second
	return scenarios.DurationDist{Dist: "exponential", Mean: scenarios.Duration{Duration: d}}
}

func quoteAll(v []string) string {
	q := make([]string, len(v))
	for i, s := range v {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func clipList(v []string, n int) []string {
	if len(v) > n {
		return append(slices.Clone(v[:n]), fmt.Sprintf("and %d more", len(v)-n))
	}
	return v
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
