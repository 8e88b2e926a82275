package scenarios_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// describing are the top-level keys that describe a scenario file rather
// than change the simulation.
var describing = []string{"name", "summary", "extends", "group", "briefing", "claim_kind", "claim_basis", "levers", "watch", "questions"}

// setKeys returns the dotted keys a TOML document sets, tables flattened;
// an array (of values or of tables) is one key.
func setKeys(prefix string, tree map[string]any) []string {
	var keys []string
	for k, v := range tree {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			keys = append(keys, setKeys(key, sub)...)
			continue
		}
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

// under reports whether key is k or lies inside table k.
func under(key, k string) bool { return key == k || strings.HasPrefix(key, k+".") }

var leverRE = regexp.MustCompile(`^([a-z_]+(?:\.[a-z_0-9]+)*): \S`)

// quotedKeyRE finds the dotted keys a claim_basis names in backquotes.
var quotedKeyRE = regexp.MustCompile("`([a-z_]+(?:\\.[a-z_0-9]+)+)`")

// TestLibraryClaimKinds checks that every library scenario says what its
// claim rests on: a claim_kind and a basis, every key the basis names in
// backquotes a key of the resolved scenario, and a scenario whose claim
// restates an input ("assumed") both naming at least one such input and
// saying in its briefing that the effect is assumed.
func TestLibraryClaimKinds(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Load(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(scenarios.ClaimKinds(), s.ClaimKind) || len(s.ClaimBasis) < 80 {
				t.Fatalf("claim_kind %q, claim_basis %q: want one of %v and a sentence or two on what the claim rests on", s.ClaimKind, s.ClaimBasis, scenarios.ClaimKinds())
			}
			var tree map[string]any
			if _, err := toml.Decode(string(s.TOML()), &tree); err != nil {
				t.Fatal(err)
			}
			keys := setKeys("", tree)
			named := quotedKeyRE.FindAllStringSubmatch(s.ClaimBasis, -1)
			for _, m := range named {
				if !slices.ContainsFunc(keys, func(k string) bool { return under(k, m[1]) }) {
					t.Errorf("claim_basis names %s, which is not a key of the scenario", m[1])
				}
			}
			if s.ClaimKind == "assumed" {
				if len(named) == 0 {
					t.Errorf("an assumed claim must name the inputs it restates in backquotes: %q", s.ClaimBasis)
				}
				if !strings.Contains(strings.ToLower(s.Briefing), "assum") {
					t.Errorf("the claim restates an assumed effect, but the briefing does not say so")
				}
			}
		})
	}
}

// TestLibraryDescribed checks that every library scenario is described
// for a class: a heading comment, a group, a one-line summary, a briefing
// paragraph that says what the scenario should show, levers that name
// every key the file sets (and only those), something to watch and two or
// three questions. Every scenario but the baseline extends another by
// name.
func TestLibraryDescribed(t *testing.T) {
	lib, err := scenarios.Library()
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) < 12 {
		t.Errorf("%d library scenarios, want at least 12", len(lib))
	}
	for _, e := range lib {
		t.Run(e.Name, func(t *testing.T) {
			src, _ := scenarios.Source(e.Name)
			s, err := scenarios.Load(e.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(src), "# "+e.Name+": ") {
				t.Errorf("the file does not open with a comment %q", "# "+e.Name+": ...")
			}
			if s.Name != e.Name || !slices.Contains(scenarios.Groups(), s.Group) {
				t.Errorf("name %q, group %q: want the file's name and one of %v", s.Name, s.Group, scenarios.Groups())
			}
			if s.Summary == "" || strings.Contains(s.Summary, "\n") {
				t.Errorf("summary %q: want one line", s.Summary)
			}
			if len(s.Briefing) < 300 || strings.Contains(s.Briefing, "\n") || !strings.Contains(s.Briefing, "should show") || !strings.Contains(strings.ToLower(s.Briefing), "decide") {
				t.Errorf("briefing %q: want one paragraph of some length that says what it should show and the decision to make", s.Briefing)
			}
			if len(s.Levers) == 0 || len(s.Watch) == 0 || len(s.Questions) < 2 || len(s.Questions) > 3 {
				t.Errorf("%d levers, %d to watch, %d questions: want at least one lever and one to watch, two or three questions", len(s.Levers), len(s.Watch), len(s.Questions))
			}
			if (e.Extends == "") != (e.Name == "baseline") || (e.Extends != "" && !slices.Contains(scenarios.Names(), e.Extends)) {
				t.Errorf("extends %q: want a library scenario (none for the baseline)", e.Extends)
			}
			var tree map[string]any
			if _, err := toml.Decode(string(src), &tree); err != nil {
				t.Fatal(err)
			}
			var set []string
			for _, k := range setKeys("", tree) {
				if !slices.Contains(describing, k) {
					set = append(set, k)
				}
			}
			var levers []string
			for _, l := range s.Levers {
				m := leverRE.FindStringSubmatch(l)
				if m == nil {
					t.Errorf("lever %q: want \"dotted.key: what and why\"", l)
					continue
				}
				levers = append(levers, m[1])
				if e.Extends != "" && !slices.ContainsFunc(set, func(k string) bool { return under(k, m[1]) }) {
					t.Errorf("lever %q names a key the file does not set", l)
				}
			}
			for _, k := range set {
				if !slices.ContainsFunc(levers, func(l string) bool { return under(k, l) }) {
					t.Errorf("the file sets %s, which no lever names", k)
				}
			}
		})
	}
}

// TestLibraryRuns loads, validates and runs every library scenario for a
// few days: three, or up to the day after its last scheduled event.
func TestLibraryRuns(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Load(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			days := 3
			for _, e := range s.Events {
				days = max(days, e.Day+2)
			}
			s, err = scenarios.Load(name, []string{fmt.Sprintf("days=%d", days), "warmup_days=1"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(s.Config(), 0)
			if err != nil {
				t.Fatal(err)
			}
			if res.Calls == 0 || res.Community == nil || res.Community.True == 0 {
				t.Errorf("%d calls, community %v: want calls and offenses", res.Calls, res.Community != nil)
			}
		})
	}
}

// readmeRowRE matches a row of the README's library table: group,
// scenario, what it extends and what its claim rests on.
var readmeRowRE = regexp.MustCompile("(?m)^\\| (training|staffing|policy) \\| `([a-z0-9-]+)` \\| ([a-z0-9-]+) \\| ([a-z]+) \\| ")

// TestREADMELibraryTable checks that the README's table of the library
// lists every library scenario once, with its group, its parent and its
// claim_kind as the files give them.
func TestREADMELibraryTable(t *testing.T) {
	src, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, m := range readmeRowRE.FindAllStringSubmatch(string(src), -1) {
		if _, dup := rows[m[2]]; dup {
			t.Errorf("README lists %s twice", m[2])
		}
		rows[m[2]] = m[1:]
	}
	lib, err := scenarios.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range lib {
		s, err := scenarios.Load(e.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		parent := e.Extends
		if parent == "" {
			parent = "-"
		}
		want := []string{e.Group, e.Name, parent, s.ClaimKind}
		if got, ok := rows[e.Name]; !ok {
			t.Errorf("README's library table has no row for %s", e.Name)
		} else if !slices.Equal(got, want) {
			t.Errorf("README row %v, want %v (group, scenario, extends, rests on)", got, want)
		}
		delete(rows, e.Name)
	}
	for n := range rows {
		t.Errorf("README lists %s, which the library does not have", n)
	}
}
