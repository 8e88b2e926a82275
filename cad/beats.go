package cad

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/precinct-sim/precinct/scenarios"
)

// BeatMap is a beat map rasterized to a grid: the grid covers the
// polygons' bounding box in cells of CellM metres, and each cell belongs
// to the beat whose polygon holds its centre.
type BeatMap struct {
	Names         []string // beat names, sorted
	Width, Height int
	CellM         float64
	Beat          []int // beat of each cell, -1 outside every polygon
	proj          local // longitude and latitude to metres from the north-west corner
}

// maxPolygonBytes bounds a beat map file.
const maxPolygonBytes = 64 << 20

// ReadBeats reads a GeoJSON FeatureCollection of beat polygons in WGS84
// (the name in property key) and rasterizes it in cells of cellM metres.
func ReadBeats(file, key string, cellM float64) (*BeatMap, error) {
	areas, bound, bad, err := readPolygons(file, key, "beat")
	if err != nil {
		return nil, err
	}
	refLat := (bound.Min[1] + bound.Max[1]) / 2
	m := &BeatMap{CellM: cellM, proj: newLocal(refLat, bound.Min[0], bound.Max[1])}
	e, s := m.proj.metres(bound.Max[0], bound.Min[1])
	m.Width, m.Height = int(math.Ceil(e/cellM-1e-6)), int(math.Ceil(s/cellM-1e-6))
	if m.Width < 1 || m.Height < 1 || m.Width > 1024 || m.Height > 1024 {
		return nil, bad(0, "spans %.0f x %.0f m: at cells of %g m that is a %dx%d grid, want 1 .. 1024 a side (change --cell-m)", e, s, cellM, m.Width, m.Height)
	}
	m.Names, m.Beat = m.rasterize(areas)
	return m, nil
}

// area is one named polygon feature of a GeoJSON map.
type area struct {
	name string
	geom orb.MultiPolygon
}

// rasterize gives each cell of m's grid the index of the named area
// whose polygon holds its centre, -1 outside every one; names are the
// areas' names, sorted, each once.
func (m *BeatMap) rasterize(areas []area) ([]string, []int) {
	var names []string
	index := map[string]int{}
	for _, a := range areas {
		if _, ok := index[a.name]; !ok {
			index[a.name] = len(names)
			names = append(names, a.name)
		}
	}
	cells := make([]int, m.Width*m.Height)
	for c := range cells {
		cells[c] = -1
		lon, lat := m.proj.lonLat((float64(c%m.Width)+0.5)*m.CellM, (float64(c/m.Width)+0.5)*m.CellM)
		for _, a := range areas {
			if planar.MultiPolygonContains(a.geom, orb.Point{lon, lat}) {
				cells[c] = index[a.name]
				break
			}
		}
	}
	return names, cells
}

