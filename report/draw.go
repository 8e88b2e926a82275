package report

import (
	"fmt"
	"path/filepath"

	"github.com/precinct-sim/precinct/study"
)

// LoadResults reads output directory dir back (ReadDir) and resolves its
// scenarios from the stored TOML files.
func LoadResults(dir string) (*Results, error) {
	out, err := study.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	return NewResults(dir, out)
}

// DrawDir draws the charts of output directory dir into dir/plots (PNG and
// SVG) and writes dir/report.html, from the files alone: nothing is run
// again. hist names the runs.csv metric of the histogram ("" for
// DefaultHistogram). It returns the files written. The old report and
// charts are removed first, so that a drawing that fails leaves none
// that would describe an earlier state of the data.
func DrawDir(dir, hist string) ([]string, error) {
	res, err := LoadResults(dir)
	if err != nil {
		return nil, err
	}
	if err := clearReport(dir); err != nil {
		return nil, err
	}
	c, err := NewCharts(res, hist)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	charts, err := DrawCharts(c, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	staff, err := drawStaffing(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	obs, err := drawObserved(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	charts = append(append(staff, obs...), charts...)
	page, err := WriteHTML(res, charts)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, ch := range charts {
		files = append(files, filepath.Join(dir, PlotsDir, ch.Name+".png"), filepath.Join(dir, PlotsDir, ch.Name+".svg"))
	}
	return append(files, page), nil
}
