package scenarios

import (
	"fmt"
	"strings"
	"time"
)

// Scenario is one precinct scenario as written in TOML. Every field has a
// default (see Default); a scenario file sets only what differs.
type Scenario struct {
	Name       string `toml:"name" json:"name"`                           // short identifier, used in outputs
	Summary    string `toml:"summary" json:"summary"`                     // one line for listings
	Extends    string `toml:"extends,omitempty" json:"extends,omitempty"` // library name or .toml path of the parent; empty once resolved
	Seed       uint64 `toml:"seed" json:"seed"`                           // scenario seed; replicate streams derive from it
	Days       int    `toml:"days" json:"days"`                           // measured days
	WarmupDays int    `toml:"warmup_days" json:"warmup_days"`             // simulated first, excluded from metrics

	World    World    `toml:"world" json:"world"`
	Travel   Travel   `toml:"travel" json:"travel"`
	Staffing Staffing `toml:"staffing" json:"staffing"`
	Patrol   Patrol   `toml:"patrol" json:"patrol"`
	Dispatch Dispatch `toml:"dispatch" json:"dispatch"`
	Calls    Calls    `toml:"calls" json:"calls"`
}

// World is the precinct grid.
type World struct {
	Width         int            `toml:"width" json:"width"`         // cells east-west
	Height        int            `toml:"height" json:"height"`       // cells north-south; row 0 is the north edge
	CellM         float64        `toml:"cell_m" json:"cell_m"`       // side of a cell, metres
	Station       [2]int         `toml:"station" json:"station"`     // [column, row] of the station
	BeatCols      int            `toml:"beat_cols" json:"beat_cols"` // beats across: the grid is cut into beat_cols x beat_rows rectangles
	BeatRows      int            `toml:"beat_rows" json:"beat_rows"` // beats down
	Neighborhoods []Neighborhood `toml:"neighborhoods" json:"neighborhoods"`
}

// Neighborhood is a rectangle of cells. The neighborhoods of a scenario
// must cover the grid exactly once.
type Neighborhood struct {
	Name       string  `toml:"name" json:"name"`
	Cells      [4]int  `toml:"cells" json:"cells"`             // [x0, y0, x1, y1]: columns x0..x1-1, rows y0..y1-1
	CallWeight float64 `toml:"call_weight" json:"call_weight"` // relative calls per cell
}

// Travel turns distance into time.
type Travel struct {
	Metric         string   `toml:"metric" json:"metric"`                     // manhattan, euclidean or none (zero distance)
	SpeedKMH       float64  `toml:"speed_kmh" json:"speed_kmh"`               // driving speed to a call, km/h
	PatrolSpeedKMH float64  `toml:"patrol_speed_kmh" json:"patrol_speed_kmh"` // driving speed on patrol, km/h
	Turnout        Duration `toml:"turnout" json:"turnout"`                   // from dispatch until the unit rolls
}

// Staffing is the duty roster: a shift pattern, and either a sworn
// headcount (turned into posts per shift through the officers' available
// hours) or the posts per shift directly.
type Staffing struct {
	Pattern          string      `toml:"pattern" json:"pattern"`                       // 8x3, 10x4, 12x2, 24x1 or custom
	Headcount        int         `toml:"headcount" json:"headcount"`                   // sworn patrol officers; 0 when officers_per_shift is used
	AnnualHours      float64     `toml:"annual_hours" json:"annual_hours"`             // hours an officer is available for patrol in a year
	OfficersPerShift []int       `toml:"officers_per_shift" json:"officers_per_shift"` // posts on duty in each shift, in pattern order
	Weights          []float64   `toml:"weights" json:"weights"`                       // with headcount: relative share of officers per shift (default equal)
	Shifts           []ShiftSpec `toml:"shifts" json:"shifts"`                         // with pattern = "custom": the shifts
}

// ShiftSpec is one shift of a custom pattern.
type ShiftSpec struct {
	Name   string   `toml:"name" json:"name"`
	Start  Clock    `toml:"start" json:"start"`   // "HH:MM"
	Length Duration `toml:"length" json:"length"` // up to "24h"
}

// Patrol sets what free officers do between calls.
type Patrol struct {
	Strategy string   `toml:"strategy" json:"strategy"` // beat, random or stay
	Dwell    Duration `toml:"dwell" json:"dwell"`       // time spent at each patrol point
}

// Dispatch sets dispatching rules.
type Dispatch struct {
	Preempt bool `toml:"preempt" json:"preempt"` // a P1 call with no free unit may take a unit from a P3 call
}

// Calls sets the calls for service that do not come from crime.
type Calls struct {
	Profile []float64           `toml:"profile" json:"profile"` // 24 relative rates, hour 0 first
	Types   map[string]CallType `toml:"types" json:"types"`
}

// CallType is one kind of call.
type CallType struct {
	Priority int          `toml:"priority" json:"priority"`                   // 1 emergency, 2 urgent, 3 routine
	PerDay   float64      `toml:"per_day" json:"per_day"`                     // mean calls per day
	Profile  []float64    `toml:"profile,omitempty" json:"profile,omitempty"` // 24 relative rates; empty: calls.profile
	Service  DurationDist `toml:"service" json:"service"`                     // time on scene
	Report   DurationDist `toml:"report" json:"report"`                       // report writing after the scene
}

// DurationDist is a distribution of durations: a family, a mean and, for the
// lognormal, a standard deviation.
type DurationDist struct {
	Dist string   `toml:"dist" json:"dist"`                 // exponential or lognormal
	Mean Duration `toml:"mean" json:"mean"`                 // mean duration
	SD   Duration `toml:"sd,omitempty" json:"sd,omitempty"` // standard deviation (lognormal only)
}

// Duration is a length of time written as a Go duration string ("90s",
// "12m", "1h30m"). Bare numbers are rejected: their unit would be a guess.
type Duration struct {
	time.Duration
}

// Minutes returns d in minutes.
func (d Duration) Minutes() float64 { return d.Duration.Minutes() }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("invalid duration %q: write it like \"90s\", \"12m\" or \"1h30m\"", b)
	}
	d.Duration = v
	return nil
}

// MarshalText implements encoding.TextMarshaler, writing the shortest
// form ("12m", not "12m0s").
func (d Duration) MarshalText() ([]byte, error) {
	s := d.Duration.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return []byte(s), nil
}

// Clock is a time of day in minutes after midnight, written "HH:MM".
type Clock int

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Clock) UnmarshalText(b []byte) error {
	var h, m int
	s := strings.TrimSpace(string(b))
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || len(s) != 5 || h < 0 || h > 23 || m < 0 || m > 59 {
		return fmt.Errorf("invalid time of day %q: write it as \"HH:MM\", from \"00:00\" to \"23:59\"", b)
	}
	*c = Clock(60*h + m)
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (c Clock) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%02d:%02d", int(c)/60, int(c)%60), nil
}

func durationOfMinutes(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }
