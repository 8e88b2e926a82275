package report

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/precinct-sim/precinct/internal/browsertest"
)

// The browser test loads report.html in headless Chromium
// (internal/browsertest says when it is skipped and where screenshots go).

// pageCheck is what the browser saw of a page.
type pageCheck struct {
	Ready    string   `json:"ready"`    // the marker the page's script sets
	Sections []string `json:"sections"` // ids of the sections
	Images   []struct {
		Alt string `json:"alt"`
		W   int    `json:"w"`
		H   int    `json:"h"`
		Err string `json:"err"`
	} `json:"images"`
	problems   []string // JavaScript errors, failed loads, network requests
	screenshot []byte
}

// checkPage loads path in a fresh headless browser and reports what it saw.
func checkPage(t *testing.T, browser, path string) *pageCheck {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	pc := &pageCheck{}
	var mu sync.Mutex
	problem := func(format string, a ...any) {
		mu.Lock()
		pc.problems = append(pc.problems, fmt.Sprintf(format, a...))
		mu.Unlock()
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problem("JavaScript exception: %s", (&chromedp.ExceptionError{ExceptionDetails: e.ExceptionDetails}).Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problem("console.%s: %s", e.Type, strings.Join(args, " "))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problem("browser log error (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if r := e.Request.URL; !strings.HasPrefix(r, "file:") && !strings.HasPrefix(r, "data:") {
				problem("network request: %s", r)
			}
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	const script = `(async () => {
		const images = [];
		for (const img of Array.from(document.images)) {
			let err = "";
			try { await img.decode(); } catch (e) { err = String(e); }
			images.push({alt: img.alt, w: img.naturalWidth, h: img.naturalHeight, err: err});
		}
		return {
			ready: document.documentElement.getAttribute("data-report-ready") || "",
			sections: Array.from(document.querySelectorAll("section[id]")).map(s => s.id),
			images: images,
		};
	})()`
	got, err := chromedp.Run(tctx, chromedp.Evaluate[pageCheck](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("inspecting %s: %v", u, err)
	}
	got.screenshot, err = chromedp.Run(tctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", u, err)
	}
	mu.Lock()
	got.problems = pc.problems
	mu.Unlock()
	return &got
}

// faults lists what is wrong with a report page: missing sections, images
// that do not decode or have no size, a script that did not run,
// JavaScript errors and network requests.
func (pc *pageCheck) faults(wantSections []string, wantImages int) []string {
	f := slices.Clone(pc.problems)
	if pc.Ready != fmt.Sprint(wantImages) {
		f = append(f, fmt.Sprintf("page script marker %q, want %d (the inline script did not run to the end)", pc.Ready, wantImages))
	}
	for _, s := range wantSections {
		if !slices.Contains(pc.Sections, s) {
			f = append(f, "missing section "+s)
		}
	}
	if len(pc.Images) != wantImages {
		f = append(f, fmt.Sprintf("%d images, want %d", len(pc.Images), wantImages))
	}
	for _, im := range pc.Images {
		if im.Err != "" || im.W == 0 || im.H == 0 {
			f = append(f, fmt.Sprintf("image %q: %dx%d %s", im.Alt, im.W, im.H, im.Err))
		}
	}
	return f
}

var reportSections = []string{"scenarios", "summary", "differences", "compare", "spread", "daily", "response", "workload", "maps", "reading", "provenance"}

// asRun turns synthetic results of one scenario into those of
// 'precinct run --reps N': no varied key.
func asRun(res *Results) {
	man := res.Output.Manifest
	man.Command, res.Output.Summary.Command = "run", "run"
	man.VariantKeys, res.Output.Runs.VariantKeys = []string{}, []string{}
	for i := range man.Scenarios {
		man.Scenarios[i].Variant = nil
	}
	for i := range res.Output.Runs.Rows {
		res.Output.Runs.Rows[i].Variant = nil
	}
}

// TestReportInBrowser writes a report of each kind (a run, a comparison
// of three scenarios, a 48-point sweep) and checks it in headless
// Chromium. PRECINCT_REPORT=path/report.html checks that report instead
// (all sections of a comparison expected, images counted from the plots
// directory beside it).
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("loads reports in a real browser")
	}
	browser := browsertest.Chromium(t)
	if path := os.Getenv("PRECINCT_REPORT"); path != "" {
		svgs, _ := filepath.Glob(filepath.Join(filepath.Dir(path), PlotsDir, "*.svg"))
		pc := checkPage(t, browser, path)
		for _, f := range pc.faults(reportSections, len(svgs)) {
			t.Error(f)
		}
		return
	}
	for _, c := range []struct {
		kind     string
		n        int
		world    string
		as       func(*Results)
		sections []string
	}{
		{"run", 1, "", asRun, []string{"scenarios", "summary", "spread", "daily", "response", "workload", "maps", "reading", "provenance"}},
		{"compare", 3, "", func(*Results) {}, append(reportSections, "dose")},
		{"sweep", 48, smallWorld, asSweep, []string{"scenarios", "summary", "differences", "dose", "workload", "reading", "provenance"}},
	} {
		t.Run(c.kind, func(t *testing.T) {
			res := synthetic(t, t.TempDir(), c.world, c.n, 5, 30)
			c.as(res)
			path, charts := writeReport(t, res)
			pc := checkPage(t, browser, path)
			for _, f := range pc.faults(c.sections, len(charts)) {
				t.Error(f)
			}
			shot := filepath.Join(browsertest.ArtifactDir(t), "report-"+c.kind+".jpeg")
			if err := os.WriteFile(shot, pc.screenshot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s (%d images, sections %v)", shot, len(pc.Images), pc.Sections)
		})
	}
}

// TestBrowserCheckFails makes sure the browser check catches a broken
// page: an image that does not decode, a missing section and a script
// error.
func TestBrowserCheckFails(t *testing.T) {
	browser := browsertest.Chromium(t)
	path := filepath.Join(t.TempDir(), HTMLFile)
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head><body>
<section id="summary"><img alt="broken chart" src="data:image/svg+xml;base64,bm90IGFuIGltYWdl"></section>
<script>document.documentElement.setAttribute("data-report-ready", "1"); null.boom;</script></body></html>`
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	f := strings.Join(checkPage(t, browser, path).faults([]string{"summary", "maps"}, 1), "\n")
	for _, want := range []string{"JavaScript exception", "missing section maps", `image "broken chart": 0x0`} {
		if !strings.Contains(f, want) {
			t.Errorf("faults do not mention %q:\n%s", want, f)
		}
	}
}
