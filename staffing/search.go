// Package staffing answers "how many officers do I need": the fewest
// officers on duty per shift (or per four-hour block) that meet a set of
// targets on the metrics of the metric table with a given confidence,
// found by simulation on common random numbers; the posts turned into a
// headcount through the relief factor, with its cost; and, beside it, the
// workload method of the COPS Office guide (Wilson & Weiss 2012).
//
// The search (docs/MODEL.md 7.37):
//
//  1. Level: every group gets the same posts k. The first k tried is the
//     scenario's own largest shift; it doubles until a level meets every
//     target (or Max is reached: infeasible), then bisects between the
//     highest level known to miss and the lowest known to meet.
//  2. Descent: from the lowest level that meets the targets, each step
//     tries one officer fewer in every group still open; of the rosters
//     that still meet the targets it keeps the one that saves the most
//     post-hours (then the one with the most slack). A group whose removal
//     misses a target is closed. The descent ends when no group is open.
//  3. Check: the rosters one officer below the answer in each group are
//     evaluated (most are already known). A roster there that meets the
//     targets after all (feasibility not monotone) is reported, every
//     group is opened again and the descent goes on from it.
//
// Every roster runs the same replicates (the same seed and replicate
// numbers): the candidates see the same calls, so their differences are
// the roster's, and a roster evaluated twice is taken from the cache. The
// answer is the minimum in this sense: no group can lose one officer
// without missing a target. After the search every pair of rosters one of
// which has at least the other's posts in every group is checked: a
// larger roster that misses a target the smaller one meets, or whose mean
// is worse by a paired interval that excludes 0, is a non-monotone step,
// reported with both rosters.
package staffing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"github.com/precinct-sim/precinct/study"
)

// Options says what the search looks for and how it runs.
type Options struct {
	Targets    []Target
	ByBlock    bool    // plan by four-hour block (scenarios.BlockShifts) instead of the scenario's shifts
	Reps       int     // replicates per roster, at least 2
	FirstRep   int     // the replicates are FirstRep .. FirstRep+Reps-1
	Confidence float64 // one-sided confidence that a target is met, in (0.5, 1)
	Max        int     // the most posts a group is given; 0: 4 x the scenario's largest shift, at least 50
	Workers    int     // worker goroutines; < 1 means runtime.GOMAXPROCS(0)
	CallShare  float64 // the workload method's share of patrol time for calls; 0: DefaultCallShare
	// Progress, when not nil, is called after every roster evaluated with
	// the runs (replicates) used so far.
	Progress func(runs int)
}

// Group is one shift (or block) of the roster the search staffs.
type Group struct {
	Name  string  `json:"name"`
	Start string  `json:"start"` // "HH:MM"
	Hours float64 `json:"hours"` // length
}

// Measure is a target metric over the replicates of one roster.
type Measure struct {
	N     int     `json:"n"`
	Mean  float64 `json:"mean"`
	Lo    float64 `json:"lo"`    // two-sided interval of the mean at the confidence
	Hi    float64 `json:"hi"`    //
	Bound float64 `json:"bound"` // one-sided bound: the upper for a <= target, the lower for >=
	Met   bool    `json:"met"`   // Bound meets the target
}

// Eval is one roster and what its replicates measured.
type Eval struct {
	Posts    []int     `json:"posts"`
	Measures []Measure `json:"targets"` // one per target, in order
	Met      bool      `json:"met"`     // every target met
	// Means holds the mean of every metric the replicates define.
	Means map[string]float64 `json:"means"`
	// Answered is the mean number of calls a unit reached.
	Answered float64     `json:"answered"`
	values   [][]float64 // per target, per replicate (NaN: undefined)
}

// PostHours returns the post-hours a day of posts over groups.
func PostHours(groups []Group, posts []int) float64 {
	var h float64
	for i, g := range groups {
		h += float64(posts[i]) * g.Hours
	}
	return h
}

// Step is a non-monotone step: More has at least Fewer's posts in every
// group yet does worse on Target.
type Step struct {
	More   []int  `json:"more"`
	Fewer  []int  `json:"fewer"`
	Target string `json:"target"`
	What   string `json:"what"` // what went the wrong way
}

