package study

import (
	"encoding/csv"
	"fmt"
	"os"
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
