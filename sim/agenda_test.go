package sim

import (
	"fmt"
	"testing"
)

func TestEventOrder(t *testing.T) {
	q := &eventQueue{}
	in := []event{
		{t: 5, seq: 1, kind: evCall}, {t: 5, seq: 2, kind: evShiftStart}, {t: 5, seq: 3, kind: evShiftEnd},
		{t: 1, seq: 4, kind: evArrive}, {t: 5, seq: 5, kind: evArrive}, {t: 2.5, seq: 6, kind: evReportEnd},
	}
	for _, e := range in {
		q.push(e)
	}
	var got []uint64
	for q.len() > 0 {
		got = append(got, q.pop().seq)
	}
	want := []uint64{4, 6, 3, 2, 1, 5}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pop order by seq = %v, want %v", got, want)
	}
}
