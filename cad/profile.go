package cad

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/precinct-sim/precinct/scenarios"
)

//go:embed profiles/*.toml
var builtin embed.FS

// Profile describes one layout of calls-for-service extract.
type Profile struct {
	Name        string `toml:"name"`
	Description string `toml:"description"`
	Delimiter   string `toml:"delimiter"`   // one character; default ","
	TimeFormat  string `toml:"time_format"` // Go reference layout of the timestamps ("2006-01-02 15:04:05")
	TimeZone    string `toml:"time_zone"`   // IANA zone the timestamps are in
	// Durations, when true, means the extract publishes the stages of a
	// call as minutes (columns intake, dispatch_wait, travel, on_scene)
	// instead of timestamps.
	Durations   bool              `toml:"durations"`
	Columns     Columns           `toml:"columns"`
	Coordinates Coordinates       `toml:"coordinates"`
	Priorities  map[string]int    `toml:"priorities"`     // raw code -> 1, 2 or 3
	PriorityLen int               `toml:"priority_chars"` // compare only the first N characters of the code (0: all)
	Filters     Filters           `toml:"filters"`
	Offenses    map[string]string `toml:"offenses"`      // call type -> offense type of the model (crime calls)
	BeatKey     string            `toml:"beat_property"` // GeoJSON property holding a beat's name

	loc *time.Location
}

// Columns names the extract's columns; an empty name means the layout
// does not have it.
type Columns struct {
	ID            string `toml:"id"`
	Type          string `toml:"type"`
	InitialType   string `toml:"initial_type"`
	Priority      string `toml:"priority"`
	Created       string `toml:"created"`
	Dispatched    string `toml:"dispatched"`
	Arrived       string `toml:"arrived"`
	Closed        string `toml:"closed"`
	Intake        string `toml:"intake"`        // durations layout: minutes from call to ready
	DispatchWait  string `toml:"dispatch_wait"` // durations layout: minutes from ready to dispatch
	Travel        string `toml:"travel"`        // durations layout: minutes from dispatch to arrival
	OnScene       string `toml:"on_scene"`      // durations layout: minutes on scene
	Beat          string `toml:"beat"`
	District      string `toml:"district"`
	X             string `toml:"x"`      // longitude or easting
	Y             string `toml:"y"`      // latitude or northing
	Point         string `toml:"point"`  // a WKT POINT (longitude latitude) instead of x and y
	Source        string `toml:"source"` // how the call came in (911, on-view, ...)
	Disposition   string `toml:"disposition"`
	SelfInitiated string `toml:"self_initiated"`
	Units         string `toml:"units"` // units sent, where the extract has it
}

// Coordinates is the coordinate system of the extract's x and y.
type Coordinates struct {
	System string `toml:"system"` // wgs84 (x longitude, y latitude) or lcc (Lambert conformal conic, a state plane)
	Units  string `toml:"units"`  // lcc: m, ft or us_ft
	// Lambert conformal conic on GRS80: the origin, the standard
	// parallels (degrees) and the false easting and northing (in units).
	Lat0, Lon0, Lat1, Lat2 float64
	FalseEasting           float64 `toml:"false_easting"`
	FalseNorthing          float64 `toml:"false_northing"`
}

// Filters lists the codes that drop a row or make it officer-initiated.
type Filters struct {
	Void          []string `toml:"void"`           // dispositions of voided and test calls
	TestTypes     []string `toml:"test_types"`     // call types of test calls
	Cancelled     []string `toml:"cancelled"`      // dispositions of calls cancelled before a unit arrived
	NoUnit        []string `toml:"no_unit"`        // dispositions of calls no unit was sent to
	SelfInitiated []string `toml:"self_initiated"` // values of the self_initiated or source column marking officer-initiated work
}

// Profiles lists the built-in profiles by name.
func Profiles() []string {
	ents, _ := builtin.ReadDir("profiles")
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	return names
}

// LoadProfile reads a built-in profile by name or a profile file by path.
// Its errors are scenarios.Problem values naming the file, line and key.
func LoadProfile(ref string) (*Profile, error) {
	var data []byte
	file := ref
	if slices.Contains(Profiles(), ref) {
		data, _ = builtin.ReadFile(path.Join("profiles", ref+".toml"))
		file = "profile " + ref
	} else {
		var err error
		if data, err = os.ReadFile(ref); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, &scenarios.Problem{File: ref, Msg: fmt.Sprintf("no such profile file, and not a built-in profile (%s)", strings.Join(Profiles(), ", "))}
			}
			return nil, fmt.Errorf("reading profile: %w", err)
		}
	}
	var p Profile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&p)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &scenarios.Problem{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: pe.Message}
		}
		return nil, &scenarios.Problem{File: file, Msg: err.Error()}
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, &scenarios.Problem{File: file, Key: un[0].String(), Msg: "unknown key"}
	}
	if err := p.check(file); err != nil {
		return nil, err
	}
	return &p, nil
}

// check validates a decoded profile.
func (p *Profile) check(file string) error {
	bad := func(key, format string, a ...any) error {
		return &scenarios.Problem{File: file, Key: key, Msg: fmt.Sprintf(format, a...)}
	}
	if p.Name == "" {
		return bad("name", "must be set")
	}
	if p.Delimiter == "" {
		p.Delimiter = ","
	}
	if len([]rune(p.Delimiter)) != 1 {
		return bad("delimiter", "must be one character, got %q", p.Delimiter)
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil || p.TimeZone == "" {
		return bad("time_zone", "must be an IANA time zone such as \"America/Chicago\", got %q", p.TimeZone)
	}
	p.loc = loc
	if p.TimeFormat == "" {
		return bad("time_format", "must be a Go time layout such as \"2006-01-02 15:04:05\"")
	}
	c := p.Columns
	if c.Type == "" || c.Created == "" {
		return bad("columns", "type and created must name columns")
	}
	if p.Durations {
		if c.Intake == "" || c.Travel == "" {
			return bad("columns", "a durations layout needs intake and travel columns")
		}
	} else if c.Arrived == "" {
		return bad("columns.arrived", "must name a column (the first unit's arrival)")
	}
	switch p.Coordinates.System {
	case "", "wgs84":
	case "lcc":
		if u := p.Coordinates.Units; u != "m" && u != "ft" && u != "us_ft" {
			return bad("coordinates.units", "must be m, ft or us_ft, got %q", u)
		}
		if p.Coordinates.Lat1 == p.Coordinates.Lat2 {
			return bad("coordinates", "lat1 and lat2 must differ (two standard parallels)")
		}
	default:
		return bad("coordinates.system", "must be wgs84 or lcc, got %q", p.Coordinates.System)
	}
	if len(p.Priorities) == 0 {
		return bad("priorities", "must map the extract's priority codes to 1, 2 or 3")
	}
	for k, v := range p.Priorities {
		if v < 1 || v > 3 {
			return bad("priorities."+k, "must be 1, 2 or 3, got %d", v)
		}
	}
	return nil
}

// priority maps a raw code to 1..3, or 0 when the code is unknown.
func (p *Profile) priority(code string) int {
	code = strings.TrimSpace(code)
	if p.PriorityLen > 0 && len(code) > p.PriorityLen {
		code = code[:p.PriorityLen]
	}
	return p.Priorities[code]
}
