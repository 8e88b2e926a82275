package sim

import (
	"math/rand/v2"
	"slices"
)

// ForceStats counts police encounters and what came of them over the
// measured window: calls answered by police (each a single encounter,
// settled when the scene ends) and proactive stops.
type ForceStats struct {
	Encounters       int         `json:"encounters"`
	Arrests          int         `json:"arrests"` // arrests at calls (crime calls cleared on scene included)
	UseOfForce       int         `json:"use_of_force"`
	ByEncounter      ForceByKind `json:"by_encounter"` // use of force by kind of encounter
	CivilianInjuries int         `json:"civilian_injuries"`
	OfficerInjuries  int         `json:"officer_injuries"`
	Complaints       int         `json:"complaints"`
	Sustained        int         `json:"sustained"`     // complaints sustained
	NotSustained     int         `json:"not_sustained"` // complaints not sustained
	ForcePer1000     *float64    `json:"force_per_1000,omitempty"`
	ByType           []TypeForce `json:"by_type"`   // police responses to calls by call type, in the scenario's type order
	Incidents        int         `json:"incidents"` // high-profile incidents (scheduled events)
}

// ForceByKind splits use of force by the kind of encounter.
type ForceByKind struct {
	Call   int `json:"call"`   // a call answered without arrest
	Arrest int `json:"arrest"` // a call that ended in arrest
	Stop   int `json:"stop"`   // a proactive stop
}

// TypeForce counts police responses to one call type and the force used.
type TypeForce struct {
	Type      string `json:"type"`
	Responses int    `json:"responses"` // scenes police finished
	Force     int    `json:"force"`
}

// CoResponderStats describes the co-responder teams over the window.
type CoResponderStats struct {
	Calls             int      `json:"calls"`   // calls teams took
	Backups           int      `json:"backups"` // calls where a team asked police for backup
	BackupShare       *float64 `json:"backup_share,omitempty"`
	ToPolice          int      `json:"to_police"`           // eligible calls police took because no team was free
	OfficerHoursFreed float64  `json:"officer_hours_freed"` // on-scene and report hours police would have spent on the teams' calls
	TeamHours         float64  `json:"team_hours"`          // team-hours on duty
	Utilization       *float64 `json:"utilization,omitempty"`
}

// CostStats is what the budget cost over the measured window.
type CostStats struct {
	Lines   []CostAmount `json:"lines"`
	Total   float64      `json:"total"`              // the sum of the lines
	PerCall *float64     `json:"per_call,omitempty"` // total / calls received
}

// CostAmount is one budget line's cost over the window.
type CostAmount struct {
	Name   string  `json:"name"`
	Amount float64 `json:"amount"`
}

// policyRecorder accumulates the use-of-force, co-responder and cost
// metrics.
type policyRecorder struct {
	warm, end float64

	force     ForceStats
	typeResp  []int
	typeForce []int
	arrests   int
	incidents int

	teamCalls, backups, toPolice int
	freedMin, dutyMin, busyMin   float64
	busySince                    []float64 // per team, minute it took its call

	daily []policyDay
}

type policyDay struct {
	force, injuries, complaints, teamCalls int
}

func newPolicyRecorder(cfg *Config) *policyRecorder {
	return &policyRecorder{
		warm:      float64(cfg.WarmupDays) * MinutesPerDay,
		end:       float64(cfg.WarmupDays+cfg.Days) * MinutesPerDay,
		typeResp:  make([]int, len(cfg.CallTypes)),
		typeForce: make([]int, len(cfg.CallTypes)),
		daily:     make([]policyDay, cfg.Days),
	}
}

func (r *policyRecorder) in(t float64) bool { return t >= r.warm && t < r.end }

func (r *policyRecorder) day(t float64) *policyDay {
	return &r.daily[min(int((t-r.warm)/MinutesPerDay), len(r.daily)-1)]
}

