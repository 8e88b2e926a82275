package study

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/precinct-sim/precinct/sim"
)

// checkpoint is the resumable state of a study: how many replicates are
// in, the length of the partial files at that point and the running sums
// behind the aggregate files. JSON writes float64 in a form that reads
// back exactly, so a resumed study continues from the same bits.
type checkpoint struct {
	Done       int     `json:"done"`
	RunsBytes  int64   `json:"runs_bytes"`
	DailyBytes int64   `json:"daily_bytes"`
	Started    string  `json:"started"`
	Sums       []*sums `json:"sums"`
}

const (
	stateDir       = ".precinct"
	checkpointFile = "checkpoint.json"
	partialSuffix  = ".partial"
)

// newCheckpoint starts the checkpoint of a study of n scenarios in the
// state directory: partial runs.csv and daily.csv holding only their
// headers, and no replicate done.
func newCheckpoint(state string, n int, runsHeader, dailyHeader []string) (*checkpoint, error) {
	cp := &checkpoint{Started: time.Now().UTC().Format(time.RFC3339), Sums: make([]*sums, n)}
	for i := range cp.Sums {
		cp.Sums[i] = newSums()
	}
	var err error
	if cp.RunsBytes, err = createPartial(filepath.Join(state, RunsFile+partialSuffix), runsHeader); err != nil {
		return nil, err
	}
	if cp.DailyBytes, err = createPartial(filepath.Join(state, DailyFile+partialSuffix), dailyHeader); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(state, checkpointFile), cp); err != nil {
		return nil, err
	}
	return cp, nil
}

// ErrCheckpoint is returned by Resume when the checkpoint of a study
// does not agree with the study or with the files it describes. Nothing
// is changed then.
var ErrCheckpoint = errors.New("the checkpoint does not match the study")

// readCheckpoint reads the checkpoint of st in dir, checks it against st
// and the partial files and cuts those back to their length at that
// checkpoint: rows written after it are run again. A missing checkpoint
// returns nil and no error.
func (st *Study) readCheckpoint(dir string) (*checkpoint, error) {
	state := filepath.Join(dir, stateDir)
	path := filepath.Join(state, checkpointFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("resuming %s: %w", dir, err)
	}
	bad := func(err error) error {
		return fmt.Errorf("resuming %s: %w: %s: %w; nothing was changed (start the study again in a new directory)", dir, ErrCheckpoint, path, err)
	}
	var cp checkpoint
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cp); err != nil {
		return nil, bad(fmt.Errorf("not a checkpoint: %w", err))
	}
	if err := st.checkCheckpoint(&cp); err != nil {
		return nil, bad(err)
	}
	runs := filepath.Join(state, RunsFile+partialSuffix)
	if err := st.checkRunsPartial(runs, cp.RunsBytes, cp.Done); err != nil {
		return nil, bad(err)
	}
	daily := filepath.Join(state, DailyFile+partialSuffix)
	if err := st.checkDailyPartial(daily, cp.DailyBytes, cp.Done); err != nil {
		return nil, bad(err)
	}
	for _, f := range []struct {
		path string
		size int64
	}{{runs, cp.RunsBytes}, {daily, cp.DailyBytes}} {
		if err := os.Truncate(f.path, f.size); err != nil {
			return nil, fmt.Errorf("resuming %s: %w", dir, err)
		}
	}
	return &cp, nil
}

