package workbench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/precinct-sim/precinct/study"
)

// newTestServer starts a workbench on a temporary data directory.
func newTestServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(t.TempDir(), 2)
	if err != nil {
		t.Fatal(err)
	}
	s.logf = t.Logf
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); cancel(); <-done })
	return s, ts
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := noRedirect.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t *testing.T, u string, form url.Values) (int, string, string) {
	t.Helper()
	resp, err := noRedirect.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func uploadFile(t *testing.T, u, name string, data []byte) (int, string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u+"/upload", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// TestPages checks the pages a class sees first: the library by group,
// a scenario's briefing and its lever controls with their ranges.
func TestPages(t *testing.T) {
	_, ts := newTestServer(t)
	code, body := get(t, ts.URL+"/")
	for _, want := range []string{"<h2>training</h2>", "<h2>staffing</h2>", "<h2>policy</h2>", `href="/scenario?name=staffing-8x3"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("index (%d) lacks %q", code, want)
		}
	}
	if strings.Index(body, "<h2>training</h2>") > strings.Index(body, "<h2>policy</h2>") {
		t.Error("groups not in the order of 'scenarios list'")
	}
	code, body = get(t, ts.URL+"/scenario?name=baseline")
	for _, want := range []string{`id="briefing"`, `id="watch"`, `id="questions"`,
		`name="lever.staffing.headcount" value="100" step="1" min="1" max="100000"`, "between 1 and 100000",
		`<select id="lever.patrol.strategy"`, "one of beat, random, stay, hotspot", `name="lever.engagement.intensity"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("scenario page (%d) lacks %q", code, want)
		}
	}
	code, body = get(t, ts.URL+"/scenario?name=community-10")
	if !strings.Contains(body, "set under Run settings") {
		t.Errorf("community-10 (%d): the days lever is not sent to the run settings", code)
	}
	for _, u := range []string{"/scenario?name=nosuch", "/scenario?upload=../../etc/passwd", "/scenario", "/studies/nosuch", "/studies/..%2f..%2fetc/files/passwd"} {
		if code, body := get(t, ts.URL+u); code != 404 || strings.Contains(body, "goroutine") {
			t.Errorf("%s: status %d, want 404 with a message", u, code)
		}
	}
}

// TestBadForm checks that bad values get the CLI's messages next to
// their controls, and no study.
func TestBadForm(t *testing.T) {
	s, ts := newTestServer(t)
	for _, c := range []struct {
		form url.Values
		want []string
	}{
		{url.Values{"name": {"staffing-8x3"}, "lever.staffing.headcount": {"0"}, "days": {"3"}},
			[]string{`data-key="staffing.headcount">`, "--set staffing.headcount=0: staffing.headcount: must be between 1 and 100000, got 0"}},
		{url.Values{"name": {"staffing-8x3"}, "lever.staffing.headcount": {"many"}},
			[]string{"--set staffing.headcount=many: staffing.headcount: "}},
		{url.Values{"name": {"baseline"}, "lever.patrol.strategy": {"nowhere"}},
			[]string{`must be one of beat, random, stay, hotspot, got &#34;nowhere&#34;`}},
		{url.Values{"name": {"baseline"}, "lever.engagement.intensity": {"0.2"}, "reps": {"0"}},
			[]string{"--reps must be a whole number between 1 and 100000, got &#34;0&#34;"}},
		{url.Values{"name": {"baseline"}, "lever.engagement.intensity": {"0.2"}, "days": {"0"}},
			[]string{"days: must be between 1 and 3650, got 0"}},
		{url.Values{"name": {"baseline"}},
			[]string{"change at least one lever"}},
		{url.Values{"name": {"emergency-surge"}, "lever.events": {"[{kind = \"flood\"}]"}},
			[]string{`data-key="events">`, "events[0].kind"}},
	} {
		code, loc, body := post(t, ts.URL+"/run", c.form)
		if code != 400 || loc != "" {
			t.Errorf("%v: status %d (to %q), want 400", c.form, code, loc)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%v: page lacks %q", c.form, w)
			}
		}
		if strings.Contains(body, "goroutine") || strings.Contains(body, "panic") {
			t.Errorf("%v: a stack trace on the page", c.form)
		}
	}
	if st := s.studies(); len(st) != 0 {
		t.Errorf("bad forms made studies: %v", st)
	}
}

