package workbench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"join": strings.Join,
}).ParseFS(templateFS, "templates/*.html"))

// The directories of the data directory.
const (
	StudiesDir = "studies" // one output directory per study, as 'compare --out' writes it
	UploadsDir = "uploads" // uploaded scenario files, named by their content
)

// Server is the workbench: its pages and the queue of studies it runs.
type Server struct {
	data    string
	queue   *queue
	mux     *http.ServeMux
	logf    func(format string, a ...any)
	replays chan struct{} // one replay is simulated at a time
	mu      sync.Mutex    // serialises the naming of study directories
}

// New returns a server keeping its studies and uploads in the data
// directory data (created if missing), running studies one at a time on
// workers goroutines (< 1: every core). Call Run to start the queue.
func New(data string, workers int) (*Server, error) {
	abs, err := filepath.Abs(data)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{abs, filepath.Join(abs, StudiesDir), filepath.Join(abs, UploadsDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("workbench: data directory: %w", err)
		}
	}
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := &Server{data: abs, queue: newQueue(workers), mux: http.NewServeMux(), logf: log.Printf, replays: make(chan struct{}, 1)}
	s.routes()
	return s, nil
}

// Data returns the absolute path of the data directory.
func (s *Server) Data() string { return s.data }

// Run runs the queued studies until ctx is done; the study running then
// stops after its replicates in flight, its finished ones saved.
func (s *Server) Run(ctx context.Context) { s.queue.run(ctx) }

// ServeHTTP serves the workbench's pages. A panic in a handler (a bug)
// is logged with its stack and answered with a plain error page: the
// browser never sees a stack trace, and the server keeps serving.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("workbench: internal error on %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			http.Error(w, "internal error (a bug in precinct; the server log has the details)", http.StatusInternalServerError)
		}
	}()
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'self'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("POST /upload", s.upload)
	s.mux.HandleFunc("GET /scenario", s.scenario)
	s.mux.HandleFunc("POST /run", s.run)
	s.mux.HandleFunc("GET /studies/{id}", s.studyPage)
	s.mux.HandleFunc("GET /studies/{id}/events", s.events)
	s.mux.HandleFunc("POST /studies/{id}/cancel", s.cancel)
	s.mux.HandleFunc("GET /studies/{id}/files/{path...}", s.file)
	s.mux.HandleFunc("GET /replay", s.replayPage)
	s.mux.HandleFunc("GET /replay/frames", s.replayFrames)
}

// render writes a page; a template error (a bug) is logged and answered
// with a plain message.
func (s *Server) render(w http.ResponseWriter, code int, name string, data any) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, data); err != nil {
		s.logf("workbench: page %s: %v", name, err)
		http.Error(w, "internal error drawing the page (a bug in precinct; the server log has the details)", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(b.Bytes())
}

// errorPage says what is wrong with a request, with a way back.
func (s *Server) errorPage(w http.ResponseWriter, code int, msg string) {
	s.render(w, code, "error.html", struct{ Title, Message string }{http.StatusText(code), msg})
}

// group is one group of the library as 'precinct scenarios list' shows it.
type group struct {
	Name    string
	Entries []scenarios.Entry
}

type indexPage struct {
	Title    string
	Groups   []group
	Uploads  []upload
	Studies  []savedStudy
	Problems []string // of the upload just refused
}

type upload struct{ ID, Name string }

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	s.renderIndex(w, http.StatusOK, nil)
}

func (s *Server) renderIndex(w http.ResponseWriter, code int, problems []string) {
	lib, err := scenarios.Library()
	if err != nil {
		s.logf("workbench: %v", err)
		s.errorPage(w, http.StatusInternalServerError, "the scenario library does not load (a bug in precinct)")
		return
	}
	p := indexPage{Title: "Scenarios", Problems: problems, Studies: s.studies(), Uploads: s.uploads()}
	for _, e := range lib {
		g := e.Group
		if g == "" {
			g = "other"
		}
		if len(p.Groups) == 0 || p.Groups[len(p.Groups)-1].Name != g {
			p.Groups = append(p.Groups, group{Name: g})
		}
		p.Groups[len(p.Groups)-1].Entries = append(p.Groups[len(p.Groups)-1].Entries, e)
	}
	s.render(w, code, "index.html", p)
}

