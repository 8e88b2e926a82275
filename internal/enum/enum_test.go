package enum

import "testing"

type color uint8

func TestNames(t *testing.T) {
	n := New[color]("color", "colour", "red", "green")
	if got := n.String(1); got != "green" {
		t.Errorf("String(1) = %q", got)
	}
	if got := n.String(7); got != "color(7)" {
		t.Errorf("String(7) = %q", got)
	}
	if v, err := n.Parse("red"); v != 0 || err != nil {
		t.Errorf("Parse(red) = %v, %v", v, err)
	}
	if _, err := n.Parse("blue"); err == nil || err.Error() != `unknown colour "blue" (allowed: [red green])` {
		t.Errorf("Parse(blue): %v", err)
	}
	if !n.Valid(1) || n.Valid(2) {
		t.Errorf("Valid(1), Valid(2) = %v, %v, want true, false", n.Valid(1), n.Valid(2))
	}
	l := n.List()
	l[0] = "x"
	if n.String(0) != "red" {
		t.Error("List shares its names")
	}
}
