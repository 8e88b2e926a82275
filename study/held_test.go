package study

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
)

// liveHeap returns the bytes of the heap that are reachable, after two
// collections.
func liveHeap() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}

// TestStudyHoldsNoConfigs checks what a sweep holds per point (issue 14,
// item 6): a study held every point's sim.Config from NewStudy to the
// end, about 270 KB a point of the 64 x 64 baseline (a 10,000-point sweep
// died after 145 s). Now a job builds its point's configuration, and the
// study holds the point's scenario, TOML and running sums. The test
// measures the live heap after NewStudy, which must hold less than half
// a Config a point, and while the study's last files are written, which
// must be within Scenario.HeldBytes, the estimate of the study bound, and
// not below a third of it.
func TestStudyHoldsNoConfigs(t *testing.T) {
	points := 200
	if testing.Short() {
		points = 60
	}
	dir := t.TempDir()
	values := make([]string, points)
	for i := range values {
		values[i] = fmt.Sprint(50 + i)
	}
	file := filepath.Join(dir, "sweep.toml")
	sweep := "extends = \"baseline\"\ndays = 1\nwarmup_days = 0\n[sweep.grid]\nstaffing.headcount = [" + strings.Join(values, ", ") + "]\n"
	if err := os.WriteFile(file, []byte(sweep), 0o644); err != nil {
		t.Fatal(err)
	}

	before := liveHeap()
	plan, err := scenarios.LoadSweep(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	held := plan.Points[0].Scenario.HeldBytes()
	specs := make([]Spec, len(plan.Points))
	for i, p := range plan.Points {
		specs[i] = Spec{Name: p.Name, Ref: file, Variant: []Setting{{Key: plan.Keys[0], Value: p.Values[0]}}, Scenario: p.Scenario}
	}
	st, err := NewStudy("sweep", 1, plan.Keys, specs)
	if err != nil {
		t.Fatal(err)
	}
	plan, specs = nil, nil
	afterNew := (liveHeap() - before) / float64(points)

	cfgs := make([]sim.Config, 20)
	start := liveHeap()
	for i := range cfgs {
		cfgs[i] = st.config(0)
	}
	config := (liveHeap() - start) / float64(len(cfgs))
	runtime.KeepAlive(cfgs)
	cfgs = nil

	var running float64
	_, err = st.Execute(context.Background(), filepath.Join(dir, "out"), Options{Workers: 2, Finish: func(*Summary) error {
		running = (liveHeap() - before) / float64(points)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	runtime.KeepAlive(st)
	t.Logf("%d points: %.0f B a point after NewStudy, %.0f B a point while running (estimate %.0f B); one Config %.0f B",
		points, afterNew, running, held, config)
	if afterNew > config/2 {
		t.Errorf("after NewStudy the study holds %.0f B a point, more than half a Config (%.0f B): it holds configurations", afterNew, config)
	}
	if running > held || running < held/3 {
		t.Errorf("while running the study holds %.0f B a point; the estimate of the study bound (HeldBytes) says %.0f B", running, held)
	}
}