// Solution is the search's answer.
type Solution struct {
	Scenario    string    `json:"scenario"`
	Targets     []string  `json:"targets"`
	Groups      []Group   `json:"groups"`
	By          string    `json:"by"` // "shift" or "block"
	Reps        int       `json:"reps"`
	FirstRep    int       `json:"first_rep"`
	Confidence  float64   `json:"confidence"`
	Max         int       `json:"max"`
	Feasible    bool      `json:"feasible"`
	Answer      *Eval     `json:"answer"`    // the fewest officers meeting every target; when infeasible, Max in every group
	Fewer       []*Eval   `json:"fewer"`     // per group: one officer fewer there (nil where that is no roster)
	Binding     int       `json:"binding"`   // the group whose one fewer misses by the most (-1: none)
	Evaluated   []*Eval   `json:"evaluated"` // every roster, in the order first evaluated
	Runs        int       `json:"runs"`      // replicates run
	Pairs       int       `json:"pairs"`     // ordered pairs of rosters checked for monotonicity
	NonMonotone []Step    `json:"non_monotone"`
	Headcount   Headcount `json:"headcount"`
	Workload    Workload  `json:"workload"`
	targets     []Target
}

// TargetList returns the targets the solution was searched for.
func (s *Solution) TargetList() []Target { return s.targets }

// Problem is a scenario prepared for the search: its groups, starting
// posts and the cache of rosters evaluated.
type Problem struct {
	base   *scenarios.Scenario
	groups []Group
	start  []int
	opt    Options
	cache  map[string]*Eval
	order  []*Eval
	runs   int
}

// ErrUndefined is the error of a target whose metric the scenario does not
// measure (no community model, no P1 calls, ...): bad input.
var ErrUndefined = errors.New("the scenario does not define the metric")

// NewProblem prepares s for the search. s must be a valid scenario whose
// headcount is not set by a budget.
func NewProblem(s *scenarios.Scenario, opt Options) (*Problem, error) {
	switch {
	case len(opt.Targets) == 0:
		return nil, errors.New("staffing: no target")
	case opt.Reps < 2:
		return nil, fmt.Errorf("staffing: %d replicates, want at least 2 (an interval needs two)", opt.Reps)
	case !(opt.Confidence > 0.5 && opt.Confidence < 1):
		return nil, fmt.Errorf("staffing: confidence %v, want more than 0.5 and less than 1", opt.Confidence)
	case s.Budget.Sworn > 0:
		return nil, fmt.Errorf("scenario %s: budget.sworn buys the headcount, and the search sets the roster: run with --set budget.sworn=0", s.Name)
	}
	st := &s.Staffing
	shifts := st.ShiftSpecs()
	posts := st.Posts()
	p := &Problem{base: s, opt: opt, cache: map[string]*Eval{}}
	if opt.ByBlock {
		// A block starts at the most posts the scenario has on duty in it.
		for i, b := range scenarios.BlockShifts() {
			most := 0
			for m := 4 * 60 * i; m < 4*60*(i+1); m += 15 {
				on := 0
				for j, sh := range shifts {
					if (m-int(sh.Start)+24*60)%(24*60) < int(sh.Length.Minutes()) {
						on += posts[j]
					}
				}
				most = max(most, on)
			}
			p.start = append(p.start, max(most, 1))
			p.groups = append(p.groups, group(b))
		}
	} else {
		for j, sh := range shifts {
			p.groups = append(p.groups, group(sh))
			p.start = append(p.start, max(posts[j], 1))
		}
	}
	if p.opt.CallShare <= 0 {
		p.opt.CallShare = DefaultCallShare
	}
	if p.opt.Max <= 0 {
		p.opt.Max = max(50, 4*slices.Max(p.start))
	}
	return p, nil
}

func group(sh scenarios.ShiftSpec) Group {
	c, _ := sh.Start.MarshalText()
	return Group{Name: sh.Name, Start: string(c), Hours: sh.Length.Hours()}
}

// Groups returns the groups the search staffs.
func (p *Problem) Groups() []Group { return p.groups }

// Workers returns the worker goroutines the search runs on.
func (p *Problem) Workers() int { return p.opt.Workers }

