package workbench

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/precinct-sim/precinct/scenarios"
)

// Lever is one of a scenario's levers ("dotted.key: why") with the form
// controls that change it: one for a single value, one per value of a
// table.
type Lever struct {
	Key, Why string
	Controls []*Control
	Note     string // why a lever has no control here
}

// Control is one form control of a lever: a scenario key, its value as
// the scenario has it, what Validate allows, and the problems of the
// value last submitted.
type Control struct {
	Key      string
	Kind     string // number, select, text or textarea
	Value    string // the value shown: the scenario's, or the one submitted
	Original string // the scenario's value, as the form writes it
	Min, Max string // bounds of a number
	Step     string // "1" for whole numbers, "any" for others
	Options  []string
	Range    string   // what is allowed, in the words of the CLI's messages
	Problems []string // the CLI's messages about the value submitted
}

// Name is the form field of the control.
func (c *Control) Name() string { return "lever." + c.Key }

// runKeys are the keys the run settings set for both scenarios of a
// study: a lever that changes them is set there, not against the base.
var runKeys = []string{"days", "seed"}

// levers builds the controls of s's levers, with values and ranges from
// s as loaded.
func levers(s *scenarios.Scenario) ([]*Lever, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(s.TOML()), &tree); err != nil {
		return nil, fmt.Errorf("workbench: reading %s back: %w", s.Name, err)
	}
	ranges := scenarios.Ranges(s)
	var out []*Lever
	seen := map[string]bool{}
	for _, l := range s.Levers {
		key, why, _ := strings.Cut(l, ":")
		key, why = strings.TrimSpace(key), strings.TrimSpace(why)
		lv := &Lever{Key: key, Why: why}
		out = append(out, lv)
		if slices.Contains(runKeys, key) {
			lv.Note = "set under Run settings, for both scenarios alike: a study compares scenarios over the same days"
			continue
		}
		v, ok := lookup(tree, strings.Split(key, "."))
		if !ok {
			lv.Note = "not a key of the resolved scenario: edit the file instead"
			continue
		}
		for _, c := range controls(key, v, ranges) {
			if !seen[c.Key] {
				seen[c.Key] = true
				lv.Controls = append(lv.Controls, c)
			}
		}
	}
	return out, nil
}

// lookup walks a dotted path through a decoded TOML tree.
func lookup(tree map[string]any, path []string) (any, bool) {
	var v any = tree
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[p]; !ok {
			return nil, false
		}
	}
	return v, true
}

// controls returns the controls of key holding v: one for a value or a
// list, one per key of a table (nested tables one level deep).
func controls(key string, v any, ranges map[string]scenarios.Range) []*Control {
	if m, ok := v.(map[string]any); ok {
		var out []*Control
		for _, k := range sortedKeys(m) {
			sub := key + "." + k
			if mm, ok := m[k].(map[string]any); ok {
				for _, kk := range sortedKeys(mm) {
					out = append(out, control(sub+"."+kk, mm[kk], ranges))
				}
				continue
			}
			out = append(out, control(sub, m[k], ranges))
		}
		return out
	}
	return []*Control{control(key, v, ranges)}
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// control makes the control of one key.
func control(key string, v any, ranges map[string]scenarios.Range) *Control {
	c := &Control{Key: key, Kind: "text"}
	switch x := v.(type) {
	case string:
		c.Original = x
	case bool:
		c.Original = strconv.FormatBool(x)
		c.Kind, c.Options = "select", []string{"false", "true"}
	case int64:
		c.Original = strconv.FormatInt(x, 10)
		c.Kind, c.Step = "number", "1"
	case float64:
		c.Original = strconv.FormatFloat(x, 'f', -1, 64)
		c.Kind, c.Step = "number", "any"
	default:
		c.Original = literal(v)
		c.Kind = "textarea"
		c.Range = "a TOML value, as --set takes it: a list [a, b], a table {key = value}, a list of tables [{...}, {...}]"
	}
	if r, ok := ranges[key]; ok && c.Kind != "textarea" {
		c.Range = r.String()
		switch r.Kind {
		case scenarios.RangeOneOf:
			c.Kind, c.Options = "select", r.Allowed
			if !slices.Contains(c.Options, c.Original) {
				c.Options = append([]string{c.Original}, c.Options...)
			}
		case scenarios.RangeInt:
			c.Min, c.Max = fmtNum(r.Lo), fmtNum(r.Hi)
		case scenarios.RangeFloat:
			c.Min, c.Max = fmtNum(r.Lo), fmtNum(r.Hi)
		case scenarios.RangePositive:
			c.Min, c.Max = "0", fmtNum(r.Hi)
		case scenarios.RangeDuration:
			c.Kind = "text"
		}
	}
	c.Value = c.Original
	return c
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// literal writes a decoded TOML value as a one-line TOML value, which
// --set reads back.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case map[string]any:
		parts := make([]string, 0, len(x))
		for _, k := range sortedKeys(x) {
			parts = append(parts, bareKey(k)+" = "+literal(x[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = literal(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if tm, ok := v.(interface{ MarshalText() ([]byte, error) }); ok {
		if b, err := tm.MarshalText(); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

// bareKey quotes a table key that TOML does not allow bare.
func bareKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return strconv.Quote(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// sets returns the --set overrides of the submitted lever values that
// differ from the scenario's, in the order of the controls, and records
// the submitted values in the controls.
func sets(levers []*Lever, value func(name string) (string, bool)) []string {
	var out []string
	for _, l := range levers {
		for _, c := range l.Controls {
			v, ok := value(c.Name())
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			c.Value = v
			if c.Kind == "textarea" {
				v = strings.Join(strings.Fields(v), " ")
			}
			if v != c.Original && v != strings.Join(strings.Fields(c.Original), " ") {
				out = append(out, c.Key+"="+v)
			}
		}
	}
	return out
}

// problemsOf splits the problems of err into those of each control
// (by key, or by the --set that made them) and the rest; it returns the
// rest's messages, and false when err holds no scenario problem at all.
func problemsOf(err error, levers []*Lever) ([]string, bool) {
	probs := scenarios.Problems(err)
	if len(probs) == 0 {
		return nil, false
	}
	var rest []string
	for _, p := range probs {
		if c := controlOf(p, levers); c != nil {
			c.Problems = append(c.Problems, p.Error())
		} else {
			rest = append(rest, p.Error())
		}
	}
	return rest, true
}

// controlOf finds the control a problem is about.
func controlOf(p *scenarios.Problem, levers []*Lever) *Control {
	for _, l := range levers {
		for _, c := range l.Controls {
			if p.Key == c.Key || strings.HasPrefix(p.Key, c.Key+".") || strings.HasPrefix(p.Key, c.Key+"[") ||
				strings.HasPrefix(p.File, "--set "+c.Key+"=") {
				return c
			}
		}
	}
	return nil
}
