package study

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDailyScan checks that the rows ReadDir streams from daily.csv
// (Daily.Scan) are those ReadDaily holds, for every choice of metrics,
// and that Scan over held rows gives the same.
func TestDailyScan(t *testing.T) {
	dir := t.TempDir()
	if _, err := testStudy(t, 3).Execute(context.Background(), dir, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	held, err := ReadDaily(dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.Daily.Rows != nil || !slices.Equal(out.Daily.Metrics, held.Metrics) {
		t.Fatalf("ReadDir: %d rows held, metrics %v; want none held, metrics %v", len(out.Daily.Rows), out.Daily.Metrics, held.Metrics)
	}
	m := held.Metrics
	for _, tc := range []struct {
		name    string
		metrics []string
	}{
		{"none", nil},
		{"first", m[:1]},
		{"last", m[len(m)-1:]},
		{"reversed", []string{m[len(m)-1], m[0], m[len(m)/2]}},
		{"all", m},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []DailyRow
			for _, r := range held.Rows {
				v := []float64{}
				for _, k := range tc.metrics {
					v = append(v, r.Values[slices.Index(m, k)])
				}
				want = append(want, DailyRow{Scenario: r.Scenario, Replicate: r.Replicate, Day: r.Day, Values: v})
			}
			for _, d := range []*Daily{out.Daily, held} {
				var got []DailyRow
				err := d.Scan(tc.metrics, func(scenario string, rep, day int, values []float64) {
					got = append(got, DailyRow{Scenario: scenario, Replicate: rep, Day: day, Values: slices.Clone(values)})
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.EqualFunc(got, want, sameDailyRow) {
					t.Errorf("held %v: Scan gave %d rows, want %d, or other values", d.Rows != nil, len(got), len(want))
				}
			}
		})
	}
	if err := out.Daily.Scan([]string{"no_such_metric"}, func(string, int, int, []float64) {}); err == nil {
		t.Error("Scan of a metric daily.csv lacks: no error")
	}
}

func sameDailyRow(a, b DailyRow) bool {
	return a.Scenario == b.Scenario && a.Replicate == b.Replicate && a.Day == b.Day &&
		slices.EqualFunc(a.Values, b.Values, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

// TestReadDirMalformedDaily checks that ReadDir, which does not hold the
// rows of daily.csv, still rejects a malformed one, naming the line.
func TestReadDirMalformedDaily(t *testing.T) {
	dir := t.TempDir()
	if _, err := testStudy(t, 1).Execute(context.Background(), dir, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, DailyFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, tc := range []struct {
		name, field string
		col         int
	}{
		{"day", "x", 2},
		{"metric", "1.5e", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := slices.Clone(lines)
			f := strings.Split(bad[3], ",")
			f[tc.col] = tc.field
			bad[3] = strings.Join(f, ",")
			if err := os.WriteFile(path, []byte(strings.Join(bad, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadDir(dir); err == nil || !strings.Contains(err.Error(), DailyFile+":4:") {
				t.Errorf("ReadDir of a daily.csv with %q in line 4: %v, want an error naming %s:4", tc.field, err, DailyFile)
			}
		})
	}
}