// Profile evaluates, for each group, the rosters that differ from the
// answer in that group alone by up to k officers either way (within 1 ..
// Max, where they are rosters), so that each target can be drawn against
// the officers of each group; it brings sol's list of rosters, its runs
// and its monotonicity check up to date.
func (p *Problem) Profile(ctx context.Context, sol *Solution, k int) error {
	var rosters [][]int
	for i := range p.groups {
		for d := -k; d <= k; d++ {
			r := slices.Clone(sol.Answer.Posts)
			r[i] += d
			if d == 0 || r[i] < 1 || r[i] > p.opt.Max {
				continue
			}
			if _, err := p.Scenario(r); err == nil {
				rosters = append(rosters, r)
			}
		}
	}
	if _, err := p.Evaluate(ctx, rosters); err != nil {
		return err
	}
	sol.Evaluated, sol.Runs = p.order, p.runs
	sol.Pairs, sol.NonMonotone = p.monotone()
	return nil
}

// Runs returns the replicates run so far.
func (p *Problem) Runs() int { return p.runs }

// Scenario returns the scenario with posts on duty in its groups, checked.
func (p *Problem) Scenario(posts []int) (*scenarios.Scenario, error) {
	s := *p.base
	s.Staffing.Headcount = 0
	s.Staffing.Weights = nil
	s.Staffing.OfficersPerShift = slices.Clone(posts)
	if p.opt.ByBlock {
		s.Staffing.Pattern = "custom"
		s.Staffing.Shifts = scenarios.BlockShifts()
	}
	if err := scenarios.Validate(&s); err != nil {
		return nil, fmt.Errorf("roster %s: %w", FormatPosts(posts), err)
	}
	return &s, nil
}

// FormatPosts writes posts as "14-13-11".
func FormatPosts(posts []int) string {
	parts := make([]string, len(posts))
	for i, n := range posts {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, "-")
}

// Evaluate runs the rosters not yet in the cache, all in one pool, and
// returns the evaluation of each roster.
func (p *Problem) Evaluate(ctx context.Context, rosters [][]int) ([]*Eval, error) {
	var todo []*Eval
	var jobs []study.Job
	for _, r := range rosters {
		key := FormatPosts(r)
		if p.cache[key] != nil || slices.ContainsFunc(todo, func(e *Eval) bool { return FormatPosts(e.Posts) == key }) {
			continue
		}
		s, err := p.Scenario(r)
		if err != nil {
			return nil, err
		}
		cfg := s.Config()
		e := &Eval{Posts: slices.Clone(r), Means: map[string]float64{}}
		todo = append(todo, e)
		for k := range p.opt.Reps {
			jobs = append(jobs, study.Job{Config: &cfg, Rep: p.opt.FirstRep + k})
		}
	}
	if len(jobs) > 0 {
		sums := make([]map[string][]float64, len(todo))
		answered := make([]float64, len(todo))
		err := study.Replicate(ctx, jobs, p.opt.Workers, func(i int, res *sim.Result) error {
			e := i / p.opt.Reps
			if sums[e] == nil {
				sums[e] = map[string][]float64{}
			}
			for _, m := range study.Metrics {
				if v, ok := m.Value(res); ok {
					sums[e][m.Key] = append(sums[e][m.Key], v)
				}
			}
			for _, ps := range res.ByPriority {
				answered[e] += float64(ps.Answered)
			}
			tv := todo[e]
			if tv.values == nil {
				tv.values = make([][]float64, len(p.opt.Targets))
			}
			for j, t := range p.opt.Targets {
				v, ok := t.Metric.Value(res)
				if !ok {
					v = math.NaN()
				}
				tv.values[j] = append(tv.values[j], v)
			}
			return nil
		})
		p.runs += len(jobs)
		if err != nil {
			return nil, err
		}
		for i, e := range todo {
			for k, xs := range sums[i] {
				e.Means[k] = stat.Mean(xs, nil)
			}
			e.Answered = answered[i] / float64(p.opt.Reps)
			e.Met = true
			for j, t := range p.opt.Targets {
				m, err := p.measure(t, e.values[j])
				if err != nil {
					return nil, fmt.Errorf("roster %s: %w", FormatPosts(e.Posts), err)
				}
				e.Measures = append(e.Measures, m)
				e.Met = e.Met && m.Met
			}
			p.cache[FormatPosts(e.Posts)] = e
			p.order = append(p.order, e)
		}
		if p.opt.Progress != nil {
			p.opt.Progress(p.runs)
		}
	}
	out := make([]*Eval, len(rosters))
	for i, r := range rosters {
		out[i] = p.cache[FormatPosts(r)]
	}
	return out, nil
}