// encounter records one police encounter of the given kind at minute t
// (typ is the call type, or -1 for a stop).
func (r *policyRecorder) encounter(t float64, kind, typ int, force, civ, off, complaint, sustained bool) {
	if !r.in(t) {
		return
	}
	f := &r.force
	f.Encounters++
	if typ >= 0 {
		r.typeResp[typ]++
	}
	d := r.day(t)
	if force {
		f.UseOfForce++
		d.force++
		switch kind {
		case encCall:
			f.ByEncounter.Call++
		case encArrest:
			f.ByEncounter.Arrest++
		case encStop:
			f.ByEncounter.Stop++
		}
		if typ >= 0 {
			r.typeForce[typ]++
		}
	}
	if civ {
		f.CivilianInjuries++
	}
	if off {
		f.OfficerInjuries++
	}
	if civ || off {
		d.injuries++
	}
	if complaint {
		f.Complaints++
		d.complaints++
		if sustained {
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

func (r *policyRecorder) clip(from, to float64) float64 {
	return max(0, min(to, r.end)-max(from, r.warm))
}

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

	if len(e.teams) > 0 {
		for i := range e.teams {
			t := &e.teams[i]
			if t.OnDuty {
				r.dutyMin += r.clip(t.Since, e.end)
			}
			if t.Busy {
				r.busyMin += r.clip(r.busySince[i], e.end)
			}
		}
		res.CoResponders = &CoResponderStats{
			Calls: r.teamCalls, Backups: r.backups, BackupShare: ratio(float64(r.backups), float64(r.teamCalls)),
			ToPolice: r.toPolice, OfficerHoursFreed: r.freedMin / 60, TeamHours: r.dutyMin / 60,
			Utilization: ratio(r.busyMin, r.dutyMin),
		}
	}

	res.Cost = costOver(e.cfg, r.warm, r.end)
	res.Cost.PerCall = ratio(res.Cost.Total, float64(res.Calls))
	for d := range res.Daily {
		pd := &r.daily[d]
		day := &res.Daily[d]
		day.Force, day.Injuries, day.Complaints, day.CoResponderCalls = pd.force, pd.injuries, pd.complaints, pd.teamCalls
		day.Cost = costOver(e.cfg, r.warm+float64(d)*MinutesPerDay, r.warm+float64(d+1)*MinutesPerDay).Total
	}
}

// minutesPerYear turns the budget's yearly amounts into amounts per minute.
const minutesPerYear = 365 * MinutesPerDay

// costOver returns what the budget's lines cost over [from, to): each line
// at its yearly rate, changed from the minute of each roster event that
// carries cost lines. Lines keep the order of their first appearance.
func costOver(cfg *Config, from, to float64) CostStats {
	type change struct {
		t     float64
		lines []CostLine
	}
	changes := []change{{t: 0, lines: cfg.Costs}}
	for _, ev := range cfg.Events {
		if ev.Kind == EventRoster && ev.Costs != nil {
			changes = append(changes, change{ev.Start, ev.Costs})
		}
	}
	slices.SortStableFunc(changes, func(a, b change) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	var cs CostStats
	index := map[string]int{}
	for i, ch := range changes {
		until := to
		if i+1 < len(changes) {
			until = min(to, changes[i+1].t)
		}
		span := max(0, until-max(from, ch.t))
		for _, l := range ch.lines {
			k, ok := index[l.Name]
			if !ok {
				k = len(cs.Lines)
				index[l.Name] = k
				cs.Lines = append(cs.Lines, CostAmount{Name: l.Name})
			}
			cs.Lines[k].Amount += l.PerYear * span / minutesPerYear
		}
	}
	for _, l := range cs.Lines {
		cs.Total += l.Amount
	}
	return cs
}

// newSurgeGen returns the generator of surge ev's calls: the scenario's
// call types in their usual mix and hourly profiles, scaled to the
// surge's extra calls a day, placed by its cell weights.
func newSurgeGen(cfg *Config, ev *Event, r *rand.Rand, tag uint64) *callGen {
	var total float64
	for _, t := range cfg.CallTypes {
		total += t.PerDay
	}
	types := slices.Clone(cfg.CallTypes)
	for i := range types {
		if total > 0 {
			types[i].PerDay *= ev.SurgePerDay / total
		}
	}
	return newCallGen(types, ev.SurgeWeight, r, tag)
}
