package cad

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/precinct-sim/precinct/scenarios"
)

// Options sets one import.
type Options struct {
	Beats    string  // GeoJSON beat map; empty: none
	Hoods    string  // GeoJSON neighborhood map, onto the beat map's grid; empty: one neighborhood
	HoodKey  string  // the property naming a neighborhood; empty: "name"
	CellM    float64 // side of a cell, metres
	MaxTypes int     // call types kept apart; the rest are pooled as other
	Name     string  // the scenario's name
}

// Result is one import.
type Result struct {
	Scenario   []byte // the commented scenario
	Estimates  *Estimates
	Grid       *Grid
	Provenance Provenance
}

// Import streams an extract through the profile and estimates a scenario.
// Bad input is a scenarios.Problem; the scenario it returns loads.
func Import(file string, in io.Reader, p *Profile, opt Options) (*Result, error) {
	var bm *BeatMap
	if opt.Beats != "" {
		var err error
		if bm, err = ReadBeats(opt.Beats, p.BeatKey, opt.CellM); err != nil {
			return nil, err
		}
	}
	var hm *HoodMap
	if opt.Hoods != "" {
		if bm == nil {
			return nil, &scenarios.Problem{File: opt.Hoods, Msg: "a neighborhood map goes onto the beat map's grid: give the beats too (--beats)"}
		}
		key := opt.HoodKey
		if key == "" {
			key = "name"
		}
		var err error
		if hm, err = bm.ReadNeighborhoods(opt.Hoods, key); err != nil {
			return nil, err
		}
	}
	e := NewEstimator(bm)
	counts, err := Read(in, file, p, e.Add)
	if err != nil {
		return nil, err
	}
	if counts.Kept == 0 {
		var why []string
		for _, r := range Reasons {
			if n := counts.Dropped[r]; n > 0 {
				why = append(why, fmt.Sprintf("%s %d", r, n))
			}
		}
		return nil, &scenarios.Problem{File: file, Msg: fmt.Sprintf("no call left: all %d data rows were filtered (%s; officer-initiated %d); check the profile's filters and columns", counts.Rows, strings.Join(why, ", "), counts.SelfInitiated)}
	}
	est := e.Finish(p, opt.MaxTypes)
	g := e.Grid(opt.CellM)
	if hm != nil {
		g.Hood, g.HoodNames = hm.Hood, hm.Names
	}
	prov := Provenance{File: filepath.Base(file), Profile: p.Name, Counts: counts, First: est.First, Last: est.Last}
	res := &Result{Estimates: est, Grid: g, Provenance: prov}
	res.Scenario = WriteScenario(opt.Name, est, g, prov)
	if _, err := scenarios.Parse(opt.Name+".toml", res.Scenario, nil); err != nil {
		return nil, fmt.Errorf("the imported scenario does not load (a bug): %w", err)
	}
	return res, nil
}

// ImportFile is Import on a file by path.
func ImportFile(file string, p *Profile, opt Options) (*Result, error) {
	fh, err := os.Open(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, &scenarios.Problem{File: file, Msg: "no such file"}
		}
		return nil, fmt.Errorf("opening extract: %w", err)
	}
	defer fh.Close()
	return Import(file, fh, p, opt)
}
