package sim

import (
	"math"
	"slices"

	"github.com/precinct-sim/precinct/agents"
)

// episode is one out-of-service episode of an officer-shift.
type episode struct {
	due, latest float64 // earliest and latest minute it may start
	dur         float64 // minutes
	kind        uint8   // actMeal, actAdmin or actCourt
}

// planShift draws officer o's out-of-service episodes for the shift
// occurrence starting at minute start and lasting length minutes: a meal
// at a uniform time of its window, court with probability CourtPerShift
// at a uniform time of the shift, administration as a Poisson process of
// on-duty time. The draws are the officer-shift's own.
func (e *engine) planShift(o *agents.Officer, start, length float64) {
	os := &e.cfg.OutOfService
	w := &e.work[o.ID]
	w.oos, w.oosHead = w.oos[:0], 0
	w.oosTok++
	if os.Meal.Mean <= 0 && os.CourtPerShift <= 0 && os.AdminPerHour <= 0 {
		return
	}
	r := e.keyed(uint64(o.ID)<<40|uint64(math.Floor(start)+MinutesPerDay), purposeOOS)
	end := start + length
	if os.Meal.Mean > 0 {
		first := start + min(os.MealAfter, length)
		last := max(first, end-os.MealBeforeEnd)
		at := first + r.Float64()*(last-first)
		w.oos = append(w.oos, episode{due: at, latest: last, dur: os.Meal.Sample(r), kind: actMeal})
	}
	if os.CourtPerShift > 0 && r.Float64() < os.CourtPerShift {
		w.oos = append(w.oos, episode{due: start + r.Float64()*length, latest: end, dur: os.Court.Sample(r), kind: actCourt})
	}
	if rate := os.AdminPerHour / 60; rate > 0 {
		for t := start + r.ExpFloat64()/rate; t < end; t += r.ExpFloat64() / rate {
			w.oos = append(w.oos, episode{due: t, latest: end, dur: os.Admin.Sample(r), kind: actAdmin})
		}
	}
	slices.SortStableFunc(w.oos, func(a, b episode) int {
		switch {
		case a.due < b.due:
			return -1
		case a.due > b.due:
			return 1
		}
		return 0
	})
	for _, ep := range w.oos {
		e.schedule(max(ep.due, e.now), evOOSDue, o.ID, w.oosTok)
	}
}

// oosDue starts o's episode that fell due if o is free (tok the
// shift's token); a busy officer takes it when next free.
func (e *engine) oosDue(o *agents.Officer, tok uint32) {
	if tok == e.work[o.ID].oosTok && o.State.Free() {
		e.takeOOS(o)
	}
}

// takeOOS starts o's first out-of-service episode that is due, dropping
// those whose latest start has passed, and reports whether it did.
// Meals are taken where the officer is; administration and court at the
// station.
func (e *engine) takeOOS(o *agents.Officer) bool {
	w := &e.work[o.ID]
	for w.oosHead < len(w.oos) && w.oos[w.oosHead].due <= e.now {
		ep := w.oos[w.oosHead]
		w.oosHead++
		if e.now > ep.latest {
			continue
		}
		w.cur = ep
		var dst *agents.Point
		if ep.kind != actMeal {
			dst = &e.world.station
		}
		e.startActivity(o, agents.OutOfService, ep.kind, ep.dur, dst)
		return true
	}
	return false
}