// uploadName is the alphabet of the ids of uploads and studies: nothing
// that leaves a directory or hides a file.
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._=+,-]*$`)

func (s *Server) uploads() []upload {
	files, _ := filepath.Glob(filepath.Join(s.data, UploadsDir, "*.toml"))
	var out []upload
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".toml")
		name := id
		if _, n, ok := strings.Cut(id, "-"); ok {
			name = n
		}
		out = append(out, upload{ID: id, Name: name})
	}
	return out
}

// upload takes a scenario file, refuses one that does not load with the
// CLI's messages, and keeps one that does under a name made of its
// content.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, scenarios.MaxFileBytes+1<<16)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		msg := "choose a scenario file (TOML) to upload"
		if errors.As(err, &tooBig) {
			msg = fmt.Sprintf("the file is larger than a scenario may be (%d bytes)", scenarios.MaxFileBytes)
		}
		s.renderIndex(w, http.StatusBadRequest, []string{msg})
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, scenarios.MaxFileBytes+1))
	if err != nil || len(data) > scenarios.MaxFileBytes {
		s.renderIndex(w, http.StatusBadRequest, []string{fmt.Sprintf("the file is larger than a scenario may be (%d bytes)", scenarios.MaxFileBytes)})
		return
	}
	base := strings.TrimSuffix(filepath.Base(strings.ReplaceAll(hdr.Filename, `\`, "/")), ".toml")
	base = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, base)
	if base == "" {
		base = "scenario"
	}
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:6]) + "-" + base
	path := filepath.Join(s.data, UploadsDir, id+".toml")
	if _, err := scenarios.Parse(path, data, nil); err != nil {
		probs, ok := problemsOf(err, nil)
		if !ok {
			probs = []string{err.Error()}
		}
		for i, p := range probs {
			probs[i] = strings.ReplaceAll(p, path, hdr.Filename)
		}
		s.renderIndex(w, http.StatusBadRequest, probs)
		return
	}
	if err := study.WriteFileAtomic(path, data); err != nil {
		s.logf("workbench: saving an upload: %v", err)
		s.errorPage(w, http.StatusInternalServerError, "the upload could not be saved in the data directory")
		return
	}
	http.Redirect(w, r, "/scenario?upload="+id, http.StatusSeeOther)
}

// source is the scenario a request names: a library name or an upload.
type source struct {
	Name, Upload string
	ref          string // what scenarios.Load takes
	label        string // for people
}

// Query is the query string that names the source again.
func (src source) Query() string {
	if src.Upload != "" {
		return "upload=" + src.Upload
	}
	return "name=" + src.Name
}

func (s *Server) source(r *http.Request) (source, error) {
	name, up := r.FormValue("name"), r.FormValue("upload")
	switch {
	case up != "":
		if !safeID.MatchString(up) {
			return source{}, fmt.Errorf("no uploaded scenario %q", up)
		}
		path := filepath.Join(s.data, UploadsDir, up+".toml")
		if _, err := os.Stat(path); err != nil {
			return source{}, fmt.Errorf("no uploaded scenario %q: upload it again", up)
		}
		label := up
		if _, n, ok := strings.Cut(up, "-"); ok {
			label = n + ".toml"
		}
		return source{Upload: up, ref: path, label: label}, nil
	case name != "":
		for _, n := range scenarios.Names() {
			if n == name {
				return source{Name: name, ref: name, label: name}, nil
			}
		}
		return source{}, fmt.Errorf("no library scenario %q ('precinct scenarios list' lists them)", name)
	}
	return source{}, errors.New("no scenario named: pick one on the first page")
}

// scenarioPage is the page of one scenario: its description, its levers
// and the run and replay settings.
type scenarioPage struct {
	Title    string
	Source   source
	S        *scenarios.Scenario
	Levers   []*Lever
	Reps     string
	Days     string
	Seed     string
	Day      string // replay: first day shown (0 is the first measured day)
	Window   string // replay: days shown
	Problems []string
	Settings map[string][]string // problems of the run settings, by field
}

func (s *Server) scenario(w http.ResponseWriter, r *http.Request) {
	src, err := s.source(r)
	if err != nil {
		s.errorPage(w, http.StatusNotFound, err.Error())
		return
	}
	p, err := s.newScenarioPage(src)
	if err != nil {
		s.errorPage(w, http.StatusBadRequest, err.Error())
		return
	}
	s.render(w, http.StatusOK, "scenario.html", p)
}

func (s *Server) newScenarioPage(src source) (*scenarioPage, error) {
	sc, err := scenarios.Load(src.ref, nil)
	if err != nil {
		return nil, fmt.Errorf("%s does not load: %w", src.label, err)
	}
	lv, err := levers(sc)
	if err != nil {
		return nil, err
	}
	return &scenarioPage{Title: sc.Name, Source: src, S: sc, Levers: lv, Reps: "5",
		Days: strconv.Itoa(sc.Days), Seed: strconv.FormatUint(sc.Seed, 10), Day: "0", Window: "1", Settings: map[string][]string{}}, nil
}

// plan is a request's scenario with its lever changes, checked.
type plan struct {
	page      *scenarioPage
	common    []string // days and seed, set on both
	changes   []string // the levers changed
	base, alt *scenarios.Scenario
}

// readPlan reads the form of a scenario page and loads the scenario with
// its changes; problems go next to their controls. It returns false when
// the form has problems (the page then says them).
func (s *Server) readPlan(r *http.Request) (*plan, bool, error) {
	src, err := s.source(r)
	if err != nil {
		return nil, false, err
	}
	p, err := s.newScenarioPage(src)
	if err != nil {
		return nil, false, err
	}
	pl := &plan{page: p}
	form := func(name string) (string, bool) {
		if _, ok := r.Form[name]; !ok {
			return "", false
		}
		return r.FormValue(name), true
	}
	pl.changes = sets(p.Levers, form)
	whole := func(field string, dst *string, lo, hi int64, what string) (int64, bool) {
		v, ok := form(field)
		if !ok {
			n, _ := strconv.ParseInt(*dst, 10, 64)
			return n, true
		}
		*dst = strings.TrimSpace(v)
		n, err := strconv.ParseInt(*dst, 10, 64)
		if err != nil || n < lo || n > hi {
			p.Settings[field] = append(p.Settings[field], fmt.Sprintf("%s must be a whole number between %d and %d, got %q", what, lo, hi, v))
			return 0, false
		}
		return n, true
	}
	okReps := true
	if _, ok := form("reps"); ok {
		_, okReps = whole("reps", &p.Reps, 1, 100000, "--reps")
	}
	days, okDays := whole("days", &p.Days, -1<<62, 1<<62, "--days")
	seed, okSeed := whole("seed", &p.Seed, 0, 1<<63-1, "--seed")
	if okDays && days != int64(p.S.Days) {
		pl.common = append(pl.common, fmt.Sprintf("days=%d", days))
	}
	if okSeed && seed != int64(p.S.Seed) {
		pl.common = append(pl.common, fmt.Sprintf("seed=%d", seed))
	}
	_, okDay := whole("day", &p.Day, 0, 1<<31, "the first day shown")
	_, okWin := whole("window", &p.Window, 1, 7, "the days shown")
	ok := okReps && okDays && okSeed && okDay && okWin
	if pl.base, err = scenarios.Load(src.ref, pl.common); err != nil {
		rest, isProblem := problemsOf(err, p.Levers)
		if !isProblem {
			return nil, false, err
		}
		for _, m := range rest {
			field := "days"
			if strings.Contains(m, "seed") {
				field = "seed"
			}
			p.Settings[field] = append(p.Settings[field], m)
		}
		ok = false
	}
	alt, err := scenarios.Load(src.ref, append(cloneStrings(pl.common), pl.changes...))
	if err != nil {
		rest, isProblem := problemsOf(err, p.Levers)
		if !isProblem {
			return nil, false, err
		}
		if pl.base != nil {
			p.Problems = append(p.Problems, rest...)
		}
		ok = false
	}
	pl.alt = alt
	return pl, ok, nil
}

func cloneStrings(s []string) []string { return append([]string(nil), s...) }

// run queues a study of the changed scenario against the unchanged one.
func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	pl, ok, err := s.readPlan(r)
	if err != nil {
		s.errorPage(w, http.StatusBadRequest, err.Error())
		return
	}
	if ok && len(pl.changes) == 0 {
		pl.page.Problems = append(pl.page.Problems, "change at least one lever: the run compares the changed scenario with the scenario as written")
		ok = false
	}
	if !ok {
		s.render(w, http.StatusBadRequest, "scenario.html", pl.page)
		return
	}
	reps, _ := strconv.Atoi(pl.page.Reps)
	src := pl.page.Source
	specs := []study.Spec{
		{Ref: src.ref, Overrides: pl.common, Scenario: pl.base},
		{Name: pl.base.Name + "-changed", Ref: src.ref, Overrides: append(cloneStrings(pl.common), pl.changes...), Scenario: pl.alt},
	}
	fail := func(err error) {
		if rest, isProblem := problemsOf(err, pl.page.Levers); isProblem {
			pl.page.Problems = append(pl.page.Problems, rest...)
			s.render(w, http.StatusBadRequest, "scenario.html", pl.page)
			return
		}
		s.errorPage(w, http.StatusBadRequest, err.Error())
	}
	if err := scenarios.CheckStudy([]*scenarios.Scenario{pl.base, pl.alt}, reps, s.queue.workers); err != nil {
		fail(err)
		return
	}
	st, err := study.NewStudy("compare", reps, nil, specs)
	if err != nil {
		fail(err)
		return
	}
	id, dir, err := s.newStudyDir(pl.base.Name)
	if err != nil {
		s.logf("workbench: %v", err)
		s.errorPage(w, http.StatusInternalServerError, "no directory for the study in the data directory")
		return
	}
	if _, err := s.queue.add(id, dir, st); err != nil {
		_ = os.Remove(dir)
		pl.page.Problems = append(pl.page.Problems, err.Error())
		s.render(w, http.StatusServiceUnavailable, "scenario.html", pl.page)
		return
	}
	http.Redirect(w, r, "/studies/"+id, http.StatusSeeOther)
}

// newStudyDir makes the empty directory of a new study, named by the
// time and the scenario.
func (s *Server) newStudyDir(name string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stamp := time.Now().UTC().Format("20060102-150405")
	for k := 1; ; k++ {
		id := fmt.Sprintf("%s-%s", stamp, name)
		if k > 1 {
			id = fmt.Sprintf("%s-%d", id, k)
		}
		dir := filepath.Join(s.data, StudiesDir, id)
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return id, dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", "", err
		}
	}
}
