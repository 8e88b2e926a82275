package scenarios

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// A scenario file may carry a [sweep] table: the points of a parameter
// study around the scenario the rest of the file describes.
//
//	[sweep]
//	reps = 20                                # replicates per point (default: the command's --reps)
//	samples = 8                              # Latin hypercube points over the ranges
//	seed = 7                                 # seeds the hypercube (default: the scenario seed)
//	[sweep.grid]                             # every combination of the listed values
//	staffing.headcount = [60, 80, 100]
//	staffing.pattern = ["8x3", "12x2"]
//	[sweep.ranges]                           # [low, high]: one stratum per sample for each key
//	engagement.intensity = [0.0, 0.4]
//
// Keys are dotted scenario keys as for --set, and each point is the
// scenario with those keys set exactly as --set would set them. With both
// a grid and ranges, every grid point is run with every hypercube sample.
// Only the file's own [sweep] counts: a parent's (extends) is ignored, and
// commands other than sweep ignore the table.

// sweepTable is the [sweep] table as written.
type sweepTable struct {
	Reps    int            `toml:"reps"`
	Samples int            `toml:"samples"`
	Seed    *uint64        `toml:"seed"`
	Grid    map[string]any `toml:"grid"`
	Ranges  map[string]any `toml:"ranges"`
}

// SweepPlan is a sweep resolved into its points.
type SweepPlan struct {
	Base   *Scenario // the scenario without the sweep; nil in a plan from Vary
	Reps   int       // replicates per point; 0 when the file does not say
	Keys   []string  // the swept keys: grid keys, then range keys, each in file order
	Points []Point
}

// Point is one point of a sweep: the base scenario with Keys[i] set to
// Values[i].
type Point struct {
	Name     string   // base name and the point's values, e.g. "lean_headcount=60_pattern=12x2", "lean_s03"
	Values   []string // as --set values, parallel to SweepPlan.Keys
	Sets     []string // the overrides "key=value" that make the point
	Scenario *Scenario
}

// The limits of a sweep.
const (
	maxPoints  = 10000
	maxSamples = 10000
	maxReps    = 100000
)

// HasSweep reports whether the scenario file (or library scenario) ref
// has a [sweep] table; it is false when ref cannot be read or parsed, which
// Load then reports.
func HasSweep(ref string) bool {
	src, err := find(ref, nil)
	if err != nil {
		return false
	}
	var doc struct {
		Sweep *sweepTable `toml:"sweep"`
	}
	_, err = toml.Decode(string(src.data), &doc)
	return err == nil && doc.Sweep != nil
}

