package plots

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/internal/cputime"
)

// longSeries returns a daily series chart of the given days for three
// scenarios, each with a band, the values jumping from day to day as a
// busy precinct's daily means do.
func longSeries(days int) *TimeSeries {
	rng := rand.New(rand.NewPCG(4, 2315))
	ts := &TimeSeries{Metric: "p1_response_mean", Label: "P1 response time, mean", Unit: "minutes", Scenarios: []string{"baseline", "lean-60", "community-engagement"}}
	for i := range ts.Scenarios {
		s := make([]DayPoint, days)
		for d := range s {
			m := 12 + 2*float64(i) + 3*math.Sin(float64(d)/40) + 4*rng.Float64()
			s[d] = DayPoint{Day: d, Mean: m, Lo: m - 1 - 2*rng.Float64(), Hi: m + 1 + 2*rng.Float64()}
		}
		ts.Series = append(ts.Series, s)
	}
	return ts
}

// BenchmarkSeriesChartLong draws the PNG of a daily chart of 4,000 days,
// three scenarios with bands, reporting CPU seconds per chart beside
// wall time.
func BenchmarkSeriesChartLong(b *testing.B) {
	ts := longSeries(4000)
	cpu0 := cputime.Process(b)
	for b.Loop() {
		fig, err := ts.Figure()
		if err != nil {
			b.Fatal(err)
		}
		if err := fig.WritePNG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	cputime.Report(b, cpu0)
}

// TestSeriesTitleSaysWhatIsDrawn checks that the title of a daily chart
// speaks of a mean of runs and a band only when some scenario's runs
// disagreed on a day: one replicate draws its days and no band.
func TestSeriesTitleSaysWhatIsDrawn(t *testing.T) {
	for _, c := range []struct {
		name  string
		width float64 // Hi - Lo
		band  bool    // whether the title speaks of a band
	}{{"one replicate", 0, false}, {"several", 0.5, true}} {
		ts := longSeries(30)
		for _, s := range ts.Series {
			for d := range s {
				s[d].Lo, s[d].Hi = s[d].Mean-c.width/2, s[d].Mean+c.width/2
			}
		}
		fig, err := ts.Figure()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fig.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "runs fell"); got != c.band {
			t.Errorf("%s: title speaks of a band: %v, want %v", c.name, got, c.band)
		}
	}
}
