package sim

import (
	"math"

	"github.com/precinct-sim/precinct/agents"
)

// The teams are civilian alternative responders (CAHOOTS, STAR): a call
// is theirs when its type is eligible for it (a share of the type's calls,
// drawn per call from the call's keyed generator, so that the same calls
// are eligible in every scenario) and the dispatcher does not triage it
// out (weapons, violence, crime in progress); team-only calls (public
// assists) are always theirs. The nearest free team goes; when every team
// on duty is busy, the call waits in the team queue (priority, then
// arrival) up to CoResponders.Wait, and the first team to free up takes
// it. A call that no team takes goes to police, its response time
// including the wait; a team-only call is referred and closed instead.

// toTeam gives call id to a co-responder team, or queues it for one, when
// it is the teams' call, and reports whether the call is dealt with
// (taken, waiting, or a team-only call referred); false sends it to police.
func (e *engine) toTeam(id int32) bool {
	c := &e.calls[id]
	if c.backup {
		return false
	}
	co := &e.cfg.CoResponders
	only := e.cfg.CallTypes[c.typ].TeamOnly
	if !only {
		if len(e.teams) == 0 {
			return false
		}
		share := co.Eligible[c.typ]
		if !(share > 0) {
			return false
		}
		r := e.keyed(c.key, purposeEligible)
		if r.Float64() >= share {
			return false
		}
		if r.Float64() < co.TriageOut {
			if c.inWindow {
				e.prec.triagedOut++
			}
			return false
		}
	}
	if t, d := e.nearestTeam(c); t != nil {
		e.sendTeam(t, id, d)
		return true
	}
	if co.Wait > 0 && e.teamOnDuty() {
		c.teamWait = true
		e.teamQueue = append(e.teamQueue, id)
		e.schedule(e.now+co.Wait, evTeamWait, id, uint32(c.serial))
		return true
	}
	return e.noTeam(id, false)
}

// nearestTeam returns the free team with the shortest response time to c
// and that time, or nil.
func (e *engine) nearestTeam(c *call) (*agents.Team, float64) {
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
	return best, bestT
}

// teamOnDuty reports whether a team is on duty and will stay on after its
// current call, so that a waiting call may still get one.
func (e *engine) teamOnDuty() bool {
	for i := range e.teams {
		if t := &e.teams[i]; t.OnDuty && !t.OffAfter {
			return true
		}
	}
	return false
}

// noTeam deals with a call no team took, after waiting for one when
// waited: a team-only call is referred and closed (it reports true), any
// other goes to police (false).
func (e *engine) noTeam(id int32, waited bool) bool {
	c := &e.calls[id]
	if e.cfg.CallTypes[c.typ].TeamOnly {
		if c.inWindow {
			e.prec.referred++
		}
		e.freeCalls = append(e.freeCalls, id)
		return true
	}
	if c.inWindow {
		e.prec.toPolice++
		if waited {
			e.prec.toPoliceAfterWait++
		}
	}
	return false
}

// teamWaitOver ends call id's wait for a team, if it still waits (its
// serial's low bits are tok): it goes to police, or is referred.
func (e *engine) teamWaitOver(id int32, tok uint32) {
	c := &e.calls[id]
	if uint32(c.serial) != tok || !c.teamWait {
		return
	}
	e.leaveTeamQueue(id)
	if !e.noTeam(id, true) {
		e.police(id)
	}
}

// leaveTeamQueue takes call id out of the team queue.
func (e *engine) leaveTeamQueue(id int32) {
	e.calls[id].teamWait = false
	for i, w := range e.teamQueue {
		if w == id {
			e.teamQueue = append(e.teamQueue[:i], e.teamQueue[i+1:]...)
			return
		}
	}
}

// takeTeamQueued gives free team t the most urgent call waiting for a
// team (priority, then arrival), if any.
func (e *engine) takeTeamQueued(t *agents.Team) {
	if len(e.teamQueue) == 0 {
		return
	}
	best := e.teamQueue[0]
	for _, id := range e.teamQueue[1:] {
		a, b := &e.calls[id], &e.calls[best]
		if a.priority < b.priority || (a.priority == b.priority && a.serial < b.serial) {
			best = id
		}
	}
	e.leaveTeamQueue(best)
	c := &e.calls[best]
	e.sendTeam(t, best, e.world.responseTime(t.Pos, e.cfg.Grid.Center(int(c.cell)), c.priority))
}

// sendTeam dispatches free team t to call id, d minutes away.
func (e *engine) sendTeam(t *agents.Team, id int32, d float64) {
	c := &e.calls[id]
	c.dispatch = e.now
	e.rec.dispatched(c, e.now)
	c.team = true
	t.Busy, t.Call, t.Pos = true, int(id), e.cfg.Grid.Center(int(c.cell))
	e.prec.busySince[t.ID] = e.now
	if c.inWindow {
		e.prec.teamCalls++
		e.prec.day(e.now).teamCalls++
		if e.cfg.CallTypes[c.typ].TeamOnly {
			e.prec.teamOnly++
		} else {
			e.prec.freedMin += c.service + c.report
		}
	}
	e.schedule(e.now+d, evTeamArrive, int32(t.ID), 0)
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
		return
	}
	e.takeTeamQueued(t)
}
