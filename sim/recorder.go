package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/precinct-sim/precinct/agents"
)

// clone returns a copy of s that shares no pointer with it.
func (s Summary) clone() Summary {
	c := Summary{N: s.N}
	for _, f := range []struct{ to, from **float64 }{{&c.Mean, &s.Mean}, {&c.Median, &s.Median}, {&c.P90, &s.P90}} {
		if *f.from != nil {
			v := **f.from
			*f.to = &v
		}
	}
	return c
}

func ratio(a, b float64) *float64 {
	if b <= 0 {
		return nil
	}
	r := a / b
	return &r
}

// recorder accumulates metrics as the engine runs. Everything outside its
// window is ignored.
type recorder struct {
	window
	clock clockSpan // the hour of the day of the last call that had a first arrival

	typeCounts []int
	prio       [NumPriorities]struct {
		calls, answered, waited, telephone int
		resp, delay, proc, travel          []float64
		hour                               []uint8 // hour of day each resp was received in
	}
	calls, waited int

	shifts                 []Shift // to tell the shift a call came in
	dispatches, crossBeat  int     // units sent, and those sent out of the call's beat
	unitArrivals, policeOn int     // units that reached a scene, calls a police unit reached
	lost, telephone        int
	secondaryMin           float64 // en route and on scene as a secondary unit
	activityMin            [numActivities]float64
	officerMin             []float64 // per officer, minutes committed to calls
	queueByHour            [24]sumN  // answered calls' queue delay by the hour they came in

	qlen      int
	qSince    float64
	qArea     float64
	queueTime float64 // minutes waited in the queue by calls received in the window

	backupResp []float64 // minutes from a team's request for police backup to the first officer on scene

	stateMin    [agents.NumStates]float64
	overtimeMin float64
	preemptions int

	daily []dayAcc
}

// sumN is a running sum and count.
type sumN struct {
	n   int
	sum float64
}

type dayAcc struct {
	calls, p1, p1n, p3n, delayN, waited int
	units, reached                      int
	p1Sum, p3Sum, delaySum              float64
	committed, busy, onDuty, overtime   float64
}

func newRecorder(cfg *Config) *recorder {
	r := &recorder{
		window:     newWindow(cfg),
		typeCounts: make([]int, len(cfg.CallTypes)),
		daily:      make([]dayAcc, cfg.MeasuredDays()),
		shifts:     cfg.Shifts,
	}
	// Each priority's series start with the room that doubling from
	// 1,024 (addSample) would reach for the calls its types bring in the
	// window on average and four standard deviations more, at most 2^21:
	// a long run's series then seldom grow, and are not copied as they
	// fill. Calls from other sources (crime, surges) grow them as needed.
	var expect [NumPriorities]float64
	for _, t := range cfg.CallTypes {
		expect[t.Priority-1] += t.PerDay * float64(cfg.MeasuredDays())
	}
	for i := range r.prio {
		n := 0
		if need := expect[i] + 4*math.Sqrt(expect[i]); need > 0 {
			n = 1024
			for float64(n) < need && n < 1<<21 {
				n *= 2
			}
		}
		p := &r.prio[i]
		p.resp, p.delay, p.proc, p.travel = newSeries(n), newSeries(n), newSeries(n), newSeries(n)
		p.hour = make([]uint8, 0, n)
	}
	return r
}

// officers sizes the per-officer accounts for n officers.
func (r *recorder) officers(n int) { r.officerMin = make([]float64, n) }

func (r *recorder) day(t float64) *dayAcc {
	d := r.window.day(t)
	return &r.daily[min(d, len(r.daily)-1)]
}

// received records call c as it comes in; a call in the window keeps
// the measured day it came in, which the later records of its day read.
func (r *recorder) received(c *call) {
	if c.inWindow {
		c.day = int32(min(r.window.day(c.received), len(r.daily)-1))
	}
	if !c.counted {
		return
	}
	r.calls++
	r.typeCounts[c.typ]++
	r.prio[c.priority-1].calls++
	d := &r.daily[c.day]
	d.calls++
	if c.priority == P1 {
		d.p1++
	}
}

