package study

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
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

// readCheckpoint reads the checkpoint of the study in dir, of n scenarios
// and total replicates, and cuts the partial files back to their length
// at that checkpoint: rows written after it are run again.
func readCheckpoint(dir string, n, total int) (*checkpoint, error) {
	var cp checkpoint
	data, err := os.ReadFile(filepath.Join(dir, stateDir, checkpointFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("resuming %s: nothing to resume, the study is complete", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("resuming %s: %w", dir, err)
	}
	if err := json.Unmarshal(data, &cp); err != nil {
		return nil, fmt.Errorf("resuming %s: reading the checkpoint: %w", dir, err)
	}
	if len(cp.Sums) != n || cp.Done > total {
		return nil, fmt.Errorf("resuming %s: the checkpoint does not match the manifest", dir)
	}
	for _, f := range []struct {
		name string
		size int64
	}{{RunsFile, cp.RunsBytes}, {DailyFile, cp.DailyBytes}} {
		if err := os.Truncate(filepath.Join(dir, stateDir, f.name+partialSuffix), f.size); err != nil {
			return nil, fmt.Errorf("resuming %s: %w", dir, err)
		}
	}
	return &cp, nil
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

func (p *partial) close() { p.f.Close() }