// readPolygons reads a GeoJSON FeatureCollection of polygons in WGS84,
// each named by property key, sorted by name; what names an area in
// messages ("beat", "neighborhood"). bad makes a Problem at a byte
// offset of the file.
func readPolygons(file, key, what string) ([]area, orb.Bound, func(int, string, ...any) error, error) {
	var bound orb.Bound
	data, err := os.ReadFile(file)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, bound, nil, &scenarios.Problem{File: file, Msg: "no such file"}
		}
		return nil, bound, nil, fmt.Errorf("reading %s map: %w", what, err)
	}
	bad := func(off int, format string, a ...any) error {
		l, c := lineCol(data, off)
		return &scenarios.Problem{File: file, Line: l, Col: c, Msg: fmt.Sprintf(format, a...)}
	}
	if len(data) > maxPolygonBytes {
		return nil, bound, bad, bad(0, "is %d bytes: a %s map may be at most %d", len(data), what, maxPolygonBytes)
	}
	var head struct {
		CRS *struct {
			Properties struct{ Name string } `json:"properties"`
		} `json:"crs"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, bound, bad, jsonProblem(file, data, err)
	}
	if head.CRS != nil {
		if n := head.CRS.Properties.Name; !slices.Contains([]string{"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"}, n) {
			return nil, bound, bad, bad(bytes.Index(data, []byte(`"crs"`)), "crs %q: the %s map must be in WGS84 longitude and latitude (ogr2ogr -t_srs EPSG:4326)", n, what)
		}
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, bound, bad, jsonProblem(file, data, err)
	}
	var areas []area
	bound = orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for i, f := range fc.Features {
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			continue
		}
		off := nthIndex(data, []byte(`"coordinates"`), i)
		b := mp.Bound()
		if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
			return nil, bound, bad, bad(off, "feature %d: coordinates %v are not longitude and latitude: the %s map must be in WGS84 (ogr2ogr -t_srs EPSG:4326)", i, b.Max, what)
		}
		if f.Properties[key] == nil {
			return nil, bound, bad, bad(off, "feature %d has no property %q naming its %s", i, key, what)
		}
		areas = append(areas, area{fmt.Sprint(f.Properties[key]), mp})
		bound = bound.Union(b)
	}
	if len(areas) == 0 {
		return nil, bound, bad, bad(0, "holds no Polygon or MultiPolygon feature: want the %ss as polygons", what)
	}
	slices.SortStableFunc(areas, func(a, b area) int { return cmp.Compare(a.name, b.name) })
	return areas, bound, bad, nil
}

// HoodMap is a neighborhood map rasterized to a beat map's grid.
type HoodMap struct {
	Names []string // neighborhood names, sorted; only those with a cell
	Hood  []int    // neighborhood of each cell; a cell outside every polygon takes the nearest one's
}

// ReadNeighborhoods reads a GeoJSON FeatureCollection of neighborhood
// polygons in WGS84 (the name in property key) onto m's grid, by cell
// centre. A neighborhood whose polygons hold no cell centre is left out;
// a map none of whose polygons holds one is a Problem.
func (m *BeatMap) ReadNeighborhoods(file, key string) (*HoodMap, error) {
	areas, _, bad, err := readPolygons(file, key, "neighborhood")
	if err != nil {
		return nil, err
	}
	names, cells := m.rasterize(areas)
	used := make([]int, len(names))
	for _, h := range cells {
		if h >= 0 {
			used[h]++
		}
	}
	hm := &HoodMap{}
	renum := make([]int, len(names))
	for i, n := range used {
		renum[i] = -1
		if n > 0 {
			renum[i] = len(hm.Names)
			hm.Names = append(hm.Names, names[i])
		}
	}
	if len(hm.Names) == 0 {
		return nil, bad(0, "no neighborhood polygon holds the centre of a cell of the beat map's %dx%d grid: the maps do not overlap", m.Width, m.Height)
	}
	if len(hm.Names) > len(scenarios.MapAlphabet) {
		return nil, bad(0, "has %d neighborhoods on the grid: a scenario may have at most %d given cell by cell", len(hm.Names), len(scenarios.MapAlphabet))
	}
	for c, h := range cells {
		if h >= 0 {
			cells[c] = renum[h]
		}
	}
	hm.Hood = nearest(cells, m.Width, m.Height)
	return hm, nil
}

// Cell returns the cell holding a point, or -1 outside the grid.
func (m *BeatMap) Cell(lon, lat float64) int {
	e, s := m.proj.metres(lon, lat)
	x, y := int(math.Floor(e/m.CellM)), int(math.Floor(s/m.CellM))
	if x < 0 || y < 0 || x >= m.Width || y >= m.Height {
		return -1
	}
	return y*m.Width + x
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	if off < 0 || off > len(data) {
		return 0, 0
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	return line, off - bytes.LastIndexByte(data[:off], '\n')
}

func nthIndex(data, sep []byte, n int) int {
	off := 0
	for i := 0; ; i++ {
		j := bytes.Index(data[off:], sep)
		if j < 0 {
			return -1
		}
		if i == n {
			return off + j
		}
		off += j + len(sep)
	}
}

func jsonProblem(file string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := 0
	switch {
	case asErr(err, &se):
		off = int(se.Offset)
	case asErr(err, &te):
		off = int(te.Offset)
	}
	l, c := lineCol(data, off)
	return &scenarios.Problem{File: file, Line: l, Col: c, Msg: "not a GeoJSON FeatureCollection: " + err.Error()}
}

// WriteBeatsGeoJSON writes a scenario's beats as a GeoJSON beat map in
// WGS84, the grid's north-west corner at the profile's anchor: one
// feature per beat, its cells merged into rectangles.
func WriteBeatsGeoJSON(s *scenarios.Scenario, profile string) ([]byte, error) {
	g := s.Config().Grid
	return writeCellsGeoJSON(s, profile, g.Beat, g.Beats, "beat", BeatName)
}

// WriteHoodsGeoJSON writes a scenario's neighborhoods as a GeoJSON
// neighborhood map as WriteBeatsGeoJSON writes its beats, each named in
// property "name".
func WriteHoodsGeoJSON(s *scenarios.Scenario, profile string) ([]byte, error) {
	g := s.Config().Grid
	return writeCellsGeoJSON(s, profile, g.Neighborhood, len(g.Neighborhoods), "name", func(i int) string { return g.Neighborhoods[i] })
}

// writeCellsGeoJSON writes n areas, cell c in area labels[c], as GeoJSON
// features named name(i) in property key.
func writeCellsGeoJSON(s *scenarios.Scenario, profile string, labels []int, n int, key string, name func(int) string) ([]byte, error) {
	g := s.Config().Grid
	alon, alat := Anchor(profile)
	refLat := alat - float64(g.Height)*g.CellM/2/111195
	// The reader takes the reference latitude from the polygons' bounds;
	// the generator draws at the same one when the bounds are the grid.
	proj := newLocal(refLat, alon, alat)
	_, latS := proj.lonLat(0, float64(g.Height)*g.CellM)
	proj = newLocal((alat+latS)/2, alon, alat)
	fc := geojson.NewFeatureCollection()
	for b := range n {
		var mp orb.MultiPolygon
		open := map[[2]int]int{}
		var rects [][4]int
		for y := 0; y <= g.Height; y++ {
			cur := map[[2]int]bool{}
			for x := 0; y < g.Height && x < g.Width; {
				if labels[y*g.Width+x] != b {
					x++
					continue
				}
				x0 := x
				for x < g.Width && labels[y*g.Width+x] == b {
					x++
				}
				cur[[2]int{x0, x}] = true
				if _, ok := open[[2]int{x0, x}]; !ok {
					open[[2]int{x0, x}] = y
				}
			}
			for k, y0 := range open {
				if !cur[k] {
					rects = append(rects, [4]int{k[0], y0, k[1], y})
					delete(open, k)
				}
			}
		}
		slices.SortFunc(rects, func(a, b [4]int) int { return slices.Compare(a[:], b[:]) })
		pt := func(x, y int) orb.Point {
			lon, lat := proj.lonLat(float64(x)*g.CellM, float64(y)*g.CellM)
			return orb.Point{math.Round(lon*1e9) / 1e9, math.Round(lat*1e9) / 1e9}
		}
		for _, r := range rects {
			mp = append(mp, orb.Polygon{orb.Ring{pt(r[0], r[1]), pt(r[0], r[3]), pt(r[2], r[3]), pt(r[2], r[1]), pt(r[0], r[1])}})
		}
		f := geojson.NewFeature(mp)
		f.Properties[key] = name(b)
		fc.Append(f)
	}
	return json.MarshalIndent(fc, "", " ")
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
