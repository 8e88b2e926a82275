package sim

import "github.com/precinct-sim/precinct/agents"

// transport takes primary o, whose scene at call c ended in an arrest,
// to the booking place for transport and booking, and reports whether it
// did (not when booking takes no time). With probability Arrests.Second
// a secondary unit still on the scene goes along. The report is written
// after booking. Both draws are the call's own.
func (e *engine) transport(o *agents.Officer, c *call) bool {
	a := &e.cfg.Arrests
	if a.Booking.Mean <= 0 {
		return false
	}
	r := e.keyed(c.key, purposeArrest)
	book := a.Booking.Sample(r)
	second := r.Float64() < a.Second
	e.book(o, book)
	if !second {
		return true
	}
	for i := range e.officers {
		s := &e.officers[i]
		if s.Secondary && s.Call == o.Call && s.State == agents.OnScene {
			e.book(s, book)
			break
		}
	}
	return true
}

// book drives o to the booking place at patrol speed and keeps it there
// for book minutes.
func (e *engine) book(o *agents.Officer, book float64) {
	e.setState(o, agents.Transport)
	o.Token++
	dst := e.cfg.Grid.Center(e.cfg.Arrests.Place)
	o.Move(e.now, 0, dst, e.world.patrolTime(o.Pos(e.now), dst))
	e.schedule(o.Arrive+book, evBookingDone, o.ID, o.Token)
}

// bookingDone returns o to service after booking: the primary writes the
// call's report, a secondary is free.
func (e *engine) bookingDone(o *agents.Officer) {
	if o.Secondary {
		e.release(o)
		e.becomeFree(o)
		return
	}
	e.setState(o, agents.Report)
	e.schedule(e.now+e.calls[o.Call].report, evReportEnd, o.ID, o.Token)
}
