package sim

import (
	"errors"
	"fmt"
	"math"
)

// check returns every inconsistency of c, or nil.
func (c *Config) check() error {
	k := &checker{}
	c.checkRun(k)
	c.checkGrid(k)
	c.checkTravel(k)
	c.checkShifts(k)
	c.checkPatrol(k)
	c.checkCalls(k)
	c.checkForce(k)
	c.checkCoResponders(k)
	c.checkServices(k)
	c.checkCosts(k)
	c.checkEvents(k)
	return errors.Join(k.errs...)
}

// checker collects the problems of a Config, each as an error that names
// the field, its value and what is allowed.
type checker struct {
	errs []error
}

// bad records one problem.
func (k *checker) bad(format string, a ...any) {
	k.errs = append(k.errs, fmt.Errorf("sim: config: "+format, a...))
}

func (c *Config) checkRun(k *checker) {
	if c.Days < 1 {
		k.bad("Days = %d, want >= 1", c.Days)
	}
	if c.WarmupDays < 0 {
		k.bad("WarmupDays = %d, want >= 0", c.WarmupDays)
	}
}

func (c *Config) checkGrid(k *checker) {
	g := &c.Grid
	n := g.Width * g.Height
	switch {
	case g.Width < 1 || g.Height < 1:
		k.bad("grid %dx%d, want at least 1x1", g.Width, g.Height)
	case !(g.CellM > 0):
		k.bad("CellM = %v, want > 0", g.CellM)
	case len(g.Neighborhood) != n || len(g.Beat) != n || len(g.CallWeight) != n:
		k.bad("per-cell slices have lengths %d, %d, %d, want %d", len(g.Neighborhood), len(g.Beat), len(g.CallWeight), n)
	default:
		perBeat := make([]int, max(g.Beats, 0))
		var w float64
		for i := range n {
			if b := g.Beat[i]; b < 0 || b >= g.Beats {
				k.bad("cell %d: beat %d out of range [0, %d)", i, b, g.Beats)
			} else {
				perBeat[b]++
			}
			if h := g.Neighborhood[i]; h < 0 || h >= len(g.Neighborhoods) {
				k.bad("cell %d: neighborhood %d out of range [0, %d)", i, h, len(g.Neighborhoods))
			}
			if !(g.CallWeight[i] >= 0) || math.IsInf(g.CallWeight[i], 0) {
				k.bad("cell %d: call weight %v, want finite >= 0", i, g.CallWeight[i])
			}
			w += g.CallWeight[i]
		}
		for b, n := range perBeat {
			if n == 0 {
				k.bad("beat %d has no cells", b)
			}
		}
		if !(w > 0) {
			k.bad("call weights sum to %v, want > 0", w)
		}
		if g.Station < 0 || g.Station >= n {
			k.bad("station cell %d out of range [0, %d)", g.Station, n)
		}
	}
}

func (c *Config) checkTravel(k *checker) {
	if !(c.Travel.Speed > 0) || !(c.Travel.PatrolSpeed > 0) || !(c.Travel.Turnout >= 0) {
		k.bad("travel speeds %v, %v and turnout %v, want > 0, > 0, >= 0", c.Travel.Speed, c.Travel.PatrolSpeed, c.Travel.Turnout)
	}
}

func (c *Config) checkShifts(k *checker) {
	for i, s := range c.Shifts {
		if !(s.Start >= 0 && s.Start < MinutesPerDay) || !(s.Length > 0 && s.Length <= MinutesPerDay) || s.Officers < 0 {
			k.bad("shift %d (%s): start %v, length %v, officers %d out of range", i, s.Name, s.Start, s.Length, s.Officers)
		}
	}
}

func (c *Config) checkPatrol(k *checker) {
	if !(c.Patrol.Dwell >= 0) {
		k.bad("patrol dwell %v, want >= 0", c.Patrol.Dwell)
	}
}

