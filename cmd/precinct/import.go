package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"github.com/precinct-sim/precinct/cad"
	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/study"
)

func cmdImport(args []string, stdout io.Writer) error {
	c := newCommand("import", "precinct import FILE.csv --profile NAME|PROFILE.toml [--beats BEATS.geojson [--neighborhoods HOODS.geojson]] --out SCENARIO.toml",
		`Turns a calls-for-service (CAD) extract into a scenario. The profile names
the extract's columns, timestamp layout and zone, coordinate system and
priority codes: a built-in one (`+strings.Join(cad.Profiles(), ", ")+`) or a
PROFILE.toml of the same form. The file is read once, in bounded memory.

Writes SCENARIO.toml (commented: "data:" beside what the extract gave,
"default:" beside the rest), observed.csv beside it (the extract's
processing, travel, response and on-scene minutes by priority and hour)
and import.json (the file's SHA-256, the profile, the date range, rows
kept and dropped by reason). No address or free text of the file is
written. The scenario is written last: if it exists, the import finished.

--beats and --neighborhoods take GeoJSON polygons in WGS84 longitude and
latitude (a shapefile converts with GDAL: ogr2ogr -f GeoJSON -t_srs
EPSG:4326 beats.geojson beats.shp). The beat map sets the grid (its
bounding box in cells of --cell-m); the neighborhoods are rasterized onto
it by cell centre and written cell by cell (world.map.neighborhood_rows).`)
	profile := c.fs.String("profile", "", "the extract's layout: a built-in `NAME` or a PROFILE.toml")
	beats := c.fs.String("beats", "", "a GeoJSON `FILE` of beat polygons in WGS84 (ogr2ogr -t_srs EPSG:4326 converts a shapefile)")
	hoods := c.fs.String("neighborhoods", "", "a GeoJSON `FILE` of neighborhood polygons in WGS84, onto the beat map's grid (needs --beats)")
	hoodKey := c.fs.String("hood-key", "name", "the GeoJSON property naming a neighborhood (`KEY`)")
	out := c.fs.String("out", "", "the scenario `FILE` to write")
	cellM := c.fs.Float64("cell-m", 100, "side of a grid cell in `metres`")
	types := c.fs.Int("types", 10, "call types kept apart, the largest by workload; the rest are pooled as other")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) != 1 || *profile == "" || *out == "" {
		return usagef("import: want one FILE.csv, --profile and --out")
	}
	if *hoods != "" && *beats == "" {
		return usagef("import: --neighborhoods goes onto the beat map's grid: give --beats too")
	}
	if *cellM < 1 || *cellM > 5000 || *types < 1 || *types > 60 {
		return usagef("import: --cell-m must be 1 .. 5000 and --types 1 .. 60")
	}
	p, err := cad.LoadProfile(*profile)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
	res, err := cad.ImportFile(pos[0], p, cad.Options{Beats: *beats, Hoods: *hoods, HoodKey: *hoodKey, CellM: *cellM, MaxTypes: *types, Name: name})
	if err != nil {
		return err
	}
	pv := study.CurrentProvenance()
	res.Provenance.Imported = pv.Version + " " + pv.Revision
	dir := filepath.Dir(*out)
	prov, err := json.MarshalIndent(res.Provenance, "", "  ")
	if err != nil {
		return err
	}
	if err := study.WriteFileAtomic(filepath.Join(dir, "observed.csv"), res.Estimates.ObservedCSV()); err != nil {
		return err
	}
	if err := study.WriteFileAtomic(filepath.Join(dir, "import.json"), append(prov, '\n')); err != nil {
		return err
	}
	if err := study.WriteFileAtomic(*out, res.Scenario); err != nil {
		return err
	}
	k := res.Provenance.Counts
	fmt.Fprintf(stdout, "%s: %d rows, %d calls kept, %d officer-initiated, %d dropped; %d call types over %d days\nwrote %s, %s, %s\n",
		pos[0], k.Rows, k.Kept, k.SelfInitiated, k.Rows-k.Kept-k.SelfInitiated, len(res.Estimates.Types), res.Estimates.Days,
		*out, filepath.Join(dir, "observed.csv"), filepath.Join(dir, "import.json"))
	return nil
}

