package sim

import (
	"errors"
	"fmt"
	"math"
)

// check returns every inconsistency of c, or nil.
func (c *Config) check() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("sim: config: "+format, a...)) }
	if c.Days < 1 {
		bad("Days = %d, want >= 1", c.Days)
	}
	if c.WarmupDays < 0 {
		bad("WarmupDays = %d, want >= 0", c.WarmupDays)
	}
	g := &c.Grid
	n := g.Width * g.Height
	switch {
	case g.Width < 1 || g.Height < 1:
		bad("grid %dx%d, want at least 1x1", g.Width, g.Height)
	case !(g.CellM > 0):
		bad("CellM = %v, want > 0", g.CellM)
	case len(g.Neighborhood) != n || len(g.Beat) != n || len(g.CallWeight) != n:
		bad("per-cell slices have lengths %d, %d, %d, want %d", len(g.Neighborhood), len(g.Beat), len(g.CallWeight), n)
	default:
		perBeat := make([]int, max(g.Beats, 0))
		var w float64
		for i := range n {
			if b := g.Beat[i]; b < 0 || b >= g.Beats {
				bad("cell %d: beat %d out of range [0, %d)", i, b, g.Beats)
			} else {
				perBeat[b]++
			}
			if k := g.Neighborhood[i]; k < 0 || k >= len(g.Neighborhoods) {
				bad("cell %d: neighborhood %d out of range [0, %d)", i, k, len(g.Neighborhoods))
			}
			if !(g.CallWeight[i] >= 0) || math.IsInf(g.CallWeight[i], 0) {
				bad("cell %d: call weight %v, want finite >= 0", i, g.CallWeight[i])
			}
			w += g.CallWeight[i]
		}
		for b, k := range perBeat {
			if k == 0 {
				bad("beat %d has no cells", b)
			}
		}
		if !(w > 0) {
			bad("call weights sum to %v, want > 0", w)
		}
		if g.Station < 0 || g.Station >= n {
			bad("station cell %d out of range [0, %d)", g.Station, n)
		}
	}
	if !(c.Travel.Speed > 0) || !(c.Travel.PatrolSpeed > 0) || !(c.Travel.Turnout >= 0) {
		bad("travel speeds %v, %v and turnout %v, want > 0, > 0, >= 0", c.Travel.Speed, c.Travel.PatrolSpeed, c.Travel.Turnout)
	}
	for i, s := range c.Shifts {
		if !(s.Start >= 0 && s.Start < MinutesPerDay) || !(s.Length > 0 && s.Length <= MinutesPerDay) || s.Officers < 0 {
			bad("shift %d (%s): start %v, length %v, officers %d out of range", i, s.Name, s.Start, s.Length, s.Officers)
		}
	}
	if !(c.Patrol.Dwell >= 0) {
		bad("patrol dwell %v, want >= 0", c.Patrol.Dwell)
	}
	for i, t := range c.CallTypes {
		if t.Priority < P1 || t.Priority > P3 {
			bad("call type %d (%s): priority %d, want 1..3", i, t.Name, t.Priority)
		}
		var p float64
		for _, v := range t.Profile {
			if !(v >= 0) {
				p = math.NaN()
				break
			}
			p += v
		}
		if !(t.PerDay >= 0) || !(p > 0) || !(t.Service.Mean >= 0) || !(t.Report.Mean >= 0) || !(t.Service.SD >= 0) || !(t.Report.SD >= 0) {
			bad("call type %d (%s): rate %v, profile sum %v, service %+v, report %+v out of range", i, t.Name, t.PerDay, p, t.Service, t.Report)
		}
	}
	return errors.Join(append(errs, c.checkPolicy())...)
}