// dispatched records a call's first dispatch at minute t.
func (r *recorder) dispatched(c *call, t float64) {
	if !c.counted {
		return
	}
	delay := t - c.ready
	p := &r.prio[c.priority-1]
	p.delay = addSample(p.delay, delay)
	d := &r.daily[c.day]
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
	if c.backup && c.inWindow {
		r.backupResp = addSample(r.backupResp, t-c.received)
	}
	if !c.counted {
		return
	}
	resp := t - c.received
	p := &r.prio[c.priority-1]
	p.answered++
	p.resp = addSample(p.resp, resp)
	p.proc = addSample(p.proc, c.ready-c.received)
	p.travel = addSample(p.travel, t-c.dispatch)
	hour, _ := r.clock.at(c.received)
	h := uint8(hour)
	p.hour = addSample(p.hour, h)
	q := &r.queueByHour[h]
	q.n++
	q.sum += c.dispatch - c.ready
	d := &r.daily[c.day]
	switch c.priority {
	case P1:
		d.p1n++
		d.p1Sum += resp
	case P3:
		d.p3n++
		d.p3Sum += resp
	}
}

// unitDispatched records that a unit was sent to c, out of the call's
// beat when cross.
func (r *recorder) unitDispatched(c *call, cross bool) {
	if !c.inWindow {
		return
	}
	r.dispatches++
	if cross {
		r.crossBeat++
	}
}

// unitArrived records that a police unit reached c's scene.
func (r *recorder) unitArrived(c *call) {
	if !c.inWindow {
		return
	}
	d := &r.daily[c.day]
	r.unitArrivals++
	d.units++
	if !c.policeOn && c.counted { // a team's call for backup adds units to the team's call, not a call
		c.policeOn = true
		r.policeOn++
		d.reached++
	}
}

// lostCall records a call lost because no unit was free (zero line
// capacity).
func (r *recorder) lostCall(c *call) {
	if c.counted {
		r.lost++
	}
}

// telephoned records a call taken as a telephone report.
func (r *recorder) telephoned(c *call) {
	if c.counted {
		r.telephone++
		r.prio[c.priority-1].telephone++
	}
}

// enterQueue records that c starts waiting at minute t.
func (r *recorder) enterQueue(c *call, t float64) {
	if c.counted {
		r.queueLength(t, r.qlen+1)
	}
}

// leaveQueue records that c stops waiting at minute t.
func (r *recorder) leaveQueue(c *call, t float64) {
	c.queueTime += t - c.queuedAt
	if c.counted {
		r.queueTime += t - c.queuedAt
		r.queueLength(t, r.qlen-1)
	}
}

// queueLength records that n calls received in the window wait from
// minute t. Calls received in the warm-up are left out of both sides of
// Little's law.
func (r *recorder) queueLength(t float64, n int) {
	if d := r.clip(r.qSince, t); d > 0 {
		r.qArea += float64(r.qlen) * d
	}
	r.qlen, r.qSince = n, t
}

// stateTime books the minutes from o.Since to to that officer o spent in
// its current state.
func (r *recorder) stateTime(o *agents.Officer, to float64) {
	s := o.State
	from := o.Since
	if !(from < to) || !s.OnDuty() {
		return // nothing spent, or off duty: most calls here book a state entered this minute
	}
	// Plain comparisons rather than max and min, which also order NaN and
	// signed zeros: times are neither.
	if from < r.from {
		from = r.from
	}
	if to > r.to {
		to = r.to
	}
	if to <= from {
		return
	}
	r.stateMin[s] += to - from
	if o.OffAfter {
		r.overtimeMin += to - from
	}
	switch {
	case s.Committed():
		r.officerMin[o.ID] += to - from
		if o.Secondary && s != agents.Report {
			r.secondaryMin += to - from
		}
	case s == agents.SelfInit || s == agents.OutOfService:
		r.activityMin[o.Activity] += to - from
	}
	for from < to {
		day := r.window.day(from)
		d := &r.daily[min(day, len(r.daily)-1)]
		cut := min(to, r.from+float64(day+1)*MinutesPerDay)
		d.onDuty += cut - from
		if o.OffAfter {
			d.overtime += cut - from
		}
		if s.Committed() {
			d.committed += cut - from
		}
		if s.Busy() {
			d.busy += cut - from
		}
		from = cut
	}
}

