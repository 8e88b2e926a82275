package sim

import "github.com/precinct-sim/precinct/agents"

// pendingUnit is a secondary unit a call still needs: the call's id and
// serial (a slot reused by a later call has another serial).
type pendingUnit struct {
	id     int32
	serial uint64
}

// drawUnits draws how many units call c gets and whether its primary
// will ask for backup on arrival, from the call's own keyed draws. A
// call for backup from a co-responder team gets one unit.
func (e *engine) drawUnits(c *call) {
	ct := &e.cfg.CallTypes[c.typ]
	if c.backup || (len(ct.Units) <= 1 && ct.Backup <= 0) {
		return
	}
	r := e.keyed(c.key, purposeUnits)
	u := r.Float64()
	n := len(ct.Units)
	acc := 0.0
	for k, s := range ct.Units {
		if acc += s; u < acc {
			n = k + 1
			break
		}
	}
	c.need = int8(n - 1)
	c.wantBackup = r.Float64() < ct.Backup
}

// requestUnits sends n secondary units to call id, each the unit the
// policy chooses among the free ones if the call may be dispatched now;
// those that find none wait, after the dispatch queue, until a unit
// frees or the primary clears.
func (e *engine) requestUnits(id int32, n int) {
	c := &e.calls[id]
	for range n {
		if o := e.chooseFree(c); o != nil && e.mayDispatch(c, 0) {
			e.send(o, id, true)
			continue
		}
		e.pending = append(e.pending, pendingUnit{id: id, serial: c.serial})
	}
}

// takePending sends o, about to be free, as a waiting secondary unit to
// the oldest call that still needs one and may be dispatched, and
// reports whether it did. Requests of calls whose primary has cleared
// are dropped.
func (e *engine) takePending(o *agents.Officer) bool {
	k := 0
	taken := false
	for i, p := range e.pending {
		c := &e.calls[p.id]
		switch {
		case taken:
			e.pending[k] = p
			k++
		case c.serial != p.serial || c.cleared:
		case e.mayDispatch(c, 1):
			e.send(o, p.id, true)
			taken = true
		default:
			e.pending[k] = e.pending[i]
			k++
		}
	}
	e.pending = e.pending[:k]
	return taken
}
