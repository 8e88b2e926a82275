package agents

// Team is a co-responder team: a clinician and a medic in one vehicle,
// sent instead of police to calls such as mental-health crises and
// welfare checks. A team never uses force. It waits where it last was
// between calls.
type Team struct {
	ID       int   // index among the teams
	Shift    int   // index of the team's co-responder shift
	OnDuty   bool  // its shift is on
	Busy     bool  // travelling to, at, or writing up a call
	OffAfter bool  // its shift ended while it was busy: off duty when done
	Pos      Point // where it is, or last was, in cell units
	Call     int   // the call it holds, or -1
	Token    uint32
	Since    float64 // minute of its last change of duty or busy state
}
