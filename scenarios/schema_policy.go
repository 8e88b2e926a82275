package scenarios

// Force sets what can happen when police meet people: use of force,
// injuries and complaints. The chance of force at a call that ends
// without arrest is the call type's (calls.types.X.force,
// crime.types.X.force).
type Force struct {
	Arrest           float64 `toml:"arrest" json:"arrest"`                       // P(force) in an encounter that ends in arrest
	Stop             float64 `toml:"stop" json:"stop"`                           // P(force) in a proactive stop
	CivilianInjury   float64 `toml:"civilian_injury" json:"civilian_injury"`     // P(civilian injured | force)
	OfficerInjury    float64 `toml:"officer_injury" json:"officer_injury"`       // P(officer injured | force)
	Complaint        float64 `toml:"complaint" json:"complaint"`                 // P(complaint | force)
	ComplaintOther   float64 `toml:"complaint_other" json:"complaint_other"`     // P(complaint | encounter without force)
	Sustained        float64 `toml:"sustained" json:"sustained"`                 // P(complaint sustained) without camera or oversight
	SubjectTrust     float64 `toml:"subject_trust" json:"subject_trust"`         // force as a negative contact for its subject, in ordinary contacts
	IncidentPrecinct float64 `toml:"incident_precinct" json:"incident_precinct"` // a high-profile incident as a negative contact for every resident
	IncidentHood     float64 `toml:"incident_hood" json:"incident_hood"`         // and again for every resident of its neighborhood
}

// Training sets de-escalation training.
type Training struct {
	Deescalation float64 `toml:"deescalation" json:"deescalation"` // share of officers trained
	Effect       float64 `toml:"effect" json:"effect"`             // relative cut in a trained officer's chance of using force
	Hours        float64 `toml:"hours" json:"hours"`               // training hours per trained officer (costed)
}

// Accountability sets body-worn cameras and civilian oversight.
type Accountability struct {
	Cameras             float64 `toml:"cameras" json:"cameras"`                           // share of officers wearing cameras
	Oversight           bool    `toml:"oversight" json:"oversight"`                       // civilian oversight body
	CameraMitigation    float64 `toml:"camera_mitigation" json:"camera_mitigation"`       // share of an incident's trust cost removed by a camera
	OversightMitigation float64 `toml:"oversight_mitigation" json:"oversight_mitigation"` // share removed by oversight
	CameraSustained     float64 `toml:"camera_sustained" json:"camera_sustained"`         // complaints sustained x (1 + this) with a camera
	OversightSustained  float64 `toml:"oversight_sustained" json:"oversight_sustained"`   // complaints sustained x (1 + this) with oversight
}

// CoResponders sets civilian crisis teams (a clinician and a medic).
type CoResponders struct {
	Types   []string        `toml:"types" json:"types"`     // call types teams may take
	Backup  float64         `toml:"backup" json:"backup"`   // P(team asks police for backup)
	Service DurationDist    `toml:"service" json:"service"` // a team's time on scene
	Report  DurationDist    `toml:"report" json:"report"`   // a team's write-up after the scene
	Shifts  []TeamShiftSpec `toml:"shifts" json:"shifts"`   // when teams are on duty; none: no teams
}

// TeamShiftSpec is one co-responder shift.
type TeamShiftSpec struct {
	Name   string   `toml:"name" json:"name"`
	Start  Clock    `toml:"start" json:"start"`   // "HH:MM"
	Length Duration `toml:"length" json:"length"` // up to "24h"
	Teams  int      `toml:"teams" json:"teams"`   // teams on duty (the budget may set it)
}

// Services sets social-service investment (prevention) and its effect
// on offending.
type Services struct {
	PerYear       float64  `toml:"per_year" json:"per_year"`           // money a year
	Neighborhoods []string `toml:"neighborhoods" json:"neighborhoods"` // targeted neighborhoods; empty: all
	LagDays       float64  `toml:"lag_days" json:"lag_days"`           // days from the first measured day before any effect
	RampDays      float64  `toml:"ramp_days" json:"ramp_days"`         // days from the first effect to the full effect
	MaxEffect     float64  `toml:"max_effect" json:"max_effect"`       // largest relative cut in offending
	Saturation    float64  `toml:"saturation" json:"saturation"`       // money a year that reaches 63 % of max_effect
}