func cmdExtract(args []string, stdout io.Writer) error {
	c := newCommand("extract", "precinct extract PROFILE [NAME|FILE] --out FILE.csv [--beats-out BEATS.geojson] [--hoods-out HOODS.geojson] [--days N] [--seed S] [--source engine|draws]",
		`Writes a test calls-for-service extract in a built-in profile's layout
from a scenario (default: baseline). With --source engine (the default)
the calls are those of a run of the scenario (replicate 0, after its
warm-up): every call a unit reached, crime calls included, stamped with
the engine's own processing, queue, travel and time on scene, so that
importing the extract and running the imported scenario can be checked
against it ('precinct compare-observed'). With --source draws they are
drawn from the scenario's non-crime call types, rates, profiles,
processing and time on scene with a made-up queue for one call in ten:
no simulation, years of rows in seconds. Either way the rows carry the
layout's quirks (state-plane feet, blurred coordinates, durations
instead of timestamps, duplicates, voids and tests, cancelled calls,
calls with no unit, missing and out-of-order stamps). --beats-out
and --hoods-out write the scenario's beats and neighborhoods as GeoJSON
maps for 'precinct import --beats --neighborhoods'.`)
	out := c.fs.String("out", "", "the extract `FILE` to write")
	beatsOut := c.fs.String("beats-out", "", "write the scenario's beats as GeoJSON to `FILE`")
	hoodsOut := c.fs.String("hoods-out", "", "write the scenario's neighborhoods as GeoJSON to `FILE` (the name in property \"name\")")
	days := c.fs.Int("days", 90, "days of calls")
	seed := c.fs.Uint64("seed", 1, "random seed")
	quirk := c.fs.Float64("quirk", 0.005, "probability of each quirk per call")
	source := c.fs.String("source", "engine", "where the calls come from: `engine` (a run of the scenario) or draws")
	pos, err := c.parse(args, stdout)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) < 1 || len(pos) > 2 || *out == "" {
		return usagef("extract: want a PROFILE, at most one scenario and --out")
	}
	if *days < 1 || *days > 3660 || *quirk < 0 || *quirk > 0.1 {
		return usagef("extract: --days must be 1 .. 3660 and --quirk 0 .. 0.1")
	}
	if *source != "engine" && *source != "draws" {
		return usagef("extract: --source %q: want engine or draws", *source)
	}
	p, err := cad.LoadProfile(pos[0])
	if err != nil {
		return err
	}
	ref := "baseline"
	if len(pos) == 2 {
		ref = pos[1]
	}
	s, err := scenarios.Load(ref, nil)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	truth, err := cad.Generate(&buf, p, s, cad.GenOptions{Days: *days, Quirk: *quirk, SelfInit: 8, Engine: *source == "engine"}, rand.New(rand.NewPCG(*seed, 0x657874)))
	if err != nil {
		return err
	}
	if *beatsOut != "" {
		gj, err := cad.WriteBeatsGeoJSON(s, p.Name)
		if err != nil {
			return err
		}
		if err := study.WriteFileAtomic(*beatsOut, gj); err != nil {
			return err
		}
	}
	if *hoodsOut != "" {
		gj, err := cad.WriteHoodsGeoJSON(s, p.Name)
		if err != nil {
			return err
		}
		if err := study.WriteFileAtomic(*hoodsOut, gj); err != nil {
			return err
		}
	}
	if err := study.WriteFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d rows (%d calls, %d officer-initiated) in the %s layout\n", *out, truth.Counts.Rows, truth.Counts.Kept, truth.Counts.SelfInitiated, p.Name)
	return nil
}
