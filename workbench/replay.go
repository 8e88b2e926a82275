package workbench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
)

// framesPerReplay is about how many frames a replay holds, whatever its
// window: a frame every 2 minutes of a day, every 14 of a week.
const framesPerReplay = 720

// replayData is what the replay page draws.
type replayData struct {
	Scenario string       `json:"scenario"`
	Changes  []string     `json:"changes"`
	Width    int          `json:"width"`
	Height   int          `json:"height"`
	Hood     []int        `json:"hood"` // neighborhood of each cell
	Beat     []int        `json:"beat"` // beat of each cell
	Hoods    []string     `json:"hoods"`
	Station  agents.Point `json:"station"`
	Warmup   float64      `json:"warmup"` // minutes of warm-up: day 0 starts here
	Step     float64      `json:"step"`   // minutes between frames
	States   []string     `json:"states"` // duty-state names, in the order of Frame.States
	Frames   []*sim.Frame `json:"frames"`
}

type replayPage struct {
	Title string
	Page  *scenarioPage
	Query string
}

// replayPage is the page of the map; its script loads the frames.
func (s *Server) replayPage(w http.ResponseWriter, r *http.Request) {
	pl, ok, err := s.readPlan(r)
	if err != nil {
		s.errorPage(w, http.StatusBadRequest, err.Error())
		return
	}
	if ok {
		ok = s.checkWindow(pl)
	}
	if !ok {
		s.render(w, http.StatusBadRequest, "scenario.html", pl.page)
		return
	}
	s.render(w, http.StatusOK, "replay.html", replayPage{Title: "Replay: " + pl.alt.Name, Page: pl.page, Query: r.URL.RawQuery})
}

// checkWindow checks the replay's days against the measured days.
func (s *Server) checkWindow(pl *plan) bool {
	day, _ := strconv.Atoi(pl.page.Day)
	win, _ := strconv.Atoi(pl.page.Window)
	if day+win > pl.alt.Days {
		pl.page.Settings["day"] = append(pl.page.Settings["day"], fmt.Sprintf(
			"the days shown (%d from day %d) must lie within the %d measured days (0 to %d)", win, day, pl.alt.Days, pl.alt.Days-1))
		return false
	}
	return true
}

// replayFrames simulates replicate 0 of the changed scenario over the
// window and returns its frames as JSON. One replay is simulated at a
// time.
func (s *Server) replayFrames(w http.ResponseWriter, r *http.Request) {
	pl, ok, err := s.readPlan(r)
	if err == nil && ok && !s.checkWindow(pl) {
		ok = false
	}
	if err != nil || !ok {
		msg := "the replay's settings have problems: go back to the scenario page"
		if err != nil {
			msg = err.Error()
		}
		http.Error(w, msg, http.StatusBadRequest)
		return
	}
	select {
	case s.replays <- struct{}{}:
		defer func() { <-s.replays }()
	case <-r.Context().Done():
		return
	}
	day, _ := strconv.Atoi(pl.page.Day)
	win, _ := strconv.Atoi(pl.page.Window)
	cfg := pl.alt.Config()
	from := float64((cfg.WarmupDays + day) * sim.MinutesPerDay)
	to := from + float64(win*sim.MinutesPerDay)
	step := (to - from) / framesPerReplay
	d := replayData{Scenario: pl.alt.Name, Changes: pl.changes, Width: cfg.Grid.Width, Height: cfg.Grid.Height,
		Hood: cfg.Grid.Neighborhood, Beat: cfg.Grid.Beat, Hoods: cfg.Grid.Neighborhoods,
		Station: cfg.Grid.Center(cfg.Grid.Station), Warmup: float64(cfg.WarmupDays * sim.MinutesPerDay), Step: step}
	for st := agents.State(0); st < agents.NumStates; st++ {
		d.States = append(d.States, st.String())
	}
	if err := sim.RunTraced(r.Context(), cfg, 0, from, to, step, func(f *sim.Frame) { d.Frames = append(d.Frames, f) }); err != nil {
		if r.Context().Err() != nil {
			return
		}
		s.logf("workbench: replay: %v", err)
		http.Error(w, "the replay could not be simulated: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(d)
}
