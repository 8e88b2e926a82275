package cad

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
)

// known is the scenario the round trips generate from: the defaults with
// a weekday profile, so that one is recovered too.
func known(t *testing.T) *scenarios.Scenario {
	s, err := scenarios.Load("baseline", []string{"calls.weekday=[0.9, 0.9, 0.95, 1.0, 1.2, 1.15, 0.9]"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRoundTrip imports a generated extract of every built-in profile
// and checks what it recovers: each type's per-day rate within 3 %, its
// priority, the weekday profile within 8 %, the hour profile within 10 %
// plus three Poisson errors per hour, the median time on scene within
// 5 % (or four standard errors of a short sample), the dropped rows exactly
// by reason, and the beats of the beat map cell for cell.
func TestRoundTrip(t *testing.T) {
	days := 120
	if testing.Short() {
		days = 60
	}
	roundTrip(t, days, func(perDay float64) float64 { return math.Max(0.03, 3/math.Sqrt(perDay*float64(days))) },
		func(n int) float64 { return math.Max(0.05, 4/math.Sqrt(float64(n))) })
}

// roundTrip generates days of the known scenario in every built-in
// layout, imports each and checks what the import recovers; rateTol is the
// relative tolerance of a type's per-day rate given the scenario's rate,
// sceneTol that of a median time on scene given the calls it is from.
func roundTrip(t *testing.T, days int, rateTol func(perDay float64) float64, sceneTol func(n int) float64) {
	s := known(t)
	dir := t.TempDir()
	for _, name := range Profiles() {
		t.Run(name, func(t *testing.T) {
			p, err := LoadProfile(name)
			if err != nil {
				t.Fatal(err)
			}
			gj, err := WriteBeatsGeoJSON(s, name)
			if err != nil {
				t.Fatal(err)
			}
			beats := filepath.Join(dir, name+".geojson")
			if err := os.WriteFile(beats, gj, 0o644); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			truth, err := Generate(&buf, p, s, GenOptions{Days: days, Quirk: 0.005, SelfInit: 8}, rand.New(rand.NewPCG(7, 8)))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(name+".csv", &buf, p, Options{Beats: beats, CellM: s.World.CellM, MaxTypes: 10, Name: "imported"})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range Reasons {
				if got, want := res.Provenance.Counts.Dropped[r], truth.Counts.Dropped[r]; got != want {
					t.Errorf("dropped %s: %d, want %d", r, got, want)
				}
			}
			imp, err := scenarios.Parse("imported.toml", res.Scenario, nil)
			if err != nil {
				t.Fatal(err)
			}
			for tn, ct := range s.Calls.Types {
				got, ok := imp.Calls.Types[tn]
				if !ok {
					t.Errorf("type %s not imported", tn)
					continue
				}
				// Exact against the calls generated; against the scenario
				// within 3 % or three Poisson standard errors of the sample.
				if n := truth.PerType[TypeName(tn)]; math.Abs(got.PerDay*float64(days)-float64(n)) > 1e-5*float64(n)+1e-3 { // per_day is written to 6 digits
					t.Errorf("%s: per_day %.4f, want the generated %d / %d days", tn, got.PerDay, n, days)
				}
				tol := rateTol(ct.PerDay)
				if rel := math.Abs(got.PerDay/ct.PerDay - 1); rel > tol {
					t.Errorf("%s: per_day %.2f, want %.2f (off %.1f %%, tolerance %.1f %%)", tn, got.PerDay, ct.PerDay, 100*rel, 100*tol)
				}
				if got.Priority != ct.Priority {
					t.Errorf("%s: priority %d, want %d", tn, got.Priority, ct.Priority)
				}
				if p.Columns.Closed == "" && p.Columns.OnScene == "" {
					continue
				}
				want := median(ct.Service)
				var te TypeEstimate
				for _, e := range res.Estimates.Types {
					if e.Name == tn {
						te = e
					}
				}
				if rel := math.Abs(te.SceneData[1]/want - 1); rel > sceneTol(te.SceneN) {
					t.Errorf("%s: median time on scene %.2f, want %.2f", tn, te.SceneData[1], want)
				}
			}
			wd := norm(s.Calls.Weekday, 7)
			for d := range 7 {
				if rel := math.Abs(imp.Calls.Weekday[d]/wd[d] - 1); rel > 0.08 {
					t.Errorf("weekday %d: %.3f, want %.3f", d, imp.Calls.Weekday[d], wd[d])
				}
			}
			dt := s.Calls.Types["disorder"]
			hp := norm(dt.Profile, 24)
			for h := range 24 {
				if got := imp.Calls.Types["disorder"].Profile[h]; math.Abs(got/hp[h]-1) > 0.1+3/math.Sqrt(dt.PerDay*float64(days)/24*hp[h]) {
					t.Errorf("disorder hour %d: %.2f, want %.2f", h, got, hp[h])
				}
			}
			want := s.Config().Grid
			got := imp.Config().Grid
			if got.Width != want.Width || got.Height != want.Height || got.Beats != want.Beats {
				t.Fatalf("grid %dx%d with %d beats, want %dx%d with %d", got.Width, got.Height, got.Beats, want.Width, want.Height, want.Beats)
			}
			for c := range want.Beat {
				if got.Beat[c] != want.Beat[c] {
					t.Fatalf("cell %d: beat %d, want %d", c, got.Beat[c], want.Beat[c])
				}
			}
			if bytes.Contains(res.Scenario, []byte("Example St")) {
				t.Error("the scenario repeats an address of the extract")
			}
		})
	}
}

// median is the median of a duration distribution in minutes.
func median(d scenarios.DurationDist) float64 {
	m, sd := d.Mean.Minutes(), d.SD.Minutes()
	if d.Dist == "exponential" {
		return m * math.Ln2
	}
	return m / math.Sqrt(1+sd*sd/(m*m))
}
