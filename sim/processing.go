package sim

// processing draws call c's call-taking and processing time, minutes,
// from the call's own keyed draws: the same call gets the same time in
// every scenario that receives it. A call for backup from a co-responder
// team comes from the scene and needs none.
func (e *engine) processing(c *call) float64 {
	d := e.cfg.Dispatch.Processing[c.priority-1]
	if c.backup || d.Mean <= 0 {
		return 0
	}
	return d.Sample(e.keyed(c.key, purposeProcessing))
}

// telephone takes call id as a telephone or online report (differential
// response) when its type is eligible and its keyed draw falls in the
// share, and reports whether it did. No unit is sent; a crime call's
// offense is settled as if an officer had taken the report (clearance),
// with no contact either way.
func (e *engine) telephone(id int32) bool {
	d := &e.cfg.Dispatch
	c := &e.calls[id]
	if d.Telephone <= 0 || c.backup || !d.TelephoneTypes[c.typ] ||
		e.keyed(c.key, purposeTelephone).Float64() >= d.Telephone {
		return false
	}
	if c.offense >= 0 {
		e.crimeCallServed(c, false)
	}
	e.rec.telephoned(c)
	e.freeCalls = append(e.freeCalls, id)
	return true
}