// TestUpload checks uploads: refused with the loader's messages (syntax,
// unknown key, out of range, too large, none), kept when they load, and
// never written outside the data directory.
func TestUpload(t *testing.T) {
	s, ts := newTestServer(t)
	for _, c := range []struct {
		name, data, want string
	}{
		{"bad.toml", "days = = 3", "bad.toml:1"},
		{"keys.toml", "extends = \"baseline\"\nstafing.headcount = 3\n", "stafing"},
		{"range.toml", "extends = \"baseline\"\n[staffing]\nheadcount = 0\n", "range.toml:3: staffing.headcount: must be between 1 and 100000, got 0"},
		{"big.toml", strings.Repeat("#", 5<<20), "larger than a scenario may be"},
		{"", "", "choose a scenario file"},
	} {
		code, loc, body := uploadFile(t, ts.URL, c.name, []byte(c.data))
		if code != 400 || loc != "" || !strings.Contains(body, c.want) {
			t.Errorf("upload %s: status %d, location %q, want 400 with %q", c.name, code, loc, c.want)
		}
	}
	code, loc, _ := uploadFile(t, ts.URL, "../../evil name.toml", []byte("extends = \"baseline\"\nname = \"mine\"\nsummary = \"x\"\nlevers = [\"staffing.headcount: fewer\"]\n[staffing]\nheadcount = 80\n"))
	if code != 303 || !strings.HasPrefix(loc, "/scenario?upload=") {
		t.Fatalf("good upload: status %d, location %q", code, loc)
	}
	files, _ := filepath.Glob(filepath.Join(s.Data(), UploadsDir, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-evil_name.toml") {
		t.Errorf("uploads directory holds %v", files)
	}
	code, body := get(t, ts.URL+loc)
	if code != 200 || !strings.Contains(body, `name="lever.staffing.headcount" value="80"`) {
		t.Errorf("uploaded scenario page: status %d", code)
	}
}

// waitState waits for a study's event stream to end and returns its
// last status.
func waitState(t *testing.T, u, id string) status {
	t.Helper()
	resp, err := http.Get(u + "/studies/" + id + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: content type %q", ct)
	}
	b, _ := io.ReadAll(resp.Body)
	text := string(b)
	i := strings.LastIndex(text, "event: end\ndata: ")
	if i < 0 {
		t.Fatalf("no end event in %q", text)
	}
	var st status
	if err := json.Unmarshal([]byte(strings.TrimSpace(text[i+len("event: end\ndata: "):])), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestRunQueueCancel runs a study to the end, queues two more, cancels
// the queued one and the running one, and checks what is saved.
func TestRunQueueCancel(t *testing.T) {
	s, ts := newTestServer(t)
	form := url.Values{"name": {"staffing-8x3"}, "lever.staffing.headcount": {"50"}, "reps": {"2"}, "days": {"2"}}
	code, loc, _ := post(t, ts.URL+"/run", form)
	if code != 303 {
		t.Fatalf("run: status %d", code)
	}
	id := strings.TrimPrefix(loc, "/studies/")
	if st := waitState(t, ts.URL, id); st.State != stateDone || st.Done != 4 || st.Total != 4 {
		t.Fatalf("study ended %+v, want done 4 of 4", st)
	}
	dir := filepath.Join(s.Data(), StudiesDir, id)
	for _, f := range []string{study.ManifestFile, study.SummaryFile, study.RunsFile, "report.html", "plots/forest.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("saved study lacks %s", f)
		}
	}
	code, body := get(t, ts.URL+loc)
	if code != 200 || !strings.Contains(body, `<table class="verdict">`) || !strings.Contains(body, "files/plots/forest.svg") {
		t.Errorf("study page: status %d, no verdict table or forest plot", code)
	}
	if code, body := get(t, ts.URL+loc+"/files/plots/forest.svg"); code != 200 || !strings.Contains(body, "<svg") {
		t.Errorf("forest.svg: status %d", code)
	}
	for _, p := range []string{"/files/%2e%2e/%2e%2e/%2e%2e/go.mod", "/files/.precinct/lock", "/files/nosuch.csv"} {
		if code, _ := get(t, ts.URL+loc+p); code != 404 {
			t.Errorf("%s: status %d, want 404", p, code)
		}
	}
	if _, body := get(t, ts.URL+"/"); !strings.Contains(body, id) {
		t.Error("the index does not list the saved study")
	}

	long := url.Values{"name": {"staffing-8x3"}, "lever.staffing.headcount": {"50"}, "reps": {"200"}, "days": {"30"}}
	_, loc1, _ := post(t, ts.URL+"/run", long)
	_, loc2, _ := post(t, ts.URL+"/run", long)
	id1, id2 := strings.TrimPrefix(loc1, "/studies/"), strings.TrimPrefix(loc2, "/studies/")
	if id1 == id2 || id1 == "" {
		t.Fatalf("two studies, ids %q and %q", id1, id2)
	}
	if st := s.queue.get(id2).status(); st.State != stateQueued {
		t.Errorf("second study %s, want queued behind the first", st.State)
	}
	post(t, ts.URL+loc2+"/cancel", nil)
	if st := waitState(t, ts.URL, id2); st.State != stateCancelled {
		t.Errorf("queued study after cancel: %s", st.State)
	}
	deadline := time.Now().Add(30 * time.Second)
	for s.queue.get(id1).status().Done == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	post(t, ts.URL+loc1+"/cancel", nil)
	st := waitState(t, ts.URL, id1)
	if st.State != stateCancelled || st.Done == 0 || st.Done >= st.Total {
		t.Errorf("running study after cancel: %+v, want cancelled with some replicates done", st)
	}
	sum, err := study.ReadSummary(filepath.Join(s.Data(), StudiesDir, id1))
	if err != nil || !sum.Interrupted {
		t.Errorf("cancelled study's summary: %v (interrupted %v)", err, sum != nil && sum.Interrupted)
	}
}

// TestReplayFrames checks the frames the map draws, and the window's
// bounds.
func TestReplayFrames(t *testing.T) {
	_, ts := newTestServer(t)
	code, body := get(t, ts.URL+"/replay/frames?name=staffing-8x3&lever.staffing.headcount=50&days=2&day=1&window=1")
	if code != 200 {
		t.Fatalf("frames: status %d: %s", code, body)
	}
	var d replayData
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Frames) != framesPerReplay || d.Width*d.Height != len(d.Hood) || d.Frames[0].Minute != d.Warmup+1440 {
		t.Errorf("%d frames from minute %g (warm-up %g), grid %dx%d with %d cells", len(d.Frames), d.Frames[0].Minute, d.Warmup, d.Width, d.Height, len(d.Hood))
	}
	if code, _ := get(t, ts.URL+"/replay?name=baseline&day=0&window=1"); code != 200 {
		t.Errorf("replay page: status %d", code)
	}
	code, body = get(t, ts.URL+"/replay?name=baseline&days=3&day=2&window=2")
	if code != 400 || !strings.Contains(body, "must lie within the 3 measured days") {
		t.Errorf("replay past the end: status %d", code)
	}
	if code, _ := get(t, ts.URL+"/replay/frames?name=baseline&window=9"); code != 400 {
		t.Errorf("frames of 9 days: status %d, want 400", code)
	}
}
