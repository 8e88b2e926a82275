package sim

import (
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/agents"
)

// Result is what one replicate measured after the warm-up. Durations are
// in minutes, rates per minute, shares in [0, 1]. A statistic over no
// observations is absent (nil), never a made-up zero.
type Result struct {
	Replicate  int `json:"replicate"`
	Days       int `json:"days"`
	WarmupDays int `json:"warmup_days"`

	Calls       int             `json:"calls"`         // calls received in the measured window
	CallsByType []TypeCount     `json:"calls_by_type"` // in the scenario's type order
	ByPriority  []PriorityStats `json:"by_priority"`   // P1, P2, P3

	ResponseHistogram []Histogram `json:"response_histogram"` // P1, P2, P3

	QueueDelay  Summary `json:"queue_delay"`  // call received to first dispatch, minutes, all priorities
	WaitedShare float64 `json:"waited_share"` // share of calls that found no free unit
	Little      Little  `json:"littles_law"`

	Utilization  float64      `json:"utilization"` // committed time / on-duty time
	OfficerHours OfficerHours `json:"officer_hours"`
	Preemptions  int          `json:"preemptions"`

	Community *CommunityResult `json:"community,omitempty"` // crime, residents and trust; nil when off

	Force        ForceStats        `json:"force"`                  // use of force, injuries, complaints
	CoResponders *CoResponderStats `json:"coresponders,omitempty"` // nil without co-responder teams
	Cost         CostStats         `json:"cost"`

	UnansweredAtEnd int `json:"unanswered_at_end"` // calls received after the warm-up that no unit had reached by the end, still waiting
	EnRouteAtEnd    int `json:"en_route_at_end"`   // calls received after the warm-up whose first unit was still on the way at the end

	Daily []Day `json:"daily"`
}

// TypeCount is the number of calls of one type.
type TypeCount struct {
	Type     string `json:"type"`
	Priority int    `json:"priority"`
	Calls    int    `json:"calls"`
}

// PriorityStats describes the calls of one priority.
type PriorityStats struct {
	Priority    int     `json:"priority"`
	Calls       int     `json:"calls"`        // received
	Answered    int     `json:"answered"`     // a unit reached the scene before the run ended
	Response    Summary `json:"response"`     // received to first arrival on scene, minutes
	QueueDelay  Summary `json:"queue_delay"`  // received to first dispatch, minutes
	WaitedShare float64 `json:"waited_share"` // share that found no free unit
}

// Summary describes a sample of durations in minutes. Median and P90 are
// empirical quantiles (the lowest value with at least that share of the
// sample at or below it). All three are nil when N is 0.
type Summary struct {
	N      int      `json:"n"`
	Mean   *float64 `json:"mean,omitempty"`
	Median *float64 `json:"median,omitempty"`
	P90    *float64 `json:"p90,omitempty"`
}

// Little holds the three terms of Little's law for the waiting queue over
// the measured window: MeanQueueLength should equal ArrivalRate x MeanWait.
type Little struct {
	ArrivalRate     float64 `json:"arrival_rate"`      // calls per minute
	MeanWait        float64 `json:"mean_wait"`         // minutes in the queue per call, preemption re-queues included
	MeanQueueLength float64 `json:"mean_queue_length"` // time-averaged number of calls waiting
}

// OfficerHours splits on-duty officer time by state, in hours. Overtime is
// the part of it worked after a shift had ended, finishing a call.
type OfficerHours struct {
	Patrol   float64 `json:"patrol"`
	Engage   float64 `json:"engage"`
	EnRoute  float64 `json:"en_route"`
	OnScene  float64 `json:"on_scene"`
	Report   float64 `json:"report"`
	Overtime float64 `json:"overtime"`
}