// checkPolicy returns every inconsistency of the policy parts of c.
func (c *Config) checkPolicy() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("sim: config: "+format, a...)) }
	f := &c.Force
	for _, p := range []struct {
		name string
		v    float64
	}{
		{"Force.Arrest", f.Arrest}, {"Force.Stop", f.Stop}, {"Force.CivilianInjury", f.CivilianInjury},
		{"Force.OfficerInjury", f.OfficerInjury}, {"Force.Complaint", f.Complaint},
		{"Force.ComplaintOther", f.ComplaintOther}, {"Force.Sustained", f.Sustained},
		{"Force.Deescalation", f.Deescalation}, {"Force.DeescalationEffect", f.DeescalationEffect},
		{"Force.Cameras", f.Cameras}, {"Force.CameraMitigation", f.CameraMitigation},
		{"Force.OversightMitigation", f.OversightMitigation}, {"CoResponders.Backup", c.CoResponders.Backup},
	} {
		if !(p.v >= 0 && p.v <= 1) {
			bad("%s = %v, want a probability in [0, 1]", p.name, p.v)
		}
	}
	for _, p := range []struct {
		name string
		v    float64
	}{
		{"Force.SubjectTrust", f.SubjectTrust}, {"Force.IncidentPrecinct", f.IncidentPrecinct},
		{"Force.IncidentHood", f.IncidentHood}, {"Force.CameraSustained", f.CameraSustained},
		{"Force.OversightSustained", f.OversightSustained},
	} {
		if !(p.v >= 0) || math.IsInf(p.v, 0) {
			bad("%s = %v, want finite >= 0", p.name, p.v)
		}
	}
	for i, t := range c.CallTypes {
		if !(t.Arrest >= 0 && t.Arrest <= 1) || !(t.Force >= 0 && t.Force <= 1) {
			bad("call type %d (%s): arrest %v, force %v, want probabilities", i, t.Name, t.Arrest, t.Force)
		}
	}
	co := &c.CoResponders
	if len(co.Shifts) > 0 && len(co.Eligible) != len(c.CallTypes) {
		bad("CoResponders.Eligible has %d entries, want one per call type (%d)", len(co.Eligible), len(c.CallTypes))
	}
	for i, s := range co.Shifts {
		if !(s.Start >= 0 && s.Start < MinutesPerDay) || !(s.Length > 0 && s.Length <= MinutesPerDay) || s.Officers < 0 {
			bad("co-responder shift %d (%s): start %v, length %v, teams %d out of range", i, s.Name, s.Start, s.Length, s.Officers)
		}
	}
	if !(co.Service.Mean >= 0) || !(co.Report.Mean >= 0) {
		bad("co-responder service %+v, report %+v out of range", co.Service, co.Report)
	}
	for i, p := range c.Community.Crime.Services {
		if !(p.Effect >= 0 && p.Effect <= 1) || !(p.Lag >= 0) || !(p.Ramp >= 0) {
			bad("service program %d: effect %v, lag %v, ramp %v out of range", i, p.Effect, p.Lag, p.Ramp)
		}
		for _, h := range p.Hoods {
			if h < 0 || h >= len(c.Grid.Neighborhoods) {
				bad("service program %d: neighborhood %d out of range", i, h)
			}
		}
	}
	for i, l := range c.Costs {
		if !(l.PerYear >= 0) || math.IsInf(l.PerYear, 0) {
			bad("cost line %d (%s): %v a year, want finite >= 0", i, l.Name, l.PerYear)
		}
	}
	for i, ev := range c.Events {
		switch ev.Kind {
		case EventSurge:
			if !(ev.End > ev.Start) || !(ev.SurgePerDay >= 0) || len(ev.SurgeWeight) != c.Grid.Cells() {
				bad("event %d (surge): from %v to %v, %v calls a day, %d cell weights", i, ev.Start, ev.End, ev.SurgePerDay, len(ev.SurgeWeight))
			}
		case EventIncident:
			if ev.Hood < -1 || ev.Hood >= len(c.Grid.Neighborhoods) || !(ev.Severity >= 0) {
				bad("event %d (incident): neighborhood %d, severity %v out of range", i, ev.Hood, ev.Severity)
			}
		case EventRoster:
			if len(ev.Officers) != len(c.Shifts) || (ev.Teams != nil && len(ev.Teams) != len(co.Shifts)) {
				bad("event %d (roster): %d shift posts, %d team posts, want %d and %d", i, len(ev.Officers), len(ev.Teams), len(c.Shifts), len(co.Shifts))
			}
			for _, k := range append(append([]int(nil), ev.Officers...), ev.Teams...) {
				if k < 0 {
					bad("event %d (roster): negative posts %d", i, k)
				}
			}
		case EventAid:
			if !(ev.End > ev.Start) || ev.Extra < 0 {
				bad("event %d (aid): from %v to %v, %d extra officers", i, ev.Start, ev.End, ev.Extra)
			}
		default:
			bad("event %d: unknown kind %d", i, ev.Kind)
		}
	}
	return errors.Join(errs...)
}
