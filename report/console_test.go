package report

import (
	"strings"
	"testing"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 54848: "54,848", 1234567: "1,234,567", -1500: "-1,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	var tb table
	tb.row("Label", "n", "share")
	tb.row("  a longer label", "1,234", "5.0%")
	var b strings.Builder
	tb.write(&b)
	want := "Label                 n  share\n" +
		"  a longer label  1,234   5.0%\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}