// Day is one measured day.
type Day struct {
	Day            int      `json:"day"` // 0 is the first day after the warm-up
	Calls          int      `json:"calls"`
	P1Calls        int      `json:"p1_calls"`
	P1ResponseMean *float64 `json:"p1_response_mean,omitempty"` // minutes, calls received that day
	QueueDelayMean *float64 `json:"queue_delay_mean,omitempty"` // minutes, calls dispatched that were received that day
	WaitedShare    *float64 `json:"waited_share,omitempty"`     // share of the day's calls that found no free unit
	Utilization    *float64 `json:"utilization,omitempty"`

	Force            int     `json:"use_of_force"`
	Injuries         int     `json:"injuries"` // encounters with a civilian or officer injured
	Complaints       int     `json:"complaints"`
	CoResponderCalls int     `json:"coresponder_calls"`
	Cost             float64 `json:"cost"`

	Community *CommunityDay `json:"community,omitempty"`
}

// summarize describes xs, sorting it in place.
func summarize(xs []float64) Summary {
	s := Summary{N: len(xs)}
	if len(xs) == 0 {
		return s
	}
	slices.Sort(xs)
	mean := stat.Mean(xs, nil)
	med := stat.Quantile(0.5, stat.Empirical, xs, nil)
	p90 := stat.Quantile(0.9, stat.Empirical, xs, nil)
	s.Mean, s.Median, s.P90 = &mean, &med, &p90
	return s
}

func ratio(a, b float64) *float64 {
	if b <= 0 {
		return nil
	}
	r := a / b
	return &r
}

// recorder accumulates metrics as the engine runs. Everything before warm
// (the end of the warm-up) is ignored.
type recorder struct {
	warm, end float64

	typeCounts []int
	prio       [NumPriorities]struct {
		calls, answered, waited int
		resp, delay             []float64
	}
	calls, waited int

	qlen      int
	qSince    float64
	qArea     float64
	queueTime float64 // minutes waited in the queue by calls received in the window

	stateMin    [agents.NumStates]float64
	overtimeMin float64
	preemptions int

	daily []dayAcc
}

type dayAcc struct {
	calls, p1, p1n, delayN, waited int
	p1Sum, delaySum                float64
	committed, onDuty              float64
}

func newRecorder(cfg *Config) *recorder {
	return &recorder{
		warm:       float64(cfg.WarmupDays) * MinutesPerDay,
		end:        float64(cfg.WarmupDays+cfg.Days) * MinutesPerDay,
		typeCounts: make([]int, len(cfg.CallTypes)),
		daily:      make([]dayAcc, cfg.Days),
	}
}

func (r *recorder) day(t float64) *dayAcc {
	d := int((t - r.warm) / MinutesPerDay)
	return &r.daily[min(d, len(r.daily)-1)]
}

func (r *recorder) received(c *call) {
	if !c.inWindow {
		return
	}
	r.calls++
	r.typeCounts[c.typ]++
	r.prio[c.priority-1].calls++
	d := r.day(c.received)
	d.calls++
	if c.priority == P1 {
		d.p1++
	}
}

// dispatched records a call's first dispatch at minute t.
func (r *recorder) dispatched(c *call, t float64) {
	if !c.inWindow {
		return
	}
	delay := t - c.received
	p := &r.prio[c.priority-1]
	p.delay = append(p.delay, delay)
	d := r.day(c.received)
	d.delayN++
	d.delaySum += delay
	if delay > 0 {
		c.waited = true
		p.waited++
		r.waited++
		d.waited++
	}
}

// firstArrival records that the first unit reached the scene at minute t.
func (r *recorder) firstArrival(c *call, t float64) {
	if !c.inWindow {
		return
	}
	resp := t - c.received
	p := &r.prio[c.priority-1]
	p.answered++
	p.resp = append(p.resp, resp)
	if c.priority == P1 {
		d := r.day(c.received)
		d.p1n++
		d.p1Sum += resp
	}
}

// enterQueue records that c starts waiting at minute t.
func (r *recorder) enterQueue(c *call, t float64) {
	if c.inWindow {
		r.queueLength(t, r.qlen+1)
	}
}

// leaveQueue records that c stops waiting at minute t.
func (r *recorder) leaveQueue(c *call, t float64) {
	c.queueTime += t - c.queuedAt
	if c.inWindow {
		r.queueTime += t - c.queuedAt
		r.queueLength(t, r.qlen-1)
	}
}