// result turns the accumulators into a Result. waiting lists the calls
// still queued at the end, enRoute counts calls a unit is driving to.
func (r *recorder) result(rep, days, warmup, from int, types []CallType, waiting []*call, enRoute int) *Result {
	res := &Result{Replicate: rep, Days: days, WarmupDays: warmup, MeasureFrom: from, Calls: r.calls, EnRouteAtEnd: enRoute}
	for i, t := range types {
		res.CallsByType = append(res.CallsByType, TypeCount{Type: t.Name, Priority: int(t.Priority), Calls: r.typeCounts[i]})
	}
	waited := r.waited
	prioWaited := [NumPriorities]int{}
	for _, c := range waiting {
		if !c.counted {
			continue
		}
		r.queueTime += r.to - c.queuedAt
		if !c.arrived {
			res.UnansweredAtEnd++
		}
		if !c.waited { // a preempted call already counted when first dispatched late is not counted twice
			waited++
			prioWaited[c.priority-1]++
			r.daily[c.day].waited++
		}
	}
	var resps [NumPriorities][]float64
	var hours [NumPriorities][]uint8
	z := &summarizer{}
	var room seriesRoom // the processing and travel series, once summarized
	for i := range r.prio {
		p := &r.prio[i]
		resps[i], hours[i] = p.resp, p.hour
		ps := PriorityStats{Priority: i + 1, Calls: p.calls, Answered: p.answered, Telephone: p.telephone,
			Processing: z.summarize(p.proc), Travel: z.summarize(p.travel),
			Response: z.summarize(p.resp), QueueDelay: z.summarize(p.delay)}
		if s := ratio(float64(p.waited+prioWaited[i]), float64(p.calls)); s != nil {
			ps.WaitedShare = *s
		}
		res.ByPriority = append(res.ByPriority, ps)
		room.bufs = append(room.bufs, p.proc[:0], p.travel[:0])
	}
	res.byPeriod(resps, hours, r.shifts, &room, z)
	// The queue delays of all priorities: one priority's summary when the
	// others have none, else the summary of P1's delays followed by P2's
	// and P3's.
	n, only := 0, -1
	for i := range r.prio {
		if d := len(r.prio[i].delay); d > 0 {
			n += d
			only = i
		}
	}
	if only >= 0 && len(r.prio[only].delay) == n {
		res.QueueDelay = res.ByPriority[only].QueueDelay.clone()
	} else {
		room.free() // the rows are summarized
		all := room.cut(n, 0)
		for i := range r.prio {
			all = append(all, r.prio[i].delay...)
		}
		res.QueueDelay = z.summarize(all)
	}
	shiftQ := make([]sumN, len(r.shifts))
	for h, q := range r.queueByHour {
		res.ResponseByHour[h].QueueMean = ratio(q.sum, float64(q.n))
		if s := shiftOf(r.shifts, float64(h)*60+30); s >= 0 {
			shiftQ[s].n += q.n
			shiftQ[s].sum += q.sum
		}
	}
	for s, q := range shiftQ {
		res.ResponseByShift[s].QueueMean = ratio(q.sum, float64(q.n))
	}
	res.ResponseHistogram = r.responseHistograms()
	if s := ratio(float64(waited), float64(r.calls)); s != nil {
		res.WaitedShare = *s
	}
	r.queueLength(r.to, r.qlen)
	span := r.to - r.from
	res.Little = Little{ArrivalRate: float64(r.calls) / span, MeanQueueLength: r.qArea / span}
	if r.calls > 0 {
		res.Little.MeanWait = r.queueTime / float64(r.calls)
	}
	var onDuty, committed, busy float64
	for s, m := range r.stateMin {
		onDuty += m
		if agents.State(s).Committed() {
			committed += m
		}
		if agents.State(s).Busy() {
			busy += m
		}
	}
	if u := ratio(committed, onDuty); u != nil {
		res.Utilization = *u
	}
	res.OfficerHours = OfficerHours{
		Patrol: r.stateMin[agents.OnPatrol] / 60, Engage: r.stateMin[agents.Engage] / 60, EnRoute: r.stateMin[agents.EnRoute] / 60,
		OnScene: r.stateMin[agents.OnScene] / 60, Report: r.stateMin[agents.Report] / 60,
		SelfInitiated: r.stateMin[agents.SelfInit] / 60, OutOfService: r.stateMin[agents.OutOfService] / 60,
		Transport: r.stateMin[agents.Transport] / 60,
		Overtime:  r.overtimeMin / 60,
	}
	res.Workload = r.workload(committed, busy, onDuty)
	res.TelephoneReports, res.LostCalls = r.telephone, r.lost
	res.LostShare = ratio(float64(r.lost), float64(r.calls))
	res.CommittedByOfficer = make([]float64, len(r.officerMin))
	for i, m := range r.officerMin {
		res.CommittedByOfficer[i] = m / 60
	}
	res.Preemptions = r.preemptions
	res.Daily = make([]Day, len(r.daily))
	for i, d := range r.daily {
		res.Daily[i] = Day{Day: i, Calls: d.calls, P1Calls: d.p1,
			P1ResponseMean: ratio(d.p1Sum, float64(d.p1n)),
			QueueDelayMean: ratio(d.delaySum, float64(d.delayN)),
			WaitedShare:    ratio(float64(d.waited), float64(d.calls)),
			Utilization:    ratio(d.committed, d.onDuty), OvertimeHours: d.overtime / 60,
			CommittedShare: ratio(d.busy, d.onDuty),
			UnitsPerCall:   ratio(float64(d.units), float64(d.reached)),
			P3ResponseMean: ratio(d.p3Sum, float64(d.p3n))}
	}
	return res
}