// measure returns the statistics of a target over its replicate values.
func (p *Problem) measure(t Target, xs []float64) (Measure, error) {
	var v []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) < 2 {
		return Measure{}, fmt.Errorf("target %s: %w %s in %d of %d replicates (%s), and an interval needs two",
			t.Text, ErrUndefined, t.Metric.Key, len(v), len(xs), t.Metric.Description)
	}
	m := Measure{N: len(v)}
	sd := 0.0
	m.Mean, sd = stat.MeanStdDev(v, nil)
	se := sd / math.Sqrt(float64(len(v)))
	tt := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(v) - 1)}
	two := tt.Quantile(1-(1-p.opt.Confidence)/2) * se
	one := tt.Quantile(p.opt.Confidence) * se
	m.Lo, m.Hi = m.Mean-two, m.Mean+two
	m.Bound = m.Mean + one
	if !t.AtMost {
		m.Bound = m.Mean - one
	}
	m.Met = t.Met(m.Bound)
	return m, nil
}

// slack is how far e's worst target is inside its bound, relative to the
// bound (negative: missed).
func (p *Problem) slack(e *Eval) float64 {
	worst := math.Inf(1)
	for j, t := range p.opt.Targets {
		d := t.Bound - e.Measures[j].Bound
		if !t.AtMost {
			d = -d
		}
		worst = min(worst, d/math.Max(math.Abs(t.Bound), 1e-9))
	}
	return worst
}

