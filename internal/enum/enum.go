// Package enum gives the small enumerations of precinct (land uses,
// patrol strategies, distance metrics, ...) their names: one list of
// names, indexed by value, yields String, Parse and the list itself.
//
// It is a leaf: it imports no other package of the project.
package enum

import "fmt"

// Names holds the names of the values of an enumeration type T, indexed
// by value.
type Names[T ~uint8] struct {
	typ   string // the Go type, for the String of a value without a name
	what  string // what the values are, in Parse's error
	names []string
}

// New returns the names of T's values, value 0 first. typ is the Go type's
// name, what a short phrase for the values in errors ("patrol strategy").
func New[T ~uint8](typ, what string, names ...string) Names[T] {
	return Names[T]{typ: typ, what: what, names: names}
}

// String returns the name of v, or typ(v) when v has none.
func (n Names[T]) String(v T) string {
	if int(v) < len(n.names) {
		return n.names[v]
	}
	return fmt.Sprintf("%s(%d)", n.typ, uint8(v))
}

// Parse returns the value named s, or an error listing the names allowed.
func (n Names[T]) Parse(s string) (T, error) {
	for i, name := range n.names {
		if name == s {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (allowed: %v)", n.what, s, n.names)
}

// List returns a copy of the names, in value order.
func (n Names[T]) List() []string { return append([]string(nil), n.names...) }

// Valid reports whether v is one of the enumeration's values.
func (n Names[T]) Valid(v T) bool { return int(v) < len(n.names) }