// communityRecorder accumulates the community metrics.
type communityRecorder struct {
	window

	trueN, reported, recorded, arrests [][]int // [type][hood]
	via                                [numVia]int
	deterred                           int
	nearRepeat                         []int // per type
	resident, business, businessRep    []int // per type: offenses with a resident victim, a business victim, reported by the business
	stopsHood, stopsGroup              []int
	hits, onView                       int
	contacts                           Contacts
	sessions, interrupted              int
	trustStart                         []float64
	trustStartAll                      float64
	daily                              []CommunityDay
	cells                              CellCounts
}

func newCommunityRecorder(cfg *Config) *communityRecorder {
	k, h := len(cfg.Community.Crime.Types), len(cfg.Grid.Neighborhoods)
	grid := func() [][]int {
		g := make([][]int, k)
		for i := range g {
			g[i] = make([]int, h)
		}
		return g
	}
	r := &communityRecorder{
		window: newWindow(cfg),
		trueN:  grid(), reported: grid(), recorded: grid(), arrests: grid(),
		stopsHood: make([]int, h), stopsGroup: make([]int, len(cfg.Community.Residents.Groups)), nearRepeat: make([]int, k),
		resident: make([]int, k), business: make([]int, k), businessRep: make([]int, k),
		daily: make([]CommunityDay, cfg.MeasuredDays()),
		cells: CellCounts{True: make([]int, cfg.Grid.Cells()), Recorded: make([]int, cfg.Grid.Cells()),
			Stops: make([]int, cfg.Grid.Cells())},
	}
	for d := range r.daily {
		r.daily[d] = CommunityDay{HoodTrust: make([]float64, h), HoodRecorded: make([]int, h),
			HoodStops: make([]int, h), HoodTrue: make([]int, h)}
	}
	return r
}

func (r *communityRecorder) day(t float64) *CommunityDay {
	return &r.daily[min(r.window.day(t), len(r.daily)-1)]
}

func (r *communityRecorder) happened(o *offense, nearRepeat bool) {
	if !o.inWindow {
		return
	}
	r.trueN[o.typ][o.hood]++
	r.cells.True[o.cell]++
	switch {
	case o.victim >= 0:
		r.resident[o.typ]++
	case o.victim == victimBusiness:
		r.business[o.typ]++
	}
	if nearRepeat {
		r.nearRepeat[o.typ]++
	}
	d := r.day(o.t)
	d.True++
	d.HoodTrue[o.hood]++
}