// checkCheckpoint checks that cp can be a checkpoint of st: replicates
// done within the study, one set of sums per scenario, each counting the
// replicates of its scenario among those done and shaped as its Config
// makes them.
func (st *Study) checkCheckpoint(cp *checkpoint) error {
	n, total := len(st.scenarios), st.Total()
	if cp.Done < 0 || cp.Done > total {
		return fmt.Errorf("done: must be between 0 and %d (the study's replicates), got %d", total, cp.Done)
	}
	if _, err := time.Parse(time.RFC3339, cp.Started); err != nil {
		return fmt.Errorf("started: want an RFC 3339 time, got %q", cp.Started)
	}
	if len(cp.Sums) != n {
		return fmt.Errorf("sums: want one per scenario (%d), got %d", n, len(cp.Sums))
	}
	per := make([]int, n) // replicates done of each scenario
	for _, k := range st.jobList()[:cp.Done] {
		per[k%n]++
	}
	for s, sm := range cp.Sums {
		cfg := st.config(s)
		if err := checkSums(sm, &cfg, per[s]); err != nil {
			return fmt.Errorf("sums[%d] (scenario %s): %w", s, st.Manifest.Scenarios[s].Name, err)
		}
	}
	return nil
}

// checkSums checks that s can be the sums of n replicates of cfg.
func checkSums(s *sums, cfg *sim.Config, n int) error {
	if s == nil {
		return errors.New("missing")
	}
	if s.N != n {
		return fmt.Errorf("n: want %d, the replicates done of this scenario, got %d", n, s.N)
	}
	if len(s.Response) != sim.NumPriorities {
		return fmt.Errorf("response: want %d priorities, got %d", sim.NumPriorities, len(s.Response))
	}
	for p, h := range s.Response {
		if len(h) != sim.HistogramBins+1 {
			return fmt.Errorf("response[%d]: want %d bins, got %d", p, sim.HistogramBins+1, len(h))
		}
		if slices.Min(h) < 0 {
			return fmt.Errorf("response[%d]: a negative count", p)
		}
	}
	community := n > 0 && cfg.Community.Enabled()
	if (s.Cells != nil) != community || (s.Hoods != nil) != community {
		return fmt.Errorf("cells and hoods: want them %s", map[bool]string{true: "present", false: "absent"}[community])
	}
	if !community {
		return nil
	}
	cells, hoods := cfg.Grid.Cells(), len(cfg.Grid.Neighborhoods)
	for _, l := range []struct {
		name    string
		got, is int
	}{
		{"cells.True", len(s.Cells.True), cells}, {"cells.Recorded", len(s.Cells.Recorded), cells},
		{"cells.Stops", len(s.Cells.Stops), cells}, {"cells.Presence", len(s.Cells.Presence), cells},
		{"hoods.Residents", len(s.Hoods.Residents), hoods}, {"hoods.TrustStart", len(s.Hoods.TrustStart), hoods},
		{"hoods.TrustEnd", len(s.Hoods.TrustEnd), hoods}, {"hoods.True", len(s.Hoods.True), hoods},
		{"hoods.Recorded", len(s.Hoods.Recorded), hoods}, {"hoods.Stops", len(s.Hoods.Stops), hoods},
	} {
		if l.got != l.is {
			return fmt.Errorf("%s: want %d values, got %d", l.name, l.is, l.got)
		}
	}
	return nil
}

