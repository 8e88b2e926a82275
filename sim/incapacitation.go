package sim

import "math"

// Incapacitation: an arrest for an offense of type k in beat b holds its
// offender with probability Crime.Detention for a time of mean
// Crime.DetentionLife (exponential), and a held offender commits none of
// the Crime.Types[k].OffenderRate offenses a year an active offender
// commits. Per beat and type the engine keeps the expected number of
// detained offenders J (+Detention at each arrest, decaying by
// exp(-dt / DetentionLife)); the type's rate in the beat is multiplied by
//
//	I = 1 - min(0.9, λ J / R0),
//
// λ the offender rate per day and R0 the beat's rate of the type before
// incapacitation (offenses a day), so each arrest averts Detention x λ x
// DetentionLife offenses in expectation, in its own beat. Arrests at
// calls that are not offenses (disorder and the like) hold nobody.
// Expected values, not draws: the channel uses no random numbers.

// maxIncapacitated is the largest share of a beat's offending of a type
// detention can remove: some offending always comes from offenders not
// yet caught.
const maxIncapacitated = 0.9

// detained is the incapacitation state: per beat x type.
type detained struct {
	held []float64 // expected detained offenders
	base []float64 // scratch: the rate before incapacitation, offenses a day
}

func newDetained(beats, types int) detained {
	return detained{held: make([]float64, beats*types), base: make([]float64, beats*types)}
}

// decay releases detained offenders over dt minutes of mean detention
// life minutes.
func (d *detained) decay(dt, life float64) {
	if life <= 0 {
		clear(d.held)
		return
	}
	f := math.Exp(-dt / life)
	for i := range d.held {
		d.held[i] *= f
	}
}

// incapacitationFactor is the multiplier I of a type's rate in a beat
// with held expected detained offenders, offenderRate offenses a year per
// active offender, and base offenses a day before incapacitation.
func incapacitationFactor(held, offenderRate, base float64) float64 {
	if held <= 0 || offenderRate <= 0 || !(base > 0) {
		return 1
	}
	return 1 - min(maxIncapacitated, offenderRate/365*held/base)
}

// detain books the arrest of offense o's offender: it is held with
// probability Crime.Detention.
func (m *community) detain(o *offense) {
	a := m.area
	cr := &m.cfg.Crime
	if !a.on || cr.Detention <= 0 || cr.Types[o.typ].OffenderRate <= 0 {
		return
	}
	a.jail.held[m.grid.Beat[o.cell]*a.types+int(o.typ)] += cr.Detention
}