func (r *communityRecorder) reportedBy(o *offense) {
	if o.inWindow {
		r.reported[o.typ][o.hood]++
		r.day(o.t).Reported++
		if o.victim == victimBusiness {
			r.businessRep[o.typ]++
		}
	}
}

// recordedBy counts offense o as recorded, learned of at cell at minute t.
func (r *communityRecorder) recordedBy(o *offense, via, cell int, t float64) {
	if r.in(t) {
		r.cells.Recorded[cell]++
	}
	if o.inWindow {
		r.recorded[o.typ][o.hood]++
		r.via[via]++
		d := r.day(o.t)
		d.Recorded++
		d.HoodRecorded[o.hood]++
	}
}

func (r *communityRecorder) arrested(o *offense) {
	if o.inWindow {
		r.arrests[o.typ][o.hood]++
	}
}

// arrestedOnView counts an arrest by a dwelling officer who saw offense o
// happen.
func (r *communityRecorder) arrestedOnView(o *offense) {
	r.arrested(o)
	if o.inWindow {
		r.onView++
	}
}

func (r *communityRecorder) stopped(t float64, cell, hood, group int, hit bool) {
	if !r.in(t) {
		return
	}
	r.cells.Stops[cell]++
	r.stopsHood[hood]++
	r.stopsGroup[group]++
	if hit {
		r.hits++
	}
	d := r.day(t)
	d.Stops++
	d.HoodStops[hood]++
}

// endOfDay records trust at the end of the day ending at minute t.
func (r *communityRecorder) endOfDay(t float64, hood []float64, all float64) {
	if t == r.from {
		r.trustStart = append([]float64(nil), hood...)
		r.trustStartAll = all
	}
	if t <= r.from || t > r.to {
		return
	}
	d := r.day(t - 1)
	copy(d.HoodTrust, hood)
	d.MeanTrust = all
}

