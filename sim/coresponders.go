package sim

import (
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// toTeam gives call id to the nearest free co-responder team when its
// type is eligible and it is not itself a call for backup, and reports
// whether it did.
func (e *engine) toTeam(id int32) bool {
	c := &e.calls[id]
	if len(e.teams) == 0 || c.backup || !e.cfg.CoResponders.Eligible[c.typ] {
		return false
	}
	dst := e.cfg.Grid.Center(int(c.cell))
	var best *agents.Team
	bestT := math.Inf(1)
	for i := range e.teams {
		t := &e.teams[i]
		if !t.OnDuty || t.Busy {
			continue
		}
		if d := e.world.responseTime(t.Pos, dst, c.priority); d < bestT {
			best, bestT = t, d
		}
	}
	in := c.inWindow
	if best == nil {
		if in {
			e.prec.toPolice++
		}
		return false
	}
	c.dispatch = e.now
	e.rec.dispatched(c, e.now)
	c.team = true
	best.Busy, best.Call, best.Pos = true, int(id), dst
	e.prec.busySince[best.ID] = e.now
	if in {
		e.prec.teamCalls++
		e.prec.day(e.now).teamCalls++
		e.prec.freedMin += c.service + c.report
	}
	e.schedule(e.now+bestT, evTeamArrive, int32(best.ID), 0)
	return true
}

// teamArrive: the team reaches the scene, spends its time there (perhaps
// asking for police backup) and writes up.
func (e *engine) teamArrive(t *agents.Team) {
	c := &e.calls[t.Call]
	c.arrived = true
	c.firstAt = e.now
	e.rec.firstArrival(c, e.now)
	co := &e.cfg.CoResponders
	r := e.keyed(c.key, purposeTeam)
	done := e.now + co.Service.Sample(r) + co.Report.Sample(r)
	if r.Float64() < co.Backup {
		if c.inWindow {
			e.prec.backups++
		}
		typ, cell, service, report, key := c.typ, c.cell, c.service, c.report, c.key|keyBackupBit
		e.receive(func(b *call) {
			b.typ, b.priority, b.cell = typ, e.cfg.CallTypes[typ].Priority, cell
			b.service, b.report, b.key, b.backup = service, report, key, true
		})
	}
	e.schedule(done, evTeamDone, int32(t.ID), 0)
}

func (e *engine) teamDone(t *agents.Team) {
	e.freeCalls = append(e.freeCalls, int32(t.Call))
	e.prec.teamBusy(e.prec.busySince[t.ID], e.now)
	t.Busy, t.Call = false, -1
	if t.OffAfter {
		e.teamOff(t)
	}
}