// LoadSweep loads the scenario file ref with its [sweep] table, applying
// sets to every point, and returns the validated points. Problems (an
// unknown or misspelled key, a value of the wrong type or out of range at
// some point, a malformed range) name the file and line of the sweep key
// that causes them, every problem at once.
func LoadSweep(ref string, sets []string) (*SweepPlan, error) {
	src, err := find(ref, nil)
	if err != nil {
		return nil, err
	}
	file, data := src.file, src.data
	base, err := parse(src, sets)
	if err != nil {
		return nil, err
	}
	kl := indexKeyLines(string(data))
	var doc struct {
		Sweep *sweepTable `toml:"sweep"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		return nil, join([]*Problem{decodeProblem(file, err, kl)})
	}
	if doc.Sweep == nil {
		return nil, join([]*Problem{{File: file, Msg: "has no [sweep] table: add one to sweep (see the README's section Sweeps)"}})
	}
	p := &sweepParser{file: file, lines: kl}
	for _, k := range md.Undecoded() {
		if len(k) == 2 && k[0] == "sweep" {
			p.add("sweep."+k[1], "unknown key (allowed in [sweep]: reps, samples, seed, grid, ranges)")
		}
	}
	sw := doc.Sweep
	p.check(sw.Reps >= 0 && sw.Reps <= maxReps, "sweep.reps", "must be between 0 and %d, got %d", maxReps, sw.Reps)
	grid := p.flatten("sweep.grid", sw.Grid)
	ranges := p.flatten("sweep.ranges", sw.Ranges)
	if len(grid) == 0 && len(ranges) == 0 {
		p.add("sweep", "must have a [sweep.grid] or [sweep.ranges] table with at least one key")
	}
	if len(ranges) > 0 {
		p.check(sw.Samples >= 1 && sw.Samples <= maxSamples, "sweep.samples", "must be between 1 and %d with [sweep.ranges], got %d", maxSamples, sw.Samples)
	}
	for _, e := range append(slices.Clone(grid), ranges...) {
		p.check(e.key != "seed", e.fileKey, "%s", errSeedVaried)
	}
	plan := &SweepPlan{Base: base, Reps: sw.Reps}
	var gridValues [][]string
	for _, e := range grid {
		plan.Keys = append(plan.Keys, e.key)
		vals := p.listValues(e)
		for _, v := range vals {
			p.try(file, data, sets, e, v)
		}
		gridValues = append(gridValues, vals)
	}
	var lo, hi []float64
	var integer []bool
	for _, e := range ranges {
		plan.Keys = append(plan.Keys, e.key)
		l, h, isInt, ok := p.rangeBounds(e)
		if ok {
			p.try(file, data, sets, e, rangeValue(l, h, isInt, 0))
			p.try(file, data, sets, e, rangeValue(l, h, isInt, math.Nextafter(1, 0)))
		}
		lo, hi, integer = append(lo, l), append(hi, h), append(integer, isInt)
	}
	points := 1
	for _, v := range gridValues {
		points *= max(len(v), 1)
	}
	if len(ranges) > 0 {
		points *= max(sw.Samples, 1)
	}
	p.check(points <= maxPoints, "sweep", "has %d points, at most %d allowed", points, maxPoints)
	if len(p.probs) > 0 {
		return nil, join(p.probs)
	}

	seed := base.Seed
	if sw.Seed != nil {
		seed = *sw.Seed
	}
	var samples [][]string
	if len(ranges) > 0 {
		u := LatinHypercube(rand.New(rand.NewPCG(seed, 0x5eed5eed)), sw.Samples, len(ranges))
		for _, row := range u {
			vals := make([]string, len(row))
			for d, x := range row {
				vals[d] = rangeValue(lo[d], hi[d], integer[d], x)
			}
			samples = append(samples, vals)
		}
	}
	for _, combo := range product(gridValues) {
		nameParts := []string{base.Name}
		for i, v := range combo {
			nameParts = append(nameParts, lastSegment(grid[i].key)+"="+v)
		}
		if len(samples) == 0 {
			p.point(plan, file, data, sets, strings.Join(nameParts, "_"), combo)
			continue
		}
		for s, vals := range samples {
			name := strings.Join(append(slices.Clone(nameParts), fmt.Sprintf("s%0*d", len(strconv.Itoa(len(samples))), s+1)), "_")
			p.point(plan, file, data, sets, name, append(slices.Clone(combo), vals...))
		}
	}
	if len(p.probs) > 0 {
		return nil, join(p.probs)
	}
	return plan, nil
}

// errSeedVaried says why the seed is not a key of --vary or a sweep.
const errSeedVaried = "cannot be varied: every scenario of a study runs on the first one's seed, so that replicate r of each draws the same random numbers (common random numbers); for more independent draws give more --reps (replicate r draws from its own streams), and for another seed run a study of its own with --seed"

// ErrVarySpec is the error Vary wraps when its spec is not
// key=v1,v2,... with at least two values.
var ErrVarySpec = errors.New("want key=v1,v2,... with at least two values")

// Vary returns the one-key study of compare --vary: the scenario ref
// loaded once for each value of spec, "key=v1,v2,...", the first value
// being the reference. sets apply to every point, before the key's value.
// The plan's Keys is that one key; each point is named after the
// scenario, the key's last segment and the value
// ("baseline_headcount=60"). A spec that is not key=v1,v2,... with at
// least two values returns an error wrapping ErrVarySpec; values that do
// not load return the problems of each, joined.
func Vary(ref, spec string, sets []string) (*SweepPlan, error) {
	key, list, ok := strings.Cut(spec, "=")
	values := strings.Split(list, ",")
	if !ok || key == "" || len(values) < 2 {
		return nil, fmt.Errorf("%w, got %q", ErrVarySpec, spec)
	}
	if key == "seed" {
		return nil, join([]*Problem{{File: "--vary " + spec, Key: key, Msg: errSeedVaried}})
	}
	plan := &SweepPlan{Keys: []string{key}}
	var probs []error
	for _, v := range values {
		set := key + "=" + v
		s, err := Load(ref, append(slices.Clone(sets), set))
		if err != nil {
			probs = append(probs, err)
			continue
		}
		s.Name += "_" + lastSegment(key) + "=" + v
		plan.Points = append(plan.Points, Point{Name: s.Name, Values: []string{v}, Sets: []string{set}, Scenario: s})
	}
	if len(probs) > 0 {
		return nil, errors.Join(probs...)
	}
	return plan, nil
}

// sweepParser collects the problems of a sweep table.
type sweepParser struct {
	file  string
	lines keyLines
	probs []*Problem
	seen  map[string]bool // problems already reported, by text
}

func (p *sweepParser) add(key, format string, a ...any) {
	line, _ := p.lines.line(key)
	prob := &Problem{File: p.file, Line: line, Key: key, Msg: fmt.Sprintf(format, a...)}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if !p.seen[prob.Error()] {
		p.seen[prob.Error()] = true
		p.probs = append(p.probs, prob)
	}
}

func (p *sweepParser) check(ok bool, key, format string, a ...any) {
	if !ok {
		p.add(key, format, a...)
	}
}

// entry is one swept key: its scenario key, the key of its line in the
// file and its value.
type entry struct {
	key, fileKey string
	value        any
}

// flatten turns a table of dotted keys (nested tables in TOML) into
// entries ordered as in the file.
func (p *sweepParser) flatten(table string, m map[string]any) []entry {
	var out []entry
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := prefix + k
			if sub, ok := v.(map[string]any); ok {
				walk(key+".", sub)
				continue
			}
			out = append(out, entry{key: key, fileKey: table + "." + key, value: v})
		}
	}
	walk("", m)
	slices.SortFunc(out, func(a, b entry) int {
		la, _ := p.lines.line(a.fileKey)
		lb, _ := p.lines.line(b.fileKey)
		return cmp.Or(cmp.Compare(la, lb), cmp.Compare(a.key, b.key))
	})
	return out
}

// listValues returns the values of a grid key as --set text.
func (p *sweepParser) listValues(e entry) []string {
	list, ok := e.value.([]any)
	if !ok || len(list) == 0 {
		p.add(e.fileKey, "must be a non-empty list of values, e.g. [60, 80, 100]")
		return nil
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = setText(v)
	}
	return out
}

// rangeBounds returns the bounds of a range key and whether both are
// integers (the samples then are too).
func (p *sweepParser) rangeBounds(e entry) (lo, hi float64, integer, ok bool) {
	list, isList := e.value.([]any)
	if isList && len(list) == 2 {
		a, aInt, aOK := number(list[0])
		b, bInt, bOK := number(list[1])
		if aOK && bOK && a < b {
			return a, b, aInt && bInt, true
		}
	}
	p.add(e.fileKey, "must be [low, high], two numbers with low < high, got %s", setText(e.value))
	return 0, 0, false, false
}

// try checks that the scenario takes value v for e's key, reporting any
// problem at e's line.
func (p *sweepParser) try(file string, data []byte, sets []string, e entry, v string) {
	if _, err := Parse(file, data, append(slices.Clone(sets), e.key+"="+v)); err != nil {
		p.located(err, func(string) (string, bool) { return e.fileKey, true }, "value "+v)
	}
}

// located records the problems in err: those of a --set that fileKey
// places (returning the sweep key of the file that made it) at that key's
// line with context added, the others as they are.
func (p *sweepParser) located(err error, fileKey func(set string) (string, bool), context string) {
	for _, e := range unjoin(err) {
		prob, ok := e.(*Problem)
		if !ok {
			p.probs = append(p.probs, &Problem{File: p.file, Msg: e.Error()})
			continue
		}
		set, isSet := strings.CutPrefix(prob.File, "--set ")
		key, found := fileKey(set)
		switch {
		case !isSet || !found:
			p.probs = append(p.probs, prob)
		case strings.HasPrefix(prob.Msg, "unknown key"):
			p.add(key, "%s", prob.Msg)
		default:
			p.add(key, "%s (%s)", prob.Msg, context)
		}
	}
}

func number(v any) (float64, bool, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true, true
	case float64:
		return x, false, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false, false
}

// point resolves one point and adds it to plan, or records its problems
// against the sweep keys that set them.
func (p *sweepParser) point(plan *SweepPlan, file string, data []byte, sets []string, name string, values []string) {
	pt := Point{Name: name, Values: values}
	for i, k := range plan.Keys {
		pt.Sets = append(pt.Sets, k+"="+values[i])
	}
	s, err := Parse(file, data, append(slices.Clone(sets), pt.Sets...))
	if err != nil {
		p.located(err, func(set string) (string, bool) {
			k, _, _ := strings.Cut(set, "=")
			if !slices.Contains(plan.Keys, k) {
				return "", false
			}
			if _, found := p.lines.line("sweep.grid." + k); found {
				return "sweep.grid." + k, true
			}
			return "sweep.ranges." + k, true
		}, "point "+name)
		return
	}
	s.Name = name
	pt.Scenario = s
	plan.Points = append(plan.Points, pt)
}

// setText writes a TOML value as a --set value: strings bare, anything
// else as TOML.
func setText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]any{"v": v}); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(strings.TrimPrefix(b.String(), "v = "))
}

// rangeValue maps x in [0, 1) into [lo, hi]: an integer when integer,
// else rounded to six significant digits (so that the value written is
// the value run).
func rangeValue(lo, hi float64, integer bool, x float64) string {
	if integer {
		return strconv.FormatInt(int64(min(hi, math.Floor(lo+x*(hi-lo+1)))), 10)
	}
	return strconv.FormatFloat(lo+x*(hi-lo), 'g', 6, 64)
}

// LatinHypercube draws n points in [0, 1)^dims such that in every
// dimension each of the n strata [i/n, (i+1)/n) holds exactly one point
// (McKay, Beckman and Conover 1979), from rng.
func LatinHypercube(rng *rand.Rand, n, dims int) [][]float64 {
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, dims)
	}
	for d := range dims {
		perm := rng.Perm(n)
		for i := range n {
			pts[i][d] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return pts
}

// product returns every combination of one value from each list, the
// last list varying fastest; one empty combination when there are no
// lists.
func product(lists [][]string) [][]string {
	out := [][]string{{}}
	for _, l := range lists {
		var next [][]string
		for _, c := range out {
			for _, v := range l {
				next = append(next, append(slices.Clone(c), v))
			}
		}
		out = next
	}
	return out
}

func lastSegment(key string) string {
	return key[strings.LastIndex(key, ".")+1:]
}
