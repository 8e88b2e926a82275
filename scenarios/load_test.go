package scenarios

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const fixtures = "../testdata/scenarios"

// problems returns the Problems in err, failing if err holds anything else.
func problems(t *testing.T, err error) []*Problem {
	t.Helper()
	var out []*Problem
	for _, e := range unjoin(err) {
		var p *Problem
		if !errors.As(e, &p) {
			t.Fatalf("error %v (%T) is not a *Problem", e, e)
		}
		out = append(out, p)
	}
	return out
}

func TestBadFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // each must appear in the error text
		n    int      // number of problems
	}{
		{"malformed.toml", []string{"malformed.toml:4:13:", "expected value"}, 1},
		{"unknown_key.toml", []string{"unknown_key.toml:4:", "staffing.headcont: unknown key", "headcount"}, 1},
		{"negative_headcount.toml", []string{"negative_headcount.toml:5:", "staffing.headcount: must be between 1 and 100000, got -3"}, 1},
		{"uncovered.toml", []string{"uncovered.toml:", "02:00-06:00", "no officer on duty"}, 1},
		{"many.toml", []string{"many.toml:3: days: must be between 1 and 3650, got 0", "many.toml:6: world.cell_m: must be between 1 and 5000, got -5",
			`many.toml:9: travel.metric: must be one of manhattan, euclidean, none, got "crow"`,
			"many.toml:12: calls.types.disorder.priority: must be between 1 and 3, got 7"}, 4},
		{"satisfied_within.toml", []string{"satisfied_within.toml:4:", "trust.satisfied_within: unknown key: removed", "trust.expected_response", "trust.satisfaction_steepness"}, 1},
		{"wrong_type.toml", []string{"wrong_type.toml:4:", `staffing.headcount: expected a whole number, got the string "ninety"`}, 1},
		{"bare_duration.toml", []string{"bare_duration.toml:4:", "travel.turnout", `invalid duration "5"`}, 1},
		{"cycle_a.toml", []string{"extends: cycle:", "cycle_a.toml -> ", "cycle_b.toml -> ", "cycle_a.toml"}, 1},
		{"unknown_parent.toml", []string{"unknown_parent.toml:2: extends:", `unknown scenario "no_such_scenario"`, "baseline"}, 1},
		{"neighborhoods.toml", []string{"world.station", "overlaps neighborhood \"west\"", "leave 4 cells outside every neighborhood, the first at [6, 9]"}, 3},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, err := Load(filepath.Join(fixtures, "bad", tc.file), nil)
			if err == nil {
				t.Fatal("loaded without error")
			}
			probs := problems(t, err)
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
			if len(probs) != tc.n {
				t.Errorf("got %d problems, want %d:\n%v", len(probs), tc.n, err)
			}
		})
	}
}