// result assembles the community metrics; hoodTrust and all are the mean
// trust per neighborhood and overall at the end.
func (r *communityRecorder) result(cfg *Config, m *community, hoodTrust []float64, all, engageMin, patrolMin float64) *CommunityResult {
	cr := &cfg.Community.Crime
	r.cells.PresenceHours = m.presenceHours()
	res := &CommunityResult{Deterred: r.deterred, StopHits: r.hits, ArrestsOnView: r.onView, Contacts: r.contacts, Cells: r.cells,
		RecordedVia: RecordedVia{Report: r.via[viaReport], Patrol: r.via[viaPatrol], Stop: r.via[viaStop]}}
	hoodTrue := make([]int, len(cfg.Grid.Neighborhoods))
	var withVictim, withVictimReported, violent, violentRep, property, propertyRep, nearRepeats int
	for t, ct := range cr.Types {
		cc := CrimeCount{Type: ct.Name, ResidentVictims: r.resident[t], BusinessVictims: r.business[t], BusinessReported: r.businessRep[t]}
		for h := range hoodTrue {
			cc.True += r.trueN[t][h]
			cc.Reported += r.reported[t][h]
			cc.Recorded += r.recorded[t][h]
			cc.Arrests += r.arrests[t][h]
			hoodTrue[h] += r.trueN[t][h]
		}
		cc.NearRepeatShare = ratio(float64(r.nearRepeat[t]), float64(cc.True))
		nearRepeats += r.nearRepeat[t]
		res.ByType = append(res.ByType, cc)
		res.True += cc.True
		res.Reported += cc.Reported
		res.Recorded += cc.Recorded
		res.Arrests += cc.Arrests
		// The NCVS's rates: offenses against residents, reported by them.
		residentRep := cc.Reported - cc.BusinessReported
		switch {
		case ct.Victimless:
		case ct.Violent:
			violent += cc.ResidentVictims
			violentRep += residentRep
		default:
			property += cc.ResidentVictims
			propertyRep += residentRep
		}
		if !ct.Victimless {
			withVictim += cc.ResidentVictims
			withVictimReported += residentRep
		}
	}
	res.Clearance = ratio(float64(res.Arrests), float64(res.Recorded))
	res.ReportingRate = ratio(float64(withVictimReported), float64(withVictim))
	res.ViolentReporting = ratio(float64(violentRep), float64(violent))
	res.PropertyReporting = ratio(float64(propertyRep), float64(property))
	res.NearRepeatShare = ratio(float64(nearRepeats), float64(res.True))

	years := float64(cfg.MeasuredDays()) / 365
	res.MeanTrust, res.MeanTrustInit = all, r.trustStartAll
	totalStops := 0
	for _, s := range r.stopsHood {
		totalStops += s
	}
	res.Stops = totalStops
	for h, name := range cfg.Grid.Neighborhoods {
		n := len(m.pop.InHood(h))
		hs := HoodStats{Name: name, Residents: n, True: hoodTrue[h], Stops: r.stopsHood[h],
			StopsPer1000: ratio(1000*float64(r.stopsHood[h]), float64(n)*years), TrustEnd: hoodTrust[h]}
		if len(r.trustStart) > h {
			hs.TrustStart = r.trustStart[h]
		}
		for t := range cr.Types {
			hs.Reported += r.reported[t][h]
			hs.Recorded += r.recorded[t][h]
		}
		if totalStops > 0 && res.True > 0 && hoodTrue[h] > 0 {
			d := (float64(r.stopsHood[h]) / float64(totalStops)) / (float64(hoodTrue[h]) / float64(res.True))
			hs.Disparity = &d
		}
		res.Neighborhoods = append(res.Neighborhoods, hs)
	}
	groupSize := make([]int, len(cfg.Community.Residents.Groups))
	for _, g := range m.pop.Group {
		groupSize[g]++
	}
	for g, name := range cfg.Community.Residents.Groups {
		res.Groups = append(res.Groups, GroupStats{Name: name, Residents: groupSize[g], Stops: r.stopsGroup[g],
			StopsPer1000: ratio(1000*float64(r.stopsGroup[g]), float64(groupSize[g])*years)})
	}
	res.StopsPer1000 = ratio(1000*float64(totalStops), float64(m.pop.Len())*years)
	res.Residents = m.pop.Len()
	res.ViolentPer1000 = ratio(1000*float64(violent), AgedTwelvePlus*float64(m.pop.Len())*years)
	res.RecordedPer1000 = ratio(1000*float64(res.Recorded), float64(m.pop.Len())*years)
	res.Presence = meanPresence(&cfg.Grid, r.cells.PresenceHours, cfg.MeasuredDays())
	res.Engagement = EngagementStats{Hours: engageMin / 60, Sessions: r.sessions, Interrupted: r.interrupted,
		StaticRemaining: m.field.StaticShare(allCells(cfg.Grid.Cells()))}
	if s := ratio(engageMin, engageMin+patrolMin); s != nil {
		res.Engagement.FreeShare = *s
	}
	return res
}

func allCells(n int) []int32 {
	cells := make([]int32, n)
	for i := range cells {
		cells[i] = int32(i)
	}
	return cells
}

// policyRecorder accumulates the use-of-force, co-responder and cost
// metrics.
type policyRecorder struct {
	window

	force     ForceStats
	typeResp  []int
	typeForce []int
	arrests   int
	incidents int

	teamCalls, backups, toPolice  int
	triagedOut, toPoliceAfterWait int
	referred, teamOnly            int
	freedMin, dutyMin, busyMin    float64
	busySince                     []float64 // per team, minute it took its call

	daily []policyDay
}

type policyDay struct {
	force, injuries, complaints, teamCalls int
}

func newPolicyRecorder(cfg *Config) *policyRecorder {
	return &policyRecorder{
		window:    newWindow(cfg),
		typeResp:  make([]int, len(cfg.CallTypes)),
		typeForce: make([]int, len(cfg.CallTypes)),
		daily:     make([]policyDay, cfg.MeasuredDays()),
	}
}

func (r *policyRecorder) day(t float64) *policyDay {
	return &r.daily[min(r.window.day(t), len(r.daily)-1)]
}

