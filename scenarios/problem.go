package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a scenario: a TOML syntax error, an
// unknown key, a value of the wrong type or out of range, an unknown
// library name, a malformed --set. Every error that Load, Parse and
// Validate return for bad input is a Problem or an errors.Join of them, so
// a caller tells bad input from a failure with errors.As.
type Problem struct {
	File string // the file, "--set k=v" for an override, "" when unknown
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Key  string // dotted key, "world.neighborhoods[1].cells"; "" for syntax errors
	Msg  string // what is wrong and what is allowed
	// overridden is the problem to report instead when an override sets
	// its key: a value from a file that conflicts with a --set or --days
	// value is the override's fault (an event on day 10 and --days 10).
	overridden *Problem
}

// Error formats the problem as file:line:col: key: message, leaving out
// the parts that are unknown.
func (p *Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
			if p.Col > 0 {
				fmt.Fprintf(&b, ":%d", p.Col)
			}
		}
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// checker collects validation problems.
type checker struct {
	probs  []*Problem
	ranges map[string]Range // when not nil, what each check allowed (Ranges)
}

func (c *checker) add(key, format string, a ...any) {
	c.probs = append(c.probs, &Problem{Key: key, Msg: fmt.Sprintf(format, a...)})
}

// intIn checks lo <= v <= hi.
func (c *checker) intIn(key string, v, lo, hi int) bool {
	c.allow(key, Range{Kind: RangeInt, Lo: float64(lo), Hi: float64(hi)})
	if v < lo || v > hi {
		c.add(key, "must be between %d and %d, got %d", lo, hi, v)
		return false
	}
	return true
}

// floatIn checks lo <= v <= hi (NaN fails).
func (c *checker) floatIn(key string, v, lo, hi float64) bool {
	c.allow(key, Range{Kind: RangeFloat, Lo: lo, Hi: hi})
	if !(v >= lo && v <= hi) {
		c.add(key, "must be between %s and %s, got %s", fmtFloat(lo), fmtFloat(hi), fmtFloat(v))
		return false
	}
	return true
}

// keyValue is a scenario key and its value, for floatsIn.
type keyValue struct {
	key string
	v   float64
}

// floatsIn checks lo <= v <= hi for each of kvs, in order.
func (c *checker) floatsIn(lo, hi float64, kvs []keyValue) {
	for _, kv := range kvs {
		c.floatIn(kv.key, kv.v, lo, hi)
	}
}

// positive checks 0 < v <= hi.
func (c *checker) positive(key string, v, hi float64) bool {
	c.allow(key, Range{Kind: RangePositive, Hi: hi})
	if !(v > 0 && v <= hi) {
		c.add(key, "must be greater than 0 and at most %s, got %s", fmtFloat(hi), fmtFloat(v))
		return false
	}
	return true
}

// durIn checks a duration in minutes lies in [lo, hi] minutes.
func (c *checker) durIn(key string, d Duration, lo, hi float64) bool {
	c.allow(key, Range{Kind: RangeDuration, Lo: lo, Hi: hi})
	if v := d.Minutes(); !(v >= lo && v <= hi) {
		c.add(key, "must be between %s and %s, got %q", fmtMinutes(lo), fmtMinutes(hi), text(d))
		return false
	}
	return true
}

func (c *checker) oneOf(key, v string, allowed []string) bool {
	c.allow(key, Range{Kind: RangeOneOf, Allowed: slices.Clone(allowed)})
	if !slices.Contains(allowed, v) {
		c.add(key, "must be one of %s, got %q", strings.Join(allowed, ", "), v)
		return false
	}
	return true
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func fmtMinutes(m float64) string {
	b, _ := Duration{Duration: durationOfMinutes(m)}.MarshalText()
	return strconv.Quote(string(b))
}

func text(d Duration) string {
	b, _ := d.MarshalText()
	return string(b)
}

// keyLines maps the dotted keys of one TOML document to the line that sets
// them. Arrays of tables are indexed from 0: the second [[a.b]] block's key
// c is "a.b[1].c". It is a light scanner, not a parser: it only has to be
// right for documents that already parsed.
type keyLines map[string]int

func indexKeyLines(text string) keyLines {
	kl := keyLines{}
	counts := map[string]int{}
	prefix := ""
	inString := "" // the delimiter of an open multi-line string
	depth := 0     // open brackets of a multi-line array value
	for n, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(line)
		if inString != "" {
			if strings.Count(s, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(s)
			continue
		}
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			name := normKey(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(s[:strings.Index(s, "]]")+2], "[[")), "]]"))
			prefix = fmt.Sprintf("%s[%d]", name, counts[name])
			counts[name]++
			kl[prefix] = n + 1
		case s[0] == '[':
			prefix = normKey(strings.Trim(s[:strings.Index(s, "]")+1], "[] "))
			if _, ok := kl[prefix]; !ok {
				kl[prefix] = n + 1
			}
		default:
			eq := strings.Index(s, "=")
			if eq < 0 {
				continue
			}
			key := normKey(s[:eq])
			if prefix != "" {
				key = prefix + "." + key
			}
			kl[key] = n + 1
			value := s[eq+1:]
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(value, q)%2 == 1 {
					inString = q
				}
			}
			depth = bracketDepth(value)
		}
	}
	return kl
}

// bracketDepth counts [ minus ] outside quoted strings and comments.
func bracketDepth(s string) int {
	d := 0
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return d
		case r == '[':
			d++
		case r == ']':
			d--
		}
	}
	return d
}

// normKey turns a TOML key as written (spaces, quotes) into dotted form.
func normKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// line returns the line that sets key or, failing that, its nearest
// enclosing table, and whether the key itself was found.
func (kl keyLines) line(key string) (int, bool) {
	if n, ok := kl[key]; ok {
		return n, true
	}
	for k := key; k != ""; {
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
		if n, ok := kl[k]; ok {
			return n, false
		}
	}
	return 0, false
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if tomlName(t.Field(i)) == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func tomlName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if tag == "-" {
		return ""
	}
	return tag
}

// Problems returns the problems err holds, however deeply joined or
// wrapped, in order: the *Problem values of Load, Validate and LoadSweep
// errors.
func Problems(err error) []*Problem {
	var probs []*Problem
	var collect func(error)
	collect = func(e error) {
		switch u := e.(type) {
		case *Problem:
			probs = append(probs, u)
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				collect(e)
			}
		case interface{ Unwrap() error }:
			collect(u.Unwrap())
		}
	}
	collect(err)
	return probs
}
