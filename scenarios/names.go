package scenarios

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Names have an alphabet and a length, so that every name can be a file
// name, a column of a CSV file and a label on a chart (README, "Names"):
//
//   - a scenario's name: 1 to 64 characters, ASCII letters, digits
//     and the characters - _ . + = , starting with a letter or a digit
//     (it names the scenario's file in a study folder);
//   - a call or offense type's name (a key of calls.types, crime.types):
//     1 to 32 characters, ASCII letters, digits, _ and -, starting with a
//     letter;
//   - the name of a neighborhood, a shift, a co-responder shift or a
//     resident group: 1 to 40 characters, letters and digits of any
//     script, spaces and - _ . , ' & ( ), neither starting nor ending
//     with a space.
const (
	maxScenarioName = 64
	maxTypeName     = 32
	maxLabel        = 40
)

// scenarioName checks a scenario's name.
func (c *checker) scenarioName(key, v string) bool {
	ok := v != "" && len(v) <= maxScenarioName && isASCIIAlnum(rune(v[0]))
	for _, r := range v {
		ok = ok && (isASCIIAlnum(r) || r == '-' || r == '_' || r == '.' || r == '+' || r == '=' || r == ',')
	}
	if !ok {
		c.add(key, "must be 1 to %d characters: ASCII letters, digits and - _ . + = , starting with a letter or a digit, got %s", maxScenarioName, quoteName(v))
	}
	return ok
}

// typeName checks the name of a call or offense type, a key of the table
// at key.
func (c *checker) typeName(key, v string) bool {
	ok := v != "" && len(v) <= maxTypeName && (v[0] < utf8.RuneSelf && unicode.IsLetter(rune(v[0])))
	for _, r := range v {
		ok = ok && (isASCIIAlnum(r) || r == '_' || r == '-')
	}
	if !ok {
		if plain := strconv.Quote(v); v != "" && plain[1:len(plain)-1] == v {
			key += "." + v // a key as the file writes it, so that its line is found
		}
		c.add(key, "type names must be 1 to %d characters: ASCII letters, digits, _ and -, starting with a letter, got %s", maxTypeName, quoteName(v))
	}
	return ok
}

// label checks the name of a neighborhood, a shift or a resident group.
func (c *checker) label(key, v string) bool {
	n := utf8.RuneCountInString(v)
	ok := n >= 1 && n <= maxLabel && v[0] != ' ' && v[len(v)-1] != ' ' && utf8.ValidString(v)
	for _, r := range v {
		ok = ok && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '_' || r == '.' || r == ',' || r == '\'' || r == '&' || r == '(' || r == ')')
	}
	if !ok {
		c.add(key, "must be 1 to %d characters: letters, digits, spaces and - _ . , ' & ( ), neither starting nor ending with a space, got %s", maxLabel, quoteName(v))
	}
	return ok
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// quoteName quotes a name for a message, cut to its first 40 characters
// with its length when longer.
func quoteName(v string) string {
	if n := utf8.RuneCountInString(v); n > 40 {
		r := []rune(v)
		return fmt.Sprintf("%s... (%d characters)", strconv.Quote(string(r[:40])), n)
	}
	return strconv.Quote(v)
}
