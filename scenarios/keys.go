package scenarios

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Keys are case-sensitive and typed. The TOML decoder matches a key to a
// field ignoring letter case and stops at the first value of the wrong
// type, so every layer (a file, a parent, a --set, a sweep key) is
// checked against the schema here before it is decoded: a key spelled
// differently from its documented name is an unknown key (the allowed
// spelling suggested), and every value of the wrong type is reported, in
// the user's terms ("expected a whole number, got the string \"30\"").

// keyProblem is one problem checkTree finds: at key, msg; unknown for a
// key that is not in the schema.
type keyProblem struct {
	key     string
	msg     string
	unknown bool
}

// checkTree checks v, a value as the TOML decoder returns it into an
// untyped tree (map[string]any, []any, []map[string]any, string, int64,
// float64, bool, time values), against t, the Go type it will decode
// into. key is v's dotted key ("" for a whole document). It returns
// every problem, in key order.
func checkTree(key string, v any, t reflect.Type) []keyProblem {
	var probs []keyProblem
	walkTree(key, v, t, &probs)
	return probs
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func walkTree(key string, v any, t reflect.Type, probs *[]keyProblem) {
	bad := func(format string, a ...any) {
		*probs = append(*probs, keyProblem{key: key, msg: fmt.Sprintf(format, a...)})
	}
	if t.Kind() == reflect.Pointer && !reflect.PointerTo(t.Elem()).Implements(textUnmarshaler) {
		t = t.Elem()
	}
	if t.Kind() == reflect.Interface {
		return
	}
	if isText(t) {
		s, ok := v.(string)
		if !ok {
			bad("expected %s, got %s", expected(t), got(v))
			return
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			bad("%v", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			bad("expected %s, got %s", expected(t), got(v))
			return
		}
		for _, k := range sortedKeys(m) {
			sub := joinKey(key, k)
			f, ok := fieldByTag(t, k)
			if !ok {
				msg, removed := removedKeys[t][k]
				if !removed {
					msg = unknownKeyMsg(key, k, t)
				}
				*probs = append(*probs, keyProblem{key: sub, msg: msg, unknown: true})
				continue
			}
			walkTree(sub, m[k], f.Type, probs)
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			bad("expected %s, got %s", expected(t), got(v))
			return
		}
		for _, k := range sortedKeys(m) {
			walkTree(joinKey(key, k), m[k], t.Elem(), probs)
		}
	case reflect.Slice, reflect.Array:
		var list []any
		switch l := v.(type) {
		case []any:
			list = l
		case []map[string]any:
			for _, e := range l {
				list = append(list, e)
			}
		default:
			bad("expected %s, got %s", expected(t), got(v))
			return
		}
		if t.Kind() == reflect.Array && len(list) != t.Len() {
			bad("expected %s, got a list of %d", expected(t), len(list))
			return
		}
		for i, e := range list {
			walkTree(fmt.Sprintf("%s[%d]", key, i), e, t.Elem(), probs)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			bad("expected %s, got %s", expected(t), got(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			bad("expected %s, got %s", expected(t), got(v))
		}
	case reflect.Int, reflect.Int64:
		if _, ok := v.(int64); !ok {
			bad("expected %s, got %s", expected(t), got(v))
		}
	case reflect.Uint64:
		n, ok := v.(int64)
		switch {
		case !ok:
			bad("expected %s, got %s", expected(t), got(v))
		case n < 0:
			bad("must be between 0 and %d, got %d", int64(math.MaxInt64), n)
		}
	case reflect.Float64:
		switch v.(type) {
		case float64, int64:
		default:
			bad("expected %s, got %s", expected(t), got(v))
		}
	default:
		panic(fmt.Sprintf("scenarios: checkTree: no rule for %v at %s", t, key))
	}
}

// removedKeys are keys of earlier versions, by the table that held them,
// each with the message that says what replaced it: a file that still
// sets one is told how to say the same thing now.
var removedKeys = map[reflect.Type]map[string]string{
	reflect.TypeFor[Trust](): {
		"satisfied_within": "unknown key: removed; a victim now judges the response against what it expects for the call's priority: " +
			`set trust.expected_response (P1, P2, P3, default ["10m", "20m", "1h"]) and trust.satisfaction_steepness (default 4) instead (docs/MODEL.md 7.15)`,
	},
}

// isText reports whether t is read from a string by UnmarshalText.
func isText(t reflect.Type) bool {
	return t.Kind() != reflect.Interface && reflect.PointerTo(t).Implements(textUnmarshaler)
}

func joinKey(key, k string) string {
	if key == "" {
		return k
	}
	return key + "." + k
}

// unknownKeyMsg says that k is not a key of the table at key (of type t)
// and what is: the one spelling that differs only in letter case, else
// the list of keys allowed there.
func unknownKeyMsg(key, k string, t reflect.Type) string {
	allowed := tags(t)
	candidates := allowed
	if key == "" {
		candidates = append(slices.Clone(allowed), "sweep") // a file's [sweep] table, checked by LoadSweep
	}
	for _, a := range candidates {
		if strings.EqualFold(a, k) {
			return fmt.Sprintf("unknown key: keys are case-sensitive, did you mean %q?", a)
		}
	}
	where := "at the top level"
	if key != "" {
		where = "in [" + key + "]"
	}
	return fmt.Sprintf("unknown key (allowed %s: %s)", where, strings.Join(allowed, ", "))
}

// tags returns the TOML keys of struct type t, sorted.
func tags(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		if tag := tomlName(t.Field(i)); tag != "" {
			keys = append(keys, tag)
		}
	}
	slices.Sort(keys)
	return keys
}

// expected describes, for a person, the value a field of type t takes.
func expected(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[Duration]():
		return `a duration in quotes, like "12m" or "1h30m"`
	case t == reflect.TypeFor[Clock]():
		return `a time of day in quotes, like "07:00"`
	case isText(t):
		return "a string in quotes"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return expected(t.Elem())
	case reflect.Struct, reflect.Map:
		return "a table"
	case reflect.Array:
		return fmt.Sprintf("a list of %d %s", t.Len(), pluralType(t.Elem()))
	case reflect.Slice:
		return "a list of " + pluralType(t.Elem())
	case reflect.String:
		return "a string in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Uint64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	}
	return t.String()
}

// pluralType names values of type t in a list.
func pluralType(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[Duration]():
		return "durations in quotes"
	case isText(t):
		return "strings in quotes"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "tables"
	case reflect.String:
		return "strings in quotes"
	case reflect.Int, reflect.Int64, reflect.Uint64:
		return "whole numbers"
	case reflect.Float64:
		return "numbers"
	}
	return "values"
}

// got describes, for a person, a value as TOML read it.
func got(v any) string {
	switch x := v.(type) {
	case string:
		return "the string " + strconv.Quote(x)
	case int64:
		return "the whole number " + strconv.FormatInt(x, 10)
	case float64:
		return "the number " + fmtFloat(x)
	case bool:
		return "the value " + strconv.FormatBool(x)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("a %T", v)
}