// encounter records police encounter en at minute t and its outcome.
func (r *policyRecorder) encounter(t float64, en encounter, out outcome) {
	if !r.in(t) {
		return
	}
	f := &r.force
	f.Encounters++
	if en.typ >= 0 {
		r.typeResp[en.typ]++
	}
	d := r.day(t)
	if out.force {
		f.UseOfForce++
		d.force++
		switch en.kind {
		case encCall:
			f.ByEncounter.Call++
		case encArrest:
			f.ByEncounter.Arrest++
		case encStop:
			f.ByEncounter.Stop++
		}
		if en.typ >= 0 {
			r.typeForce[en.typ]++
		}
	}
	if out.civInjury {
		f.CivilianInjuries++
	}
	if out.offInjury {
		f.OfficerInjuries++
	}
	if out.civInjury || out.offInjury {
		d.injuries++
	}
	if out.complaint {
		f.Complaints++
		d.complaints++
		if out.sustained {
			f.Sustained++
		} else {
			f.NotSustained++
		}
	}
}

// teamDuty books a team's time on duty, [from, to) clipped to the window.
func (r *policyRecorder) teamDuty(from, to float64) { r.dutyMin += r.clip(from, to) }

// teamBusy books a team's time busy with a call.
func (r *policyRecorder) teamBusy(from, to float64) { r.busyMin += r.clip(from, to) }

// result adds the policy metrics to res at the end of engine e's run.
func (r *policyRecorder) result(res *Result, e *engine) {
	f := r.force
	f.Arrests = r.arrests
	f.Incidents = r.incidents
	for i, t := range e.cfg.CallTypes {
		f.ByType = append(f.ByType, TypeForce{Type: t.Name, Responses: r.typeResp[i], Force: r.typeForce[i]})
	}
	f.ForcePer1000 = ratio(1000*float64(f.UseOfForce), float64(f.Encounters))
	res.Force = f

	if len(e.teams) > 0 || slices.ContainsFunc(e.cfg.CallTypes, func(t CallType) bool { return t.TeamOnly }) {
		for i := range e.teams {
			t := &e.teams[i]
			if t.OnDuty {
				r.dutyMin += r.clip(t.Since, e.win.to)
			}
			if t.Busy {
				r.busyMin += r.clip(r.busySince[i], e.win.to)
			}
		}
		res.CoResponders = &CoResponderStats{
			Calls: r.teamCalls, Backups: r.backups, BackupShare: ratio(float64(r.backups), float64(r.teamCalls)),
			BackupResponse: summarize(e.rec.backupResp),
			ToPolice:       r.toPolice, TriagedOut: r.triagedOut, ToPoliceAfterWait: r.toPoliceAfterWait,
			TeamOnlyCalls: r.teamOnly, Referred: r.referred,
			Share:             ratio(float64(r.teamCalls), float64(e.rec.calls)),
			OfficerHoursFreed: r.freedMin / 60, TeamHours: r.dutyMin / 60,
			Utilization: ratio(r.busyMin, r.dutyMin),
		}
	}

	res.Cost = costOver(e.cfg, r.from, r.to)
	res.Cost.addOvertime(res.OfficerHours.Overtime, e.cfg.OvertimeHour)
	res.Cost.PerCall = ratio(res.Cost.Total, float64(res.Calls))
	for d := range res.Daily {
		pd := &r.daily[d]
		day := &res.Daily[d]
		day.Force, day.Injuries, day.Complaints, day.CoResponderCalls = pd.force, pd.injuries, pd.complaints, pd.teamCalls
		day.Cost = costOver(e.cfg, r.from+float64(d)*MinutesPerDay, r.from+float64(d+1)*MinutesPerDay).Total +
			day.OvertimeHours*e.cfg.OvertimeHour
	}
}

