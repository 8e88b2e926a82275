package main

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestProgressCountAgreesWithPercent draws the bar after some replicates
// are done (as after its first second, or a resume) and checks that the
// count it shows and its percentage agree ("3/12 replicates 9 %" in
// issue 13).
func TestProgressCountAgreesWithPercent(t *testing.T) {
	var b bytes.Buffer
	update, done := progressBar(&b, time.Now(), 0)
	update(3, 12)
	update(6, 12)
	done()
	re := regexp.MustCompile(`(\d+)% .*\((\d+)/(\d+)`)
	ms := re.FindAllStringSubmatch(b.String(), -1)
	if len(ms) == 0 {
		t.Fatalf("no percentage and count in %q", b.String())
	}
	for _, m := range ms {
		pct, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		total, _ := strconv.Atoi(m[3])
		if total != 12 || pct != 100*n/total {
			t.Errorf("bar shows %d %% and %d/%d: %q", pct, n, total, m[0])
		}
	}
}
