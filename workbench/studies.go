package workbench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/study"
)

// savedStudy is one study directory of the data directory.
type savedStudy struct {
	ID, Scenarios, State, Changes string
	Reps                          int
}

// studies lists the study directories, newest first, with what their
// files (or the queue) say of them.
func (s *Server) studies() []savedStudy {
	entries, _ := os.ReadDir(filepath.Join(s.data, StudiesDir))
	var out []savedStudy
	for _, e := range entries {
		if !e.IsDir() || !safeID.MatchString(e.Name()) {
			continue
		}
		out = append(out, s.saved(e.Name()))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out
}

func (s *Server) saved(id string) savedStudy {
	dir := filepath.Join(s.data, StudiesDir, id)
	ss := savedStudy{ID: id, State: "incomplete"}
	if man, err := study.ReadManifest(dir); err == nil {
		var names []string
		for _, sc := range man.Scenarios {
			names = append(names, sc.Name)
			if len(sc.Overrides) > 0 {
				ss.Changes = strings.Join(sc.Overrides, ", ")
			}
		}
		ss.Scenarios, ss.Reps = strings.Join(names, " vs "), man.Reps
	}
	if sum, err := study.ReadSummary(dir); err == nil {
		ss.State = stateDone
		if sum.Interrupted {
			ss.State = stateCancelled
		}
	}
	if j := s.queue.get(id); j != nil {
		if st := j.status(); st.State != stateDone {
			ss.State = st.State
		}
	}
	return ss
}

// studyID returns the id of the request's study, or "" after answering
// a request for one that does not exist.
func (s *Server) studyID(w http.ResponseWriter, r *http.Request) string {
	id := r.PathValue("id")
	if safeID.MatchString(id) {
		if fi, err := os.Stat(filepath.Join(s.data, StudiesDir, id)); err == nil && fi.IsDir() {
			return id
		}
	}
	s.errorPage(w, http.StatusNotFound, fmt.Sprintf("no study %q in this workbench's data directory", id))
	return ""
}

type studyPage struct {
	Title    string
	Saved    savedStudy
	Status   status
	Live     bool // queued or running: the page follows the event stream
	Verdicts []report.VerdictTable
	Summary  []report.VerdictTable // unused when empty
	Charts   []chartFile
	Problem  string
	Dir      string
	Files    []string
}

type chartFile struct{ Title, Src string }

func (s *Server) studyPage(w http.ResponseWriter, r *http.Request) {
	id := s.studyID(w, r)
	if id == "" {
		return
	}
	dir := filepath.Join(s.data, StudiesDir, id)
	p := studyPage{Title: "Study " + id, Saved: s.saved(id), Dir: dir}
	if j := s.queue.get(id); j != nil {
		p.Status = j.status()
		p.Status.Ahead = s.queue.ahead(j)
		p.Live = p.Status.State == stateQueued || p.Status.State == stateRunning
		p.Problem = p.Status.Error
	}
	if !p.Live {
		if _, err := os.Stat(filepath.Join(dir, study.SummaryFile)); err == nil {
			res, err := report.LoadResults(dir)
			if err == nil {
				p.Verdicts, err = report.Verdicts(res)
			}
			if err != nil {
				p.Problem = "the saved files do not read back: " + err.Error()
			}
			labels := map[string]string{}
			if res != nil {
				for _, m := range res.Output.Summary.Metrics {
					labels[m.Key] = m.Label
				}
			}
			p.Charts = charts(dir, labels)
			for _, f := range []string{report.HTMLFile, study.SummaryFile, study.RunsFile, study.DailyFile, study.ManifestFile} {
				if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
					p.Files = append(p.Files, f)
				}
			}
		} else if p.Problem == "" {
			p.Problem = "this study has no summary yet: it did not finish (stopped with the server?); 'precinct compare --resume " + dir + "' completes it"
		}
	}
	s.render(w, http.StatusOK, "study.html", p)
}

// charts lists the charts a study page shows, as the report orders them:
// the forest plot of the paired differences, then the distributions.
func charts(dir string, labels map[string]string) []chartFile {
	var out []chartFile
	add := func(name, title string) {
		if _, err := os.Stat(filepath.Join(dir, report.PlotsDir, name+".svg")); err == nil {
			out = append(out, chartFile{Title: title, Src: report.PlotsDir + "/" + name + ".svg"})
		}
	}
	add("forest", "How the changed scenario differs from the scenario as written (paired, 95 % intervals)")
	spreads, _ := filepath.Glob(filepath.Join(dir, report.PlotsDir, "spread_*.svg"))
	for _, f := range spreads {
		name := strings.TrimSuffix(filepath.Base(f), ".svg")
		add(name, "Run to run: "+label(labels, strings.TrimPrefix(name, "spread_")))
	}
	hists, _ := filepath.Glob(filepath.Join(dir, report.PlotsDir, "histogram_*.svg"))
	for _, f := range hists {
		name := strings.TrimSuffix(filepath.Base(f), ".svg")
		add(name, "How often each value came up: "+label(labels, strings.TrimPrefix(name, "histogram_")))
	}
	return out
}

// events streams a study's progress as Server-Sent Events: a progress
// event at every replicate saved and an end event when it stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	id := s.studyID(w, r)
	if id == "" {
		return
	}
	j := s.queue.get(id)
	fl, canFlush := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	send := func(event string, st status) bool {
		b, _ := json.Marshal(st)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return false
		}
		if canFlush {
			fl.Flush()
		}
		return true
	}
	if j == nil {
		send("end", status{ID: id, State: s.saved(id).State})
		return
	}
	ch, stop := j.watch()
	defer stop()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		st := j.status()
		st.Ahead = s.queue.ahead(j)
		if !slices.Contains([]string{stateQueued, stateRunning}, st.State) {
			send("end", st)
			return
		}
		if !send("progress", st) {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-ch:
		case <-tick.C:
		}
	}
}

func (s *Server) cancel(w http.ResponseWriter, r *http.Request) {
	id := s.studyID(w, r)
	if id == "" {
		return
	}
	if j := s.queue.get(id); j != nil {
		s.queue.cancel(j)
	}
	http.Redirect(w, r, "/studies/"+id, http.StatusSeeOther)
}

// file serves a file of a study directory: the report, its charts, the
// CSV and JSON files. Nothing outside the directory is reachable.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	id := s.studyID(w, r)
	if id == "" {
		return
	}
	rel := r.PathValue("path")
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if !safeID.MatchString(p) {
			s.errorPage(w, http.StatusNotFound, fmt.Sprintf("no file %q in study %s", rel, id))
			return
		}
	}
	path := filepath.Join(s.data, StudiesDir, id, filepath.FromSlash(rel))
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		s.errorPage(w, http.StatusNotFound, fmt.Sprintf("no file %q in study %s", rel, id))
		return
	}
	if strings.HasSuffix(rel, ".html") {
		// report.html is self-contained but has its inline marker script.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
	}
	http.ServeFile(w, r, path)
}

// label is a metric's label, else its key in words.
func label(labels map[string]string, key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	return strings.ReplaceAll(key, "_", " ")
}
