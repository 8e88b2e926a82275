package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// TestRanges checks that the recorded range of a key is the one its
// message gives: a value just outside it is refused with a message that
// states the range, and the bounds themselves pass.
func TestRanges(t *testing.T) {
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := Ranges(s)
	for _, c := range []struct {
		key, bad, good string
	}{
		{"staffing.headcount", "", ""},
		{"engagement.intensity", "1.5", "1"},
		{"patrol.strategy", "nowhere", "random"},
		{"days", "0", "1"},
	} {
		rg, ok := r[c.key]
		if !ok {
			t.Errorf("%s: no range recorded", c.key)
			continue
		}
		bad, good := c.bad, c.good
		if bad == "" {
			bad, good = fmt.Sprint(rg.Hi+1), fmt.Sprint(rg.Hi)
		}
		_, err := Load("baseline", []string{c.key + "=" + bad})
		if err == nil || !strings.Contains(err.Error(), rg.String()) {
			t.Errorf("%s=%s: error %v does not say the range %q", c.key, bad, err, rg.String())
		}
		if _, err := Load("baseline", []string{c.key + "=" + good}); err != nil {
			t.Errorf("%s=%s: %v", c.key, good, err)
		}
	}
	if d := r["travel.turnout"]; d.Kind != RangeDuration || d.Hi != 60 {
		t.Errorf("travel.turnout: %+v, want a duration up to 60 minutes", d)
	}
}