// queueLength records that n calls received in the window wait from
// minute t. Calls received in the warm-up are left out of both sides of
// Little's law.
func (r *recorder) queueLength(t float64, n int) {
	if a, b := max(r.qSince, r.warm), min(t, r.end); b > a {
		r.qArea += float64(r.qlen) * (b - a)
	}
	r.qlen, r.qSince = n, t
}

// stateTime books the minutes [from, to) an officer spent in state s.
func (r *recorder) stateTime(s agents.State, from, to float64, overtime bool) {
	from, to = max(from, r.warm), min(to, r.end)
	if to <= from || !s.OnDuty() {
		return
	}
	r.stateMin[s] += to - from
	if overtime {
		r.overtimeMin += to - from
	}
	for from < to {
		d := r.day(from)
		cut := min(to, r.warm+float64(int((from-r.warm)/MinutesPerDay)+1)*MinutesPerDay)
		d.onDuty += cut - from
		if s.Committed() {
			d.committed += cut - from
		}
		from = cut
	}
}

// result turns the accumulators into a Result. waiting lists the calls
// still queued at the end, enRoute counts calls a unit is driving to.
func (r *recorder) result(rep, days, warmup int, types []CallType, waiting []*call, enRoute int) *Result {
	res := &Result{Replicate: rep, Days: days, WarmupDays: warmup, Calls: r.calls, EnRouteAtEnd: enRoute}
	for i, t := range types {
		res.CallsByType = append(res.CallsByType, TypeCount{Type: t.Name, Priority: int(t.Priority), Calls: r.typeCounts[i]})
	}
	waited := r.waited
	prioWaited := [NumPriorities]int{}
	for _, c := range waiting {
		if !c.inWindow {
			continue
		}
		r.queueTime += r.end - c.queuedAt
		if !c.arrived {
			res.UnansweredAtEnd++
		}
		if !c.waited { // a preempted call already counted when first dispatched late is not counted twice
			waited++
			prioWaited[c.priority-1]++
			r.day(c.received).waited++
		}
	}
	var all []float64
	for i := range r.prio {
		p := &r.prio[i]
		all = append(all, p.delay...)
		ps := PriorityStats{Priority: i + 1, Calls: p.calls, Answered: p.answered,
			Response: summarize(p.resp), QueueDelay: summarize(p.delay)}
		if s := ratio(float64(p.waited+prioWaited[i]), float64(p.calls)); s != nil {
			ps.WaitedShare = *s
		}
		res.ByPriority = append(res.ByPriority, ps)
	}
	res.QueueDelay = summarize(all)
	res.ResponseHistogram = r.responseHistograms()
	if s := ratio(float64(waited), float64(r.calls)); s != nil {
		res.WaitedShare = *s
	}
	r.queueLength(r.end, r.qlen)
	window := r.end - r.warm
	res.Little = Little{ArrivalRate: float64(r.calls) / window, MeanQueueLength: r.qArea / window}
	if r.calls > 0 {
		res.Little.MeanWait = r.queueTime / float64(r.calls)
	}
	var onDuty, committed float64
	for s, m := range r.stateMin {
		onDuty += m
		if agents.State(s).Committed() {
			committed += m
		}
	}
	if u := ratio(committed, onDuty); u != nil {
		res.Utilization = *u
	}
	res.OfficerHours = OfficerHours{
		Patrol: r.stateMin[agents.OnPatrol] / 60, Engage: r.stateMin[agents.Engage] / 60, EnRoute: r.stateMin[agents.EnRoute] / 60,
		OnScene: r.stateMin[agents.OnScene] / 60, Report: r.stateMin[agents.Report] / 60,
		Overtime: r.overtimeMin / 60,
	}
	res.Preemptions = r.preemptions
	res.Daily = make([]Day, len(r.daily))
	for i, d := range r.daily {
		res.Daily[i] = Day{Day: i, Calls: d.calls, P1Calls: d.p1,
			P1ResponseMean: ratio(d.p1Sum, float64(d.p1n)),
			QueueDelayMean: ratio(d.delaySum, float64(d.delayN)),
			WaitedShare:    ratio(float64(d.waited), float64(d.calls)),
			Utilization:    ratio(d.committed, d.onDuty)}
	}
	return res
}