// workload assembles the units per call, the cross-beat share and the
// committed time by activity; committed is the on-duty minutes committed
// to calls, busy all the minutes not free.
func (r *recorder) workload(committed, busy, onDuty float64) Workload {
	w := Workload{Dispatches: r.dispatches, CrossBeat: r.crossBeat,
		UnitsPerCall:   ratio(float64(r.unitArrivals), float64(r.policeOn)),
		CrossBeatShare: ratio(float64(r.crossBeat), float64(r.dispatches))}
	if s := ratio(busy, onDuty); s != nil {
		w.CommittedShare = *s
	}
	h := &w.Hours
	h.Secondary = r.secondaryMin / 60
	h.Primary = committed/60 - h.Secondary
	h.Arrests = r.stateMin[agents.Transport] / 60
	h.SelfInitiated = r.stateMin[agents.SelfInit] / 60
	h.OutOfService = r.stateMin[agents.OutOfService] / 60
	for k, name := range activityNames {
		h.ByActivity = append(h.ByActivity, ActivityHours{Activity: name, Hours: r.activityMin[k] / 60})
	}
	return w
}

// byPeriod fills res's response by hour of day and by shift from the
// answered calls' response times per priority with the hours of day the
// calls came in: a row takes the calls of all priorities, P1's first,
// each priority's in the order they were recorded, and the P1 columns
// P1's calls. The rows are cut from room, whose buffers it frees first;
// z takes their summaries.
func (res *Result) byPeriod(resp [NumPriorities][]float64, hour [NumPriorities][]uint8, shifts []Shift, room *seriesRoom, z *summarizer) {
	for h := range 24 {
		res.ResponseByHour = append(res.ResponseByHour, PeriodResponse{Period: fmt.Sprintf("%02d:00", h)})
	}
	for _, s := range shifts {
		res.ResponseByShift = append(res.ResponseByShift, PeriodResponse{Period: s.Name})
	}
	var shiftRow [24]int
	for h := range shiftRow {
		shiftRow[h] = -1
		if s := shiftOf(shifts, float64(h)*60+30); s >= 0 {
			shiftRow[h] = 24 + s
		}
	}
	// rows places each call of the priorities prios in its hour's row and
	// its shift's, in the order of the series: rows cut from room at their
	// counts.
	rows := func(prios int) [][]float64 {
		var perHour [24]int
		for p := range prios {
			for _, h := range hour[p] {
				perHour[h]++
			}
		}
		size := make([]int, 24+len(shifts))
		for h, n := range perHour {
			size[h] += n
			if row := shiftRow[h]; row >= 0 {
				size[row] += n
			}
		}
		rest := len(size) // the room the rows need: their samples, and a sample to align each
		for _, n := range size {
			rest += n
		}
		room.free() // the rows of an earlier pass are summarized
		out := make([][]float64, len(size))
		for row, n := range size {
			rest -= n + 1
			out[row] = room.cut(n, rest)
		}
		for p := range prios {
			for k, t := range resp[p] {
				h := int(hour[p][k])
				out[h] = append(out[h], t)
				if row := shiftRow[h]; row >= 0 {
					out[row] = append(out[row], t)
				}
			}
		}
		return out
	}
	period := func(row int) *PeriodResponse {
		if row >= 24 {
			return &res.ResponseByShift[row-24]
		}
		return &res.ResponseByHour[row]
	}
	// With answered calls of P1 only, the rows of all priorities are P1's
	// rows: gathered and summarized once.
	onlyP1 := true
	for p := 1; p < NumPriorities; p++ {
		onlyP1 = onlyP1 && len(resp[p]) == 0
	}
	for row, xs := range rows(NumPriorities) {
		p, a := period(row), z.summarize(xs)
		p.Calls, p.Median, p.Mean = a.N, a.Median, a.Mean
		if onlyP1 {
			b := a.clone()
			p.P1Calls, p.P1Median, p.P1Mean = b.N, b.Median, b.Mean
		}
	}
	if onlyP1 {
		return
	}
	for row, xs := range rows(1) { // the same buffer: the rows above are summarized
		p, b := period(row), z.summarize(xs)
		p.P1Calls, p.P1Median, p.P1Mean = b.N, b.Median, b.Mean
	}
}

// shiftOf returns the first shift whose hours hold minute of day m, or
// -1.
func shiftOf(shifts []Shift, m float64) int {
	for s, sh := range shifts {
		if d := math.Mod(m-sh.Start+MinutesPerDay, MinutesPerDay); d < sh.Length {
			return s
		}
	}
	return -1
}
