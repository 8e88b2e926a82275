package scenarios

import (
	"errors"
	"fmt"
	"testing"
)

// TestProblems finds the problems of a joined, wrapped error in order and
// nothing in an error that holds none.
func TestProblems(t *testing.T) {
	a := &Problem{File: "a.toml", Key: "days", Msg: "must be at least 1"}
	b := &Problem{File: "a.toml", Key: "seed", Msg: "must be a whole number"}
	err := fmt.Errorf("loading: %w", errors.Join(a, errors.Join(errors.New("other"), b)))
	got := Problems(err)
	if len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("Problems = %v, want [%v %v]", got, a, b)
	}
	if got := Problems(errors.New("plain")); len(got) != 0 {
		t.Errorf("Problems of a plain error = %v, want none", got)
	}
}
