package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/precinct-sim/precinct/internal/browsertest"
	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/workbench"
)

// TestWorkbenchInBrowser drives the workbench in headless Chromium as a
// trainer would: pick a scenario, change a lever, run, wait for the end,
// and compare the verdict table with 'precinct compare' of the same
// scenarios, days, replicates and seed; then replay a day and check
// that the clock advances and officers move. Any JavaScript error,
// console error or request to anywhere but the server fails it.
// Screenshots go to $PRECINCT_ARTIFACTS or the test's artifact directory.
func TestWorkbenchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test runs without -short")
	}
	browser := browsertest.Chromium(t)
	srv, err := workbench.New(t.TempDir(), 2)
	if err != nil {
		t.Fatal(err)
	}
	qctx, qcancel := context.WithCancel(context.Background())
	qdone := make(chan struct{})
	go func() { srv.Run(qctx); close(qdone) }()
	ts := httptest.NewServer(srv)
	defer func() { ts.Close(); qcancel(); <-qdone }()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	var mu sync.Mutex
	var problems []string
	problem := func(format string, a ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, a...))
		mu.Unlock()
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problem("JavaScript exception: %s", (&chromedp.ExceptionError{ExceptionDetails: e.ExceptionDetails}).Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				problem("console.%s", e.Type)
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problem("browser log error (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, ts.URL+"/") && !strings.HasPrefix(u, "data:") {
				problem("request leaving the server: %s", u)
			}
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 4*time.Minute)
	defer tcancel()
	shots := browsertest.ArtifactDir(t)
	shot := func(name string) {
		png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(shots, name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	const lever = `[name="lever.staffing.headcount"]`
	if err := chromedp.Do(tctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.Click(`a[data-scenario="staffing-8x3"]`),
		chromedp.WaitVisible(`#briefing`),
		chromedp.SetValue(lever, "50"),
		chromedp.SetValue(`#reps`, "3"),
		chromedp.SetValue(`#days`, "3"),
	); err != nil {
		t.Fatalf("scenario page: %v", err)
	}
	shot("workbench-scenario")
	if err := chromedp.Do(tctx, chromedp.Click(`#run`), chromedp.WaitVisible(`table.verdict`)); err != nil {
		t.Fatalf("running the study: %v", err)
	}
	rows, err := chromedp.Run(tctx, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll("table.verdict tr")).slice(1).map(r => Array.from(r.cells).map(c => c.textContent))`))
	if err != nil {
		t.Fatal(err)
	}
	shot("workbench-study")

	// The same study from the command line.
	dir := t.TempDir()
	changed := filepath.Join(dir, "changed.toml")
	if err := os.WriteFile(changed, []byte("extends = \"staffing-8x3\"\n[staffing]\nheadcount = 50\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := run(context.Background(), []string{"compare", "staffing-8x3", changed, "--reps", "3", "--days", "3", "--quiet", "--out", out}, nil, &strings.Builder{}, &strings.Builder{}); err != nil {
		t.Fatalf("precinct compare: %v", err)
	}
	res, err := report.LoadResults(out)
	if err != nil {
		t.Fatal(err)
	}
	vt, err := report.Verdicts(res)
	if err != nil || len(vt) != 1 {
		t.Fatalf("verdicts of the CLI's study: %v (%d tables)", err, len(vt))
	}
	if len(rows) != len(vt[0].Rows) {
		t.Fatalf("the page's table has %d rows, the CLI's %d", len(rows), len(vt[0].Rows))
	}
	for i, r := range vt[0].Rows {
		want := []string{r.Label, r.Diff, r.CI, r.Verdict}
		if strings.Join(rows[i], "|") != strings.Join(want, "|") {
			t.Errorf("row %d: page %q, precinct compare %q", i, rows[i], want)
		}
	}

	// The replay: a day of the changed scenario on the map.
	type view struct {
		Minute   string `json:"minute"`
		Officers string `json:"officers"`
	}
	const look = `({minute: document.getElementById("replay").dataset.minute || "", officers: document.getElementById("replay").dataset.officers || ""})`
	if err := chromedp.Do(tctx,
		chromedp.Navigate(ts.URL+"/scenario?name=staffing-8x3"),
		chromedp.WaitVisible(`#replay-button`),
		chromedp.SetValue(lever, "50"),
		chromedp.SetValue(`#days`, "3"),
		chromedp.Click(`#replay-button`),
		chromedp.WaitVisible(`section[data-ready="true"]`),
	); err != nil {
		t.Fatalf("replay: %v", err)
	}
	first, err := chromedp.Run(tctx, chromedp.Evaluate[view](look))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tctx, chromedp.SetValue(`#speed`, "180"), chromedp.Click(`#play`), chromedp.Sleep(2*time.Second), chromedp.Click(`#play`)); err != nil {
		t.Fatalf("replay: %v", err)
	}
	second, err := chromedp.Run(tctx, chromedp.Evaluate[view](look))
	if err != nil {
		t.Fatal(err)
	}
	before, after, offBefore, offAfter := first.Minute, second.Minute, first.Officers, second.Officers
	var b, a float64
	fmt.Sscan(before, &b)
	fmt.Sscan(after, &a)
	if !(a > b) || offBefore == "" || offBefore == offAfter {
		t.Errorf("replay: clock from minute %s to %s, officers moved %v", before, after, offBefore != offAfter)
	}
	shot("workbench-replay")
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}