// Costs are the unit costs of the budget lines, in money a year unless
// said otherwise.
type Costs struct {
	Officer      float64 `toml:"officer" json:"officer"`             // a sworn officer, salary and overheads
	Team         float64 `toml:"team" json:"team"`                   // a co-responder team-year (clinician + medic)
	TrainingHour float64 `toml:"training_hour" json:"training_hour"` // one officer-hour of training, backfill included (once, spread over a year)
	Camera       float64 `toml:"camera" json:"camera"`               // a camera with storage and review
	Oversight    float64 `toml:"oversight" json:"oversight"`         // a civilian oversight body
}

// Budget gives money to lines instead of quantities: when sworn > 0,
// the budget decides the headcount, co-responder teams, training share,
// camera coverage, oversight and social services.
type Budget struct {
	Sworn          float64       `toml:"sworn" json:"sworn"`
	CoResponders   float64       `toml:"coresponders" json:"coresponders"`
	Training       float64       `toml:"training" json:"training"`
	Cameras        float64       `toml:"cameras" json:"cameras"`
	Oversight      float64       `toml:"oversight" json:"oversight"`
	SocialServices float64       `toml:"social_services" json:"social_services"`
	Shift          *FundingShift `toml:"shift,omitempty" json:"shift,omitempty"`
}

// FundingShift moves a share of one line's money to other lines.
type FundingShift struct {
	From  string             `toml:"from" json:"from"`   // the line money leaves
	Share float64            `toml:"share" json:"share"` // share of that line moved
	To    map[string]float64 `toml:"to" json:"to"`       // receiving lines and their shares of the moved money (sum 1)
}

// Event is something scheduled on a measured day.
type Event struct {
	Day              int      `toml:"day" json:"day"`                                                   // days after the warm-up; 0 is the first measured day
	Kind             string   `toml:"kind" json:"kind"`                                                 // surge, incident, staffing, mutual_aid or budget
	Duration         Duration `toml:"duration,omitempty" json:"duration,omitempty"`                     // surge, mutual_aid
	Neighborhoods    []string `toml:"neighborhoods,omitempty" json:"neighborhoods,omitempty"`           // surge: the area (empty: all); incident: where (at most one)
	Factor           float64  `toml:"factor,omitempty" json:"factor,omitempty"`                         // surge: calls in the area x factor
	Severity         float64  `toml:"severity,omitempty" json:"severity,omitempty"`                     // incident: size of the trust shock (1: calibrated)
	Headcount        int      `toml:"headcount,omitempty" json:"headcount,omitempty"`                   // staffing: the new headcount
	OfficersPerShift []int    `toml:"officers_per_shift,omitempty" json:"officers_per_shift,omitempty"` // staffing: or the new posts
	Units            int      `toml:"units,omitempty" json:"units,omitempty"`                           // mutual_aid: extra officers per shift
	Budget           *Budget  `toml:"budget,omitempty" json:"budget,omitempty"`                         // budget: the new budget (sworn and coresponders)
}

// EventKinds lists the allowed values of events[].kind.
func EventKinds() []string { return []string{"surge", "incident", "staffing", "mutual_aid", "budget"} }

// BudgetLines lists the budget's lines, as named in a funding shift.
func BudgetLines() []string {
	return []string{"sworn", "coresponders", "training", "cameras", "oversight", "social_services"}
}

// line returns a pointer to the budget line named name, or nil.
func (b *Budget) line(name string) *float64 {
	switch name {
	case "sworn":
		return &b.Sworn
	case "coresponders":
		return &b.CoResponders
	case "training":
		return &b.Training
	case "cameras":
		return &b.Cameras
	case "oversight":
		return &b.Oversight
	case "social_services":
		return &b.SocialServices
	}
	return nil
}

// shifted returns the budget after its funding shift, if any.
func (b Budget) shifted() Budget {
	fs := b.Shift
	b.Shift = nil
	if fs == nil {
		return b
	}
	from := b.line(fs.From)
	if from == nil {
		return b
	}
	moved := *from * fs.Share
	*from -= moved
	for _, name := range sortedKeys(fs.To) {
		if to := b.line(name); to != nil {
			*to += moved * fs.To[name]
		}
	}
	return b
}