func (c *Config) checkCalls(k *checker) {
	for i, t := range c.CallTypes {
		if t.Priority < P1 || t.Priority > P3 {
			k.bad("call type %d (%s): priority %d, want 1..3", i, t.Name, t.Priority)
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
			k.bad("call type %d (%s): rate %v, profile sum %v, service %+v, report %+v out of range", i, t.Name, t.PerDay, p, t.Service, t.Report)
		}
		if !(t.Arrest >= 0 && t.Arrest <= 1) || !(t.Force >= 0 && t.Force <= 1) {
			k.bad("call type %d (%s): arrest %v, force %v, want probabilities", i, t.Name, t.Arrest, t.Force)
		}
	}
}

func (c *Config) checkForce(k *checker) {
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
			k.bad("%s = %v, want a probability in [0, 1]", p.name, p.v)
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
			k.bad("%s = %v, want finite >= 0", p.name, p.v)
		}
	}
}

func (c *Config) checkCoResponders(k *checker) {
	co := &c.CoResponders
	if len(co.Shifts) > 0 && len(co.Eligible) != len(c.CallTypes) {
		k.bad("CoResponders.Eligible has %d entries, want one per call type (%d)", len(co.Eligible), len(c.CallTypes))
	}
	for i, s := range co.Shifts {
		if !(s.Start >= 0 && s.Start < MinutesPerDay) || !(s.Length > 0 && s.Length <= MinutesPerDay) || s.Officers < 0 {
			k.bad("co-responder shift %d (%s): start %v, length %v, teams %d out of range", i, s.Name, s.Start, s.Length, s.Officers)
		}
	}
	if !(co.Service.Mean >= 0) || !(co.Report.Mean >= 0) {
		k.bad("co-responder service %+v, report %+v out of range", co.Service, co.Report)
	}
}

func (c *Config) checkServices(k *checker) {
	for i, p := range c.Community.Crime.Services {
		if !(p.Effect >= 0 && p.Effect <= 1) || !(p.Lag >= 0) || !(p.Ramp >= 0) {
			k.bad("service program %d: effect %v, lag %v, ramp %v out of range", i, p.Effect, p.Lag, p.Ramp)
		}
		for _, h := range p.Hoods {
			if h < 0 || h >= len(c.Grid.Neighborhoods) {
				k.bad("service program %d: neighborhood %d out of range", i, h)
			}
		}
	}
}

func (c *Config) checkCosts(k *checker) {
	for i, l := range c.Costs {
		if !(l.PerYear >= 0) || math.IsInf(l.PerYear, 0) {
			k.bad("cost line %d (%s): %v a year, want finite >= 0", i, l.Name, l.PerYear)
		}
	}
}

func (c *Config) checkEvents(k *checker) {
	co := &c.CoResponders
	for i, ev := range c.Events {
		switch ev.Kind {
		case EventSurge:
			if !(ev.End > ev.Start) || !(ev.SurgePerDay >= 0) || len(ev.SurgeWeight) != c.Grid.Cells() {
				k.bad("event %d (surge): from %v to %v, %v calls a day, %d cell weights", i, ev.Start, ev.End, ev.SurgePerDay, len(ev.SurgeWeight))
			}
		case EventIncident:
			if ev.Hood < -1 || ev.Hood >= len(c.Grid.Neighborhoods) || !(ev.Severity >= 0) {
				k.bad("event %d (incident): neighborhood %d, severity %v out of range", i, ev.Hood, ev.Severity)
			}
		case EventRoster:
			if len(ev.Officers) != len(c.Shifts) || (ev.Teams != nil && len(ev.Teams) != len(co.Shifts)) {
				k.bad("event %d (roster): %d shift posts, %d team posts, want %d and %d", i, len(ev.Officers), len(ev.Teams), len(c.Shifts), len(co.Shifts))
			}
			for _, n := range append(append([]int(nil), ev.Officers...), ev.Teams...) {
				if n < 0 {
					k.bad("event %d (roster): negative posts %d", i, n)
				}
			}
		case EventAid:
			if !(ev.End > ev.Start) || ev.Extra < 0 {
				k.bad("event %d (aid): from %v to %v, %d extra officers", i, ev.Start, ev.End, ev.Extra)
			}
		default:
			k.bad("event %d: unknown kind %d", i, ev.Kind)
		}
	}
}
