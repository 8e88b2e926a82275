package study

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/precinct-sim/precinct/sim"
)

var nanValue = math.NaN()

// fmtNum writes v in the shortest form that reads back as the same
// float64; "" for NaN (undefined).
func fmtNum(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func value(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return fmtNum(v)
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

// copyAtomic copies src to dst through a temporary file and a rename.
func copyAtomic(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("reading %s: %w", src, err)
	}
	defer in.Close()
	return writeAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// writeCSVAtomic writes header and the rows that rows produces to path,
// atomically.
func writeCSVAtomic(path string, header []string, rows func(write func([]string) error) error) error {
	return writeAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := rows(cw.Write); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

// runsHeader is the header of runs.csv.
func (st *Study) runsHeader() []string {
	h := append([]string{"scenario"}, st.Manifest.VariantKeys...)
	h = append(h, "replicate", "seed")
	for _, m := range Metrics {
		h = append(h, m.Key)
	}
	return h
}

func dailyHeader() []string {
	h := []string{"scenario", "replicate", "day"}
	for _, m := range DailyMetrics {
		h = append(h, m.Key)
	}
	return h
}

// writeRun writes the runs.csv row of res, a replicate of scenario s.
func (st *Study) writeRun(w *partial, s int, res *sim.Result) error {
	ms := &st.Manifest.Scenarios[s]
	row := []string{ms.Name}
	for _, k := range st.Manifest.VariantKeys {
		v := ""
		for _, set := range ms.Variant {
			if set.Key == k {
				v = set.Value
			}
		}
		row = append(row, v)
	}
	row = append(row, strconv.Itoa(res.Replicate), strconv.FormatUint(ms.Seed, 10))
	for _, m := range Metrics {
		row = append(row, value(m.Value(res)))
	}
	return w.csv.Write(row)
}

// writeDaily writes the daily.csv rows of res, a replicate of scenario
// name.
func writeDaily(w *partial, name string, res *sim.Result) error {
	rep := strconv.Itoa(res.Replicate)
	row := make([]string, 3+len(DailyMetrics))
	for i := range res.Daily {
		d := &res.Daily[i]
		row = append(row[:0], name, rep, strconv.Itoa(d.Day))
		for _, m := range DailyMetrics {
			row = append(row, value(m.Value(d)))
		}
		if err := w.csv.Write(row); err != nil {
			return err
		}
	}
	return nil
}