// checkRunsPartial checks that the first size bytes of the partial
// runs.csv at path are its header and the rows of the first done jobs, in
// job order.
func (st *Study) checkRunsPartial(path string, size int64, done int) error {
	data, err := readPrefix(path, size)
	if err != nil {
		return err
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || size == 0 || data[size-1] != '\n' {
		return fmt.Errorf("%s: its first %d bytes are not whole CSV rows", path, size)
	}
	if len(recs) != done+1 || !slices.Equal(recs[0], st.runsHeader()) {
		return fmt.Errorf("%s: want the header and %d rows in its first %d bytes, got %d records", path, done, size, len(recs))
	}
	n, jobs := len(st.scenarios), st.jobList()
	for k, rec := range recs[1:] {
		name, rep := st.Manifest.Scenarios[jobs[k]%n].Name, strconv.Itoa(jobs[k]/n)
		if rec[0] != name || rec[1+len(st.Manifest.VariantKeys)] != rep {
			return fmt.Errorf("%s: row %d is not replicate %s of %s", path, k+1, rep, name)
		}
	}
	return nil
}

// checkDailyPartial checks that the first size bytes of the partial
// daily.csv at path start with its header and end with a whole row of the
// last of the first done jobs (the header alone when done is 0).
func (st *Study) checkDailyPartial(path string, size int64, done int) error {
	header, err := csvLine(dailyHeader())
	if err != nil {
		return err
	}
	if size < int64(len(header)) || (done == 0 && size != int64(len(header))) {
		return fmt.Errorf("%s: %d bytes cannot hold the header and the rows of %d replicates", path, size, done)
	}
	head, err := readPrefix(path, int64(len(header)))
	if err != nil {
		return err
	}
	if !bytes.Equal(head, header) {
		return fmt.Errorf("%s: does not start with the daily.csv header", path)
	}
	if done == 0 {
		return nil
	}
	tail, err := readRange(path, max(int64(len(header)), size-64<<10), size)
	if err != nil {
		return err
	}
	lines := bytes.Split(bytes.TrimSuffix(tail, []byte("\n")), []byte("\n"))
	last, err := csv.NewReader(bytes.NewReader(lines[len(lines)-1])).Read()
	n, job := len(st.scenarios), st.jobList()[done-1]
	name, rep := st.Manifest.Scenarios[job%n].Name, strconv.Itoa(job/n)
	if err != nil || tail[len(tail)-1] != '\n' || len(last) < 2 || last[0] != name || last[1] != rep {
		return fmt.Errorf("%s: byte %d does not end a row of replicate %s of %s", path, size, rep, name)
	}
	return nil
}

// readPrefix returns the first size bytes of the file at path, or an
// error if it is shorter.
func readPrefix(path string, size int64) ([]byte, error) { return readRange(path, 0, size) }

// readRange returns bytes from .. to-1 of the file at path, or an error if
// it is shorter than to.
func readRange(path string, from, to int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if to < 0 || fi.Size() < to {
		return nil, fmt.Errorf("%s: %d bytes, the checkpoint says at least %d", path, fi.Size(), to)
	}
	data := make([]byte, to-from)
	if _, err := f.ReadAt(data, from); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// csvLine returns rec as one CSV line.
func csvLine(rec []string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// save flushes the partial files to stable storage and records their
// length in the checkpoint in the state directory.
func (cp *checkpoint) save(state string, runs, daily *partial) error {
	for _, w := range []*partial{runs, daily} {
		if err := w.sync(); err != nil {
			return err
		}
	}
	cp.RunsBytes, cp.DailyBytes = runs.n, daily.n
	return writeJSON(filepath.Join(state, checkpointFile), cp)
}

// partial is a CSV file that grows as replicates finish; n counts the
// bytes in it once flushed.
type partial struct {
	f   *os.File
	n   int64
	csv *csv.Writer
}

func (p *partial) Write(b []byte) (int, error) {
	k, err := p.f.Write(b)
	p.n += int64(k)
	return k, err
}

// createPartial writes a partial file holding only header and returns its
// length.
func createPartial(path string, header []string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("creating %s: %w", path, err)
	}
	p := &partial{f: f}
	p.csv = csv.NewWriter(p)
	if err := p.csv.Write(header); err != nil {
		f.Close()
		return 0, err
	}
	if err := p.sync(); err != nil {
		f.Close()
		return 0, err
	}
	return p.n, f.Close()
}

// appendPartial opens the partial file at path, n bytes long, to append.
func appendPartial(path string, n int64) (*partial, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	p := &partial{f: f, n: n}
	p.csv = csv.NewWriter(p)
	return p, nil
}

// sync flushes the rows written so far to stable storage.
func (p *partial) sync() error {
	p.csv.Flush()
	if err := p.csv.Error(); err != nil {
		return fmt.Errorf("writing %s: %w", p.f.Name(), err)
	}
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", p.f.Name(), err)
	}
	return nil
}

// close closes the file; closing it again does nothing.
func (p *partial) close() {
	if p.f != nil {
		p.f.Close()
		p.f = nil
	}
}