func level(n, k int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// Solve finds the fewest officers per group of s that meet every target
// (the package comment says how).
func Solve(ctx context.Context, s *scenarios.Scenario, opt Options) (*Solution, error) {
	p, err := NewProblem(s, opt)
	if err != nil {
		return nil, err
	}
	return p.Solve(ctx)
}

// Solve runs the search on p.
func (p *Problem) Solve(ctx context.Context) (*Solution, error) {
	n := len(p.groups)
	one := func(posts []int) (*Eval, error) {
		e, err := p.Evaluate(ctx, [][]int{posts})
		if err != nil {
			return nil, err
		}
		return e[0], nil
	}
	sol := &Solution{Scenario: p.base.Name, Groups: p.groups, By: "shift", Reps: p.opt.Reps, FirstRep: p.opt.FirstRep,
		Confidence: p.opt.Confidence, Max: p.opt.Max, Binding: -1, targets: p.opt.Targets}
	if p.opt.ByBlock {
		sol.By = "block"
	}
	for _, t := range p.opt.Targets {
		sol.Targets = append(sol.Targets, t.Text)
	}
	// 1. Level.
	lo, hi := 0, min(slices.Max(p.start), p.opt.Max)
	for {
		e, err := one(level(n, hi))
		if err != nil {
			return nil, err
		}
		if e.Met {
			break
		}
		if hi == p.opt.Max {
			sol.Answer = e
			return p.finish(ctx, sol)
		}
		lo, hi = hi, min(2*hi, p.opt.Max)
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		e, err := one(level(n, mid))
		if err != nil {
			return nil, err
		}
		if e.Met {
			hi = mid
		} else {
			lo = mid
		}
	}
	sol.Feasible = true
	// 2. Descent, 3. check.
	cur := level(n, hi)
	for {
		var err error
		cur, err = p.descend(ctx, cur)
		if err != nil {
			return nil, err
		}
		fewer, err := p.neighbours(ctx, cur)
		if err != nil {
			return nil, err
		}
		var again []int
		for _, f := range fewer {
			if f != nil && f.Met {
				again = f.Posts
				break
			}
		}
		if again == nil {
			sol.Answer, _ = one(cur)
			break
		}
		cur = again
	}
	return p.finish(ctx, sol)
}

// descend runs step 2 from cur, which meets the targets.
func (p *Problem) descend(ctx context.Context, cur []int) ([]int, error) {
	open := make([]bool, len(cur))
	for i := range open {
		open[i] = true
	}
	for {
		var cands [][]int
		var which []int
		for i := range cur {
			if !open[i] || cur[i] <= 1 {
				continue
			}
			c := slices.Clone(cur)
			c[i]--
			if _, err := p.Scenario(c); err != nil {
				open[i] = false // no roster: a gap in the day
				continue
			}
			cands, which = append(cands, c), append(which, i)
		}
		if len(cands) == 0 {
			return cur, nil
		}
		evals, err := p.Evaluate(ctx, cands)
		if err != nil {
			return nil, err
		}
		best := -1
		for j, e := range evals {
			if !e.Met {
				open[which[j]] = false
				continue
			}
			if best < 0 {
				best = j
				continue
			}
			hb, hj := p.groups[which[best]].Hours, p.groups[which[j]].Hours
			if hj > hb || (hj == hb && p.slack(e) > p.slack(evals[best])) {
				best = j
			}
		}
		if best < 0 {
			return cur, nil
		}
		cur = cands[best]
	}
}

// neighbours evaluates the rosters one officer below cur in each group
// (nil where that is no roster).
func (p *Problem) neighbours(ctx context.Context, cur []int) ([]*Eval, error) {
	out := make([]*Eval, len(cur))
	var rosters [][]int
	var at []int
	for i := range cur {
		if cur[i] < 1 {
			continue
		}
		c := slices.Clone(cur)
		c[i]--
		if _, err := p.Scenario(c); err != nil {
			continue
		}
		rosters, at = append(rosters, c), append(at, i)
	}
	evals, err := p.Evaluate(ctx, rosters)
	if err != nil {
		return nil, err
	}
	for j, e := range evals {
		out[at[j]] = e
	}
	return out, nil
}

// finish fills in the one-fewer rosters, the binding group, the
// monotonicity check, the headcount and the workload method.
func (p *Problem) finish(ctx context.Context, sol *Solution) (*Solution, error) {
	if sol.Feasible {
		fewer, err := p.neighbours(ctx, sol.Answer.Posts)
		if err != nil {
			return nil, err
		}
		sol.Fewer = fewer
		worst := math.Inf(1)
		for i, f := range fewer {
			if f != nil && !f.Met && p.slack(f) < worst {
				worst, sol.Binding = p.slack(f), i
			}
		}
	}
	sol.Evaluated = p.order
	sol.Runs = p.runs
	sol.Pairs, sol.NonMonotone = p.monotone()
	sol.Headcount = NewHeadcount(p.groups, sol.Answer.Posts, p.base.Staffing.AnnualHours, p.base.Costs.Officer, p.base.Costs.Currency)
	sol.Workload = FromEval(sol.Answer, p.base, p.opt.CallShare)
	return sol, nil
}

// dominates reports whether a has at least b's posts in every group and
// more in one.
func dominates(a, b []int) bool {
	more := false
	for i := range a {
		if a[i] < b[i] {
			return false
		}
		more = more || a[i] > b[i]
	}
	return more
}

// monotone checks every pair of rosters evaluated where one dominates the
// other and returns the pairs checked and the non-monotone steps.
func (p *Problem) monotone() (int, []Step) {
	var steps []Step
	pairs := 0
	for _, a := range p.order {
		for _, b := range p.order {
			if !dominates(a.Posts, b.Posts) {
				continue
			}
			pairs++
			for j, t := range p.opt.Targets {
				ma, mb := a.Measures[j], b.Measures[j]
				if mb.Met && !ma.Met {
					steps = append(steps, Step{More: a.Posts, Fewer: b.Posts, Target: t.Text,
						What: fmt.Sprintf("the larger roster misses it (bound %s) and the smaller meets it (bound %s)", t.FormatValue(ma.Bound), t.FormatValue(mb.Bound))})
					continue
				}
				d := study.Compare(t.Metric.Key, b.values[j], a.values[j])
				if d.CI == nil {
					continue
				}
				if (t.AtMost && d.CI.Lo > 0) || (!t.AtMost && d.CI.Hi < 0) {
					steps = append(steps, Step{More: a.Posts, Fewer: b.Posts, Target: t.Text,
						What: fmt.Sprintf("the larger roster's mean is worse by %s (paired 95%% interval %s to %s)", t.FormatValue(math.Abs(*d.Diff)), t.FormatValue(d.CI.Lo), t.FormatValue(d.CI.Hi))})
				}
			}
		}
	}
	return pairs, steps
}
