package study

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ReadDir reads an output directory back: the manifest, the summary and
// every CSV file. Files the directory lacks are left nil; a file that is
// there but malformed is an error. daily.csv is checked through but not
// held, so that the memory taken does not grow with the replicates and
// days of the study: Output.Daily has its header, and Daily.Scan streams
// its rows (ReadDaily holds them all).
func ReadDir(dir string) (*Output, error) {
	out := &Output{}
	var err error
	steps := []func() error{
		func() error { out.Manifest, err = ReadManifest(dir); return err },
		func() error { out.Summary, err = ReadSummary(dir); return err },
		func() error { out.Runs, err = ReadRuns(dir); return err },
		func() error { out.Daily, err = openDaily(dir); return err },
		func() error { out.Cells, err = ReadCells(dir); return err },
		func() error { out.Hoods, err = ReadHoods(dir); return err },
		func() error { out.Response, err = ReadResponse(dir); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return out, nil
}

// ReadManifest reads DIR/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	return readFormatted(dir, ManifestFile, ManifestFormat, func(m *Manifest) string { return m.Format })
}

// ReadSummary reads DIR/summary.json.
func ReadSummary(dir string) (*Summary, error) {
	return readFormatted(dir, SummaryFile, SummaryFormat, func(s *Summary) string { return s.Format })
}

// readFormatted reads the JSON file DIR/name, checking that its format
// field is format.
func readFormatted[T any](dir, name, format string, formatOf func(*T) string) (*T, error) {
	path := filepath.Join(dir, name)
	v := new(T)
	if err := readJSON(path, v); err != nil {
		return nil, err
	}
	if f := formatOf(v); f != format {
		return nil, fmt.Errorf("%s: format %q, want %q", path, f, format)
	}
	return v, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

// ReadRuns reads DIR/runs.csv.
func ReadRuns(dir string) (*Runs, error) {
	runs := &Runs{}
	var scenario nameCopy
	err := readCSV(filepath.Join(dir, RunsFile), func(header []string) error {
		rep := slices.Index(header, "replicate")
		if header[0] != "scenario" || rep < 1 || rep+1 >= len(header) || header[rep+1] != "seed" {
			return errors.New("header does not start with scenario, variant keys, replicate, seed")
		}
		runs.VariantKeys = slices.Clone(header[1:rep])
		runs.Metrics = slices.Clone(header[rep+2:])
		return nil
	}, func(rec []string, p *fieldParser) {
		k := len(runs.VariantKeys)
		runs.Rows = append(runs.Rows, RunRow{Scenario: scenario.of(rec[0]), Variant: cloneAll(rec[1 : 1+k]),
			Replicate: p.int(1 + k), Seed: p.uint(2 + k), Values: p.floats(3 + k)})
	})
	if err != nil {
		return nil, err
	}
	return runs, nil
}

// ReadDaily reads DIR/daily.csv, every row.
func ReadDaily(dir string) (*Daily, error) {
	d := &Daily{}
	var scenario nameCopy
	err := readCSV(filepath.Join(dir, DailyFile), d.header, func(rec []string, p *fieldParser) {
		d.Rows = append(d.Rows, DailyRow{Scenario: scenario.of(rec[0]), Replicate: p.int(1), Day: p.int(2), Values: p.floats(3)})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// openDaily reads the header of DIR/daily.csv and checks every row
// without holding any: the Daily returned streams its rows from the file.
func openDaily(dir string) (*Daily, error) {
	d := &Daily{file: filepath.Join(dir, DailyFile)}
	err := readCSV(d.file, d.header, func(rec []string, p *fieldParser) {
		p.int(1)
		p.int(2)
		for i := 3; i < len(rec); i++ {
			p.float(i)
		}
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// header checks the header of daily.csv and takes its metrics.
func (d *Daily) header(header []string) error {
	if !slices.Equal(header[:min(3, len(header))], []string{"scenario", "replicate", "day"}) {
		return errors.New("header does not start with scenario, replicate, day")
	}
	d.Metrics = slices.Clone(header[3:])
	return nil
}

// Scan calls row for every row of daily.csv, in file order, with the
// values of the given metrics in the order given (NaN where a row leaves
// one undefined or has no such value). The values slice is reused from
// one call to the next: row must copy what it keeps. Every metric must be
// one of d.Metrics.
func (d *Daily) Scan(metrics []string, row func(scenario string, replicate, day int, values []float64)) error {
	cols := make([]int, len(metrics))
	for i, m := range metrics {
		if cols[i] = slices.Index(d.Metrics, m); cols[i] < 0 {
			return fmt.Errorf("%s: no metric %q (metrics: %v)", DailyFile, m, d.Metrics)
		}
	}
	values := make([]float64, len(metrics))
	if d.Rows != nil || d.file == "" {
		for _, r := range d.Rows {
			for i, c := range cols {
				values[i] = math.NaN()
				if c < len(r.Values) {
					values[i] = r.Values[c]
				}
			}
			row(r.Scenario, r.Replicate, r.Day, values)
		}
		return nil
	}
	var scenario nameCopy
	check := func(header []string) error {
		if !slices.Equal(header[min(3, len(header)):], d.Metrics) {
			return fmt.Errorf("header %v changed since it was read", header)
		}
		return nil
	}
	return readCSV(d.file, check, func(rec []string, p *fieldParser) {
		name, rep, day := scenario.of(rec[0]), p.int(1), p.int(2)
		for i, c := range cols {
			values[i] = p.float(3 + c)
		}
		if p.err == nil {
			row(name, rep, day, values)
		}
	})
}

// ReadCells reads DIR/cells.csv.
func ReadCells(dir string) ([]CellRow, error) {
	var rows []CellRow
	err := readCSV(filepath.Join(dir, CellsFile), headerIs("scenario", "cell", "x", "y", "neighborhood", "beat",
		"replicates", "true_offenses", "recorded_offenses", "stops", "presence_hours"), func(rec []string, p *fieldParser) {
		rows = append(rows, CellRow{Scenario: rec[0], Cell: p.int(1), X: p.int(2), Y: p.int(3), Neighborhood: rec[4],
			Beat: p.int(5), Replicates: p.int(6), True: p.float(7), Recorded: p.float(8), Stops: p.float(9), PresenceHours: p.float(10)})
	})
	return rows, err
}

// ReadHoods reads DIR/hoods.csv.
func ReadHoods(dir string) ([]HoodRow, error) {
	var rows []HoodRow
	err := readCSV(filepath.Join(dir, HoodsFile), headerIs("scenario", "neighborhood", "residents", "replicates",
		"trust_start", "trust_end", "true_offenses", "recorded_offenses", "stops"), func(rec []string, p *fieldParser) {
		rows = append(rows, HoodRow{Scenario: rec[0], Neighborhood: rec[1], Residents: p.int(2), Replicates: p.int(3),
			TrustStart: p.float(4), TrustEnd: p.float(5), True: p.float(6), Recorded: p.float(7), Stops: p.float(8)})
	})
	return rows, err
}

// ReadResponse reads DIR/response.csv.
func ReadResponse(dir string) ([]ResponseRow, error) {
	var rows []ResponseRow
	err := readCSV(filepath.Join(dir, ResponseFile), headerIs("scenario", "priority", "upper_min", "mean_count", "share"),
		func(rec []string, p *fieldParser) {
			rows = append(rows, ResponseRow{Scenario: rec[0], Priority: p.int(1), UpperMin: p.float(2), MeanCount: p.float(3), Share: p.float(4)})
		})
	return rows, err
}

// nameCopy copies the names of a CSV column that repeat from row to row.
// A record's fields are slices of one string, its line: a field kept as
// it is keeps the whole line, which for the wide rows of runs.csv and
// daily.csv is a hundred times the name.
type nameCopy struct{ last string }

// of returns a copy of field, the same copy as for the row before when
// the name repeats.
func (c *nameCopy) of(field string) string {
	if field != c.last {
		c.last = strings.Clone(field)
	}
	return c.last
}

// cloneAll returns copies of the fields, holding none of their line.
func cloneAll(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.Clone(f)
	}
	return out
}

func headerIs(want ...string) func([]string) error {
	return func(header []string) error {
		if !slices.Equal(header, want) {
			return fmt.Errorf("header %v, want %v", header, want)
		}
		return nil
	}
}

// readCSV reads the CSV file at path: header checks the header, row takes
// each record with a parser of its fields.
func readCSV(path string, header func([]string) error, row func([]string, *fieldParser)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	h, err := r.Read()
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if err := header(h); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		p := &fieldParser{rec: rec}
		row(rec, p)
		if p.err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, p.err)
		}
	}
}

// fieldParser parses the fields of one record, remembering the first
// error.
type fieldParser struct {
	rec []string
	err error
}

func (p *fieldParser) fail(i int, err error) {
	if p.err == nil {
		p.err = fmt.Errorf("field %d: %w", i+1, err)
	}
}

func (p *fieldParser) int(i int) int {
	v, err := strconv.Atoi(p.rec[i])
	if err != nil {
		p.fail(i, err)
	}
	return v
}

func (p *fieldParser) uint(i int) uint64 {
	v, err := strconv.ParseUint(p.rec[i], 10, 64)
	if err != nil {
		p.fail(i, err)
	}
	return v
}

// float parses field i; an empty field is NaN (undefined).
func (p *fieldParser) float(i int) float64 {
	if p.rec[i] == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(p.rec[i], 64)
	if err != nil {
		p.fail(i, err)
	}
	return v
}

func (p *fieldParser) floats(from int) []float64 {
	out := make([]float64, len(p.rec)-from)
	for i := range out {
		out[i] = p.float(from + i)
	}
	return out
}