func TestGoodFiles(t *testing.T) {
	for _, tc := range []struct {
		file  string
		check func(*Scenario) string
	}{
		{"lean.toml", func(s *Scenario) string {
			if s.Staffing.Pattern != "12x2" || s.Staffing.Headcount != 60 || s.Days != 90 {
				return "staffing or days not applied"
			}
			if d := s.Calls.Types["disorder"]; d.PerDay != 45 || d.Priority != 2 || d.Service.Dist != "lognormal" {
				return "call type table not merged key by key"
			}
			if len(s.Calls.Types) != len(Default().Calls.Types) {
				return "call types lost in the merge"
			}
			return ""
		}},
		{"custom.toml", func(s *Scenario) string {
			cfg := s.Config()
			if len(cfg.Shifts) != 3 || cfg.Shifts[0].Start != 360 || cfg.Shifts[1].Length != 600 || cfg.Shifts[2].Officers != 8 {
				return "custom shifts wrong"
			}
			found := false
			for _, ct := range cfg.CallTypes {
				found = found || ct.Name == "intoxication"
			}
			if !found || len(s.Calls.Types) != len(Default().Calls.Types)+1 {
				return "new call type missing"
			}
			return ""
		}},
		{"child.toml", func(s *Scenario) string {
			if s.Name != "child" || !s.Dispatch.Preempt || s.Staffing.Pattern != "12x2" || s.Extends != "" {
				return "extends by relative path not applied"
			}
			return ""
		}},
		{"from_library.toml", func(s *Scenario) string {
			if s.Name != "from_library" || s.Patrol.Strategy != "random" || s.Summary != "baseline with random patrol" {
				return "extends baseline not applied or name not from file"
			}
			return ""
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := Load(filepath.Join(fixtures, "good", tc.file), nil)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(s); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestSet(t *testing.T) {
	for _, tc := range []struct {
		set   string
		check func(*Scenario) bool
	}{
		{"staffing.headcount=90", func(s *Scenario) bool { return s.Staffing.Headcount == 90 }},
		{"staffing.pattern=10x4", func(s *Scenario) bool { return s.Staffing.Pattern == "10x4" }},
		{`staffing.pattern="12x2"`, func(s *Scenario) bool { return s.Staffing.Pattern == "12x2" }},
		{"travel.turnout=90s", func(s *Scenario) bool { return s.Travel.Turnout.Minutes() == 1.5 }},
		{"dispatch.preempt=true", func(s *Scenario) bool { return s.Dispatch.Preempt }},
		{"world.cell_m=75", func(s *Scenario) bool { return s.World.CellM == 75 }},
		{"name=2026", func(s *Scenario) bool { return s.Name == "2026" }},
		{"calls.types.alarm.per_day=0", func(s *Scenario) bool {
			a := s.Calls.Types["alarm"]
			return a.PerDay == 0 && a.Priority == 3 && a.Service.Mean.Minutes() == 12
		}},
		{"calls.types.alarm.service.mean=20m", func(s *Scenario) bool {
			a := s.Calls.Types["alarm"]
			return a.Service.Mean.Minutes() == 20 && a.Service.Dist == "exponential"
		}},
	} {
		t.Run(tc.set, func(t *testing.T) {
			s, err := Load("baseline", []string{tc.set})
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(s) {
				t.Errorf("--set %s not applied", tc.set)
			}
		})
	}
}

func TestBadSet(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		want []string
	}{
		{[]string{"staffing.headcount"}, []string{"--set staffing.headcount: want dotted.key=value"}},
		{[]string{"staffing.headcont=9"}, []string{"--set staffing.headcont=9: staffing.headcont: unknown key", "headcount"}},
		{[]string{"staffing.headcount=-3"}, []string{"--set staffing.headcount=-3: staffing.headcount: must be between 1 and 100000, got -3"}},
		{[]string{"staffing.headcount=lots"}, []string{`--set staffing.headcount=lots: staffing.headcount: expected a whole number, got the string "lots"`}},
		{[]string{"travel.turnout=5"}, []string{"--set travel.turnout=5: travel.turnout", `invalid duration "5"`}},
		{[]string{"days=0", "staffing.pattern=9x9"}, []string{"--set days=0: days: must be between 1", `--set staffing.pattern=9x9: staffing.pattern: must be one of 8x3, 10x4, 12x2, 24x1, custom, got "9x9"`}},
		{[]string{"a..b=1"}, []string{`malformed key "a..b"`}},
		{[]string{"staffing.officers_per_shift=[5,5,5]"}, []string{"staffing.headcount: is 100 but officers_per_shift is also set"}},
		{[]string{"staffing.headcount=0", "staffing.officers_per_shift=[5,5,5]", "staffing.weights=[nan,1,1]"}, []string{"staffing.weights: is only used when staffing by headcount"}},
	} {
		t.Run(strings.Join(tc.sets, " "), func(t *testing.T) {
			_, err := Load("baseline", tc.sets)
			if err == nil {
				t.Fatal("accepted")
			}
			problems(t, err)
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestUnknownScenario(t *testing.T) {
	for _, ref := range []string{"no_such", "missing.toml", "dir/missing"} {
		_, err := Load(ref, nil)
		if err == nil {
			t.Fatalf("%s: loaded", ref)
		}
		problems(t, err)
		if !strings.Contains(err.Error(), ref) {
			t.Errorf("%s: error does not name it: %v", ref, err)
		}
	}
}

// TestResolvedRoundTrip checks that the resolved TOML of a scenario, read
// back, is the same scenario: what run.json and scenarios show print is
// enough to reproduce a run.
func TestResolvedRoundTrip(t *testing.T) {
	for _, ref := range append(Names(), filepath.Join(fixtures, "good", "custom.toml"), filepath.Join(fixtures, "good", "child.toml")) {
		s, err := Load(ref, []string{"travel.turnout=1m30s", "patrol.dwell=12m30s"})
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("resolved.toml", s.TOML(), nil)
		if err != nil {
			t.Fatalf("%s: resolved TOML does not load: %v\n%s", ref, err, s.TOML())
		}
		if !reflect.DeepEqual(s, back) {
			t.Errorf("%s: resolved TOML reads back differently:\n got %+v\nwant %+v", ref, back, s)
		}
	}
}

func TestDefaultIsValid(t *testing.T) {
	d := Default()
	d.Name = "default"
	if err := Validate(&d); err != nil {
		t.Fatal(err)
	}
}

func TestLibrary(t *testing.T) {
	names := Names()
	if len(names) == 0 || names[0] == "" {
		t.Fatal("empty library")
	}
	lib, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib {
		s, err := Load(e.Name, nil)
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		if s.Name != e.Name {
			t.Errorf("library file %s.toml names itself %q", e.Name, s.Name)
		}
		if e.Summary == "" {
			t.Errorf("%s: no summary", e.Name)
		}
	}
	b, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	d.Name, d.Summary, d.Group, d.Briefing = b.Name, b.Summary, b.Group, b.Briefing
	d.Levers, d.Watch, d.Questions, d.ClaimKind, d.ClaimBasis = b.Levers, b.Watch, b.Questions, b.ClaimKind, b.ClaimBasis
	if !reflect.DeepEqual(*b, d) {
		t.Error("the baseline differs from the built-in defaults")
	}
}

func TestKeyLines(t *testing.T) {
	text := `name = "x"   # comment
briefing = """
fake = 1
"""
[staffing]
headcount = 4
profile = [
  1, 2,
]
[[world.neighborhoods]]
name = "a"
[[world.neighborhoods]]
"call_weight" = 2
[calls.types.alarm]
service = { dist = "exponential", mean = "3m" }
`
	kl := indexKeyLines(text)
	for key, want := range map[string]int{
		"name": 1, "staffing.headcount": 6, "world.neighborhoods[0].name": 11,
		"world.neighborhoods[1].call_weight": 13, "calls.types.alarm.service.mean": 15,
	} {
		if got := kl.lineLoose(key); got != want {
			t.Errorf("line of %s = %d, want %d", key, got, want)
		}
	}
	if _, ok := kl["fake"]; ok {
		t.Error("a line inside a multi-line string was read as a key")
	}
}

func TestDurationText(t *testing.T) {
	for in, want := range map[string]string{"90s": "1m30s", "12m": "12m", "1h30m": "1h30m", "2h": "2h", "0s": "0s"} {
		var d Duration
		if err := d.UnmarshalText([]byte(in)); err != nil {
			t.Fatal(err)
		}
		if got, _ := d.MarshalText(); string(got) != want {
			t.Errorf("%s -> %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"7:00", "24:00", "07:60", "0700", "07:00:00"} {
		var c Clock
		if err := c.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("clock %q accepted", in)
		}
	}
}

func TestBadCommunity(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "bad", "community.toml"), nil)
	if err == nil {
		t.Fatal("loaded without error")
	}
	problems(t, err)
	for _, w := range []string{
		"community.toml:9: world.neighborhoods[0].trust: must be between 0 and 1, got 1.4",
		"world.neighborhoods[0].group_shares: must sum to 1, got 1.1",
		"community.toml:18: crime.types.burglary.near_repeat: times crime.near_repeat (0.5) is 1.25",
		"community.toml:14: crime.presence_floor: must be between 0.01 and 1, got 0",
		"community.toml:15: crime.detention: must be between 0 and 1, got 2",
		"community.toml:19: crime.types.burglary.presence_elasticity: must be between 0 and 2, got 3",
		`crime.types.burglary.affinity.harbour: must be one of residential, commerce, nightlife, transit, got "harbour"`,
		"crime.types.disorder: has the name of a call type",
		"community.toml:30: engagement.intensity: must be between 0 and 1, got 1.5",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not mention %q:\n%v", w, err)
		}
	}
}

func TestOffenseNowhereOnMap(t *testing.T) {
	_, err := Load("baseline", []string{"world.places=[]", "crime.types.robbery.affinity={residential = 0, commerce = 0, nightlife = 0, transit = 1}"})
	if err == nil || !strings.Contains(err.Error(), "crime.types.robbery.affinity: names only land uses that are nowhere on the map (transit)") {
		t.Errorf("an offense type with no land use on the map was accepted or misreported: %v", err)
	}
	if _, err := Load("baseline", []string{"world.places=[]"}); err != nil {
		t.Errorf("baseline without places: %v", err)
	}
}

// TestConfigDeterministic loads the same scenario many times: Go
// randomises map iteration, so any order-dependent step in loading or
// translating would show as a difference.
func TestConfigDeterministic(t *testing.T) {
	first, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := first.Config()
	for range 30 {
		s, _ := Load("baseline", nil)
		if got := s.Config(); !reflect.DeepEqual(got, want) {
			t.Fatal("two loads of the same scenario gave different configurations")
		}
	}
}

func TestBadPolicy(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "bad", "policy.toml"), nil)
	if err == nil {
		t.Fatal("loaded without error")
	}
	problems(t, err)
	for _, w := range []string{
		"policy.toml:6: force.arrest: must be between 0 and 1, got 1.7",
		`coresponders.types[1]: must name a call or offense type`,
		"coresponders.eligible.disorder: must be between 0 and 1, got 1.5",
		`coresponders.eligible.seance: must name a call or offense type`,
		"coresponders.triage_out: must be between 0 and 1, got -0.1",
		`coresponders.wait: must be between "0s" and "2h", got "3h"`,
		"budget.sworn: buys no officer at costs.officer = 120000",
		`budget.shift.to.parking: must be one of sworn, coresponders, training, cameras, oversight, social_services, got "parking"`,
		"events[0].day: must be between 0 and 364, got 400",
		`events[0].units: is not used by kind "surge"`,
		`events[1].kind: must be one of surge, incident, staffing, mutual_aid, budget, got "parade"`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not mention %q:\n%v", w, err)
		}
	}
}
