package cad

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/precinct-sim/precinct/scenarios"
)

// Reasons a row is dropped, in the order they are tested.
const (
	Duplicate        = "duplicate"
	VoidOrTest       = "void_or_test"
	Cancelled        = "cancelled"
	NoUnit           = "no_unit"
	MissingTimestamp = "missing_timestamp"
	OutOfOrder       = "out_of_order"
	UnknownPriority  = "unknown_priority"
)

// Reasons lists the reasons a row is dropped.
var Reasons = []string{Duplicate, VoidOrTest, Cancelled, NoUnit, MissingTimestamp, OutOfOrder, UnknownPriority}

// Row is one call of an extract as the estimates see it. Durations are
// minutes, NaN where the extract does not say.
type Row struct {
	Line       int
	Type       string // the call type as written (final type, else initial)
	Priority   int    // 1..3
	Created    time.Time
	ToDispatch float64 // call received to first dispatch
	Travel     float64 // first dispatch to first arrival
	Response   float64 // call received to first arrival
	OnScene    float64 // first arrival to close
	Beat       string
	Lon, Lat   float64
	HasLoc     bool
	Units      int // units sent; 0 when unknown
	SelfInit   bool
}

// Counts are the rows of an extract by what became of them.
type Counts struct {
	Rows          int            `json:"rows"`           // data rows read
	Kept          int            `json:"kept"`           // calls for service kept
	SelfInitiated int            `json:"self_initiated"` // officer-initiated and on-view rows: workload, not arrivals
	Dropped       map[string]int `json:"dropped"`        // by reason
	SHA256        string         `json:"sha256"`         // of the whole file
}

// dedupWindow is how far back in created time a duplicate is looked for:
// the seen-rows set forgets rows older than this, which bounds memory.
const dedupWindow = 2 * 24 * time.Hour

// reader streams one extract.
type reader struct {
	p       *Profile
	file    string
	cr      *csv.Reader
	col     map[string]int
	sum     hash.Hash
	seen    map[uint64]int64
	latest  int64
	limit   int
	lcc     *lcc
	void    map[string]bool
	cancel  map[string]bool
	noUnit  map[string]bool
	tests   map[string]bool
	selfVal map[string]bool
}

// Read streams an extract, calling fn with every kept row and every
// officer-initiated row (SelfInit set). Bad input is a scenarios.Problem
// naming the file, line and column.
func Read(r io.Reader, file string, p *Profile, fn func(*Row)) (Counts, error) {
	rd := &reader{p: p, file: file, sum: sha256.New(), seen: map[uint64]int64{}, limit: 1 << 18,
		void: set(p.Filters.Void), cancel: set(p.Filters.Cancelled), noUnit: set(p.Filters.NoUnit),
		tests: set(p.Filters.TestTypes), selfVal: set(p.Filters.SelfInitiated)}
	if p.Coordinates.System == "lcc" {
		rd.lcc = newLCC(p.Coordinates)
	}
	rd.cr = csv.NewReader(io.TeeReader(r, rd.sum))
	rd.cr.Comma = []rune(p.Delimiter)[0]
	rd.cr.ReuseRecord = true
	rd.cr.FieldsPerRecord = 0
	c := Counts{Dropped: map[string]int{}}
	for _, k := range Reasons {
		c.Dropped[k] = 0
	}
	if err := rd.header(); err != nil {
		return c, err
	}
	var row Row
	for {
		rec, err := rd.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, rd.csvProblem(err)
		}
		c.Rows++
		line, _ := rd.cr.FieldPos(0)
		row = Row{Line: line}
		reason, err := rd.parse(rec, &row)
		if err != nil {
			return c, err
		}
		switch {
		case reason != "":
			c.Dropped[reason]++
		case row.SelfInit:
			c.SelfInitiated++
			fn(&row)
		default:
			c.Kept++
			fn(&row)
		}
	}
	c.SHA256 = hex.EncodeToString(rd.sum.Sum(nil))
	return c, nil
}

func set(v []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range v {
		m[strings.ToUpper(s)] = true
	}
	return m
}

func (rd *reader) problem(line, col int, format string, a ...any) error {
	return &scenarios.Problem{File: rd.file, Line: line, Col: col, Msg: fmt.Sprintf(format, a...)}
}

func (rd *reader) csvProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return rd.problem(pe.Line, pe.Column, "%v", pe.Err)
	}
	return fmt.Errorf("reading %s: %w", rd.file, err)
}

// header reads the header row and finds the profile's columns.
func (rd *reader) header() error {
	h, err := rd.cr.Read()
	if err == io.EOF {
		return rd.problem(1, 1, "the file is empty: want a header row")
	}
	if err != nil {
		return rd.csvProblem(err)
	}
	if len(h) == 1 {
		for _, d := range []string{";", "\t", "|", ","} {
			if d != rd.p.Delimiter && strings.Contains(h[0], d) {
				return rd.problem(1, 1, "the header is one column holding %q: the file looks delimited by %q, profile %s expects %q", d, d, rd.p.Name, rd.p.Delimiter)
			}
		}
	}
	rd.col = map[string]int{}
	for i, name := range h {
		rd.col[strings.TrimPrefix(strings.TrimSpace(name), "\ufeff")] = i
	}
	c := rd.p.Columns
	need := map[string]string{"type": c.Type, "created": c.Created, "priority": c.Priority}
	if rd.p.Durations {
		need["intake"], need["travel"] = c.Intake, c.Travel
	} else {
		need["arrived"] = c.Arrived
	}
	for _, key := range []string{"type", "created", "priority", "arrived", "intake", "travel"} {
		name := need[key]
		if _, ok := rd.col[name]; name != "" && !ok {
			return rd.problem(1, 1, "no column %q (columns.%s of profile %s); the header has %d columns: %s", name, key, rd.p.Name, len(h), strings.Join(shorten(h), ", "))
		}
	}
	return nil
}

func shorten(h []string) []string {
	if len(h) > 12 {
		return append(slices.Clone(h[:12]), "...")
	}
	return h
}

// field returns the named column of rec, trimmed, and its index (-1 when
// the layout or the file lacks it).
func (rd *reader) field(rec []string, name string) (string, int) {
	if name == "" {
		return "", -1
	}
	i, ok := rd.col[name]
	if !ok || i >= len(rec) {
		return "", -1
	}
	return strings.TrimSpace(rec[i]), i
}

func (rd *reader) pos(i int) (int, int) {
	l, c := rd.cr.FieldPos(i)
	return l, c
}

// stamp parses a timestamp column; ok is false when it is empty.
func (rd *reader) stamp(rec []string, name string) (t time.Time, ok bool, err error) {
	s, i := rd.field(rec, name)
	if s == "" {
		return t, false, nil
	}
	t, err = time.ParseInLocation(rd.p.TimeFormat, s, rd.p.loc)
	if err != nil {
		l, c := rd.pos(i)
		return t, false, rd.problem(l, c, "column %s: cannot read %q as a timestamp in the layout %q of profile %s", name, clip(s), rd.p.TimeFormat, rd.p.Name)
	}
	return t, true, nil
}

// minutes parses a duration column in minutes; ok is false when empty.
func (rd *reader) minutes(rec []string, name string) (float64, bool, error) {
	s, i := rd.field(rec, name)
	if s == "" {
		return math.NaN(), false, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		l, c := rd.pos(i)
		return 0, false, rd.problem(l, c, "column %s: cannot read %q as minutes", name, clip(s))
	}
	return v, true, nil
}

// clip keeps a bad value short in a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// parse fills row from rec and returns the reason it is dropped, if any.
func (rd *reader) parse(rec []string, row *Row) (string, error) {
	c := rd.p.Columns
	created, hasCreated, err := rd.stamp(rec, c.Created)
	if err != nil {
		return "", err
	}
	if rd.duplicate(rec, created) {
		return Duplicate, nil
	}
	typ, _ := rd.field(rec, c.Type)
	if typ == "" {
		typ, _ = rd.field(rec, c.InitialType)
	}
	row.Type = typ
	disp, _ := rd.field(rec, c.Disposition)
	disp = strings.ToUpper(disp)
	if rd.void[disp] || rd.tests[strings.ToUpper(typ)] {
		return VoidOrTest, nil
	}
	if rd.cancel[disp] {
		return Cancelled, nil
	}
	if rd.noUnit[disp] {
		return NoUnit, nil
	}
	si, _ := rd.field(rec, c.SelfInitiated)
	src, _ := rd.field(rec, c.Source)
	row.SelfInit = rd.selfVal[strings.ToUpper(si)] || rd.selfVal[strings.ToUpper(src)]
	if !hasCreated {
		return MissingTimestamp, nil
	}
	row.Created = created
	if reason, err := rd.stages(rec, row); reason != "" || err != nil {
		return reason, err
	}
	pr, _ := rd.field(rec, c.Priority)
	if row.Priority = rd.p.priority(pr); row.Priority == 0 {
		return UnknownPriority, nil
	}
	row.Beat, _ = rd.field(rec, c.Beat)
	if err := rd.location(rec, row); err != nil {
		return "", err
	}
	if u, i := rd.field(rec, c.Units); u != "" {
		n, err := strconv.Atoi(u)
		if err != nil || n < 0 || n > 100 {
			l, col := rd.pos(i)
			return "", rd.problem(l, col, "column %s: want a count of units 0 .. 100, got %q", c.Units, clip(u))
		}
		row.Units = n
	}
	return "", nil
}

// stages fills the response components.
func (rd *reader) stages(rec []string, row *Row) (string, error) {
	c := rd.p.Columns
	nan := math.NaN()
	row.ToDispatch, row.Travel, row.Response, row.OnScene = nan, nan, nan, nan
	if rd.p.Durations {
		in, okIn, err := rd.minutes(rec, c.Intake)
		if err != nil {
			return "", err
		}
		wait, okW, err := rd.minutes(rec, c.DispatchWait)
		if err != nil {
			return "", err
		}
		tr, okT, err := rd.minutes(rec, c.Travel)
		if err != nil {
			return "", err
		}
		sc, okS, err := rd.minutes(rec, c.OnScene)
		if err != nil {
			return "", err
		}
		switch {
		case !okT && !okS:
			return NoUnit, nil
		case !okIn || !okT || (c.DispatchWait != "" && !okW) || (c.OnScene != "" && !okS):
			return MissingTimestamp, nil
		case in < 0 || tr < 0 || (okW && wait < 0) || (okS && sc < 0):
			return OutOfOrder, nil
		}
		if !okW {
			wait = 0
		}
		row.ToDispatch, row.Travel, row.Response, row.OnScene = in+wait, tr, in+wait+tr, sc
		return "", nil
	}
	disp, okD, err := rd.stamp(rec, c.Dispatched)
	if err != nil {
		return "", err
	}
	arr, okA, err := rd.stamp(rec, c.Arrived)
	if err != nil {
		return "", err
	}
	closed, okC, err := rd.stamp(rec, c.Closed)
	if err != nil {
		return "", err
	}
	if okD {
		disp = laterOf(disp, row.Created)
		arr = laterOf(arr, disp)
	} else {
		arr = laterOf(arr, row.Created)
	}
	if okC {
		closed = laterOf(closed, arr)
	}
	switch {
	case !okA && !okD:
		return NoUnit, nil
	case !okA || (c.Closed != "" && !okC):
		return MissingTimestamp, nil
	case okD && (disp.Before(row.Created) || arr.Before(disp)), arr.Before(row.Created), okC && closed.Before(arr):
		return OutOfOrder, nil
	}
	row.Response = arr.Sub(row.Created).Minutes()
	if okD {
		row.ToDispatch, row.Travel = disp.Sub(row.Created).Minutes(), arr.Sub(disp).Minutes()
	}
	if okC {
		row.OnScene = closed.Sub(arr).Minutes()
	}
	return "", nil
}

// laterOf resolves the hour a local clock shows twice when it falls back
// from summer time: a stamp without an offset in that hour parses as its
// first occurrence, so a stamp that reads before the one it follows, and
// whose wall-clock time recurs an hour later, is taken as the second
// occurrence. Any other stamp is returned as it is.
func laterOf(t, prev time.Time) time.Time {
	if !t.Before(prev) {
		return t
	}
	second := t.Add(time.Hour)
	if second.Hour() == t.Hour() && second.Minute() == t.Minute() && !second.Before(prev) {
		return second
	}
	return t
}

// location fills longitude and latitude; an empty or zero coordinate is
// no location (extracts write 0 for unknown).
func (rd *reader) location(rec []string, row *Row) error {
	c := rd.p.Columns
	if c.Point != "" {
		s, i := rd.field(rec, c.Point)
		if s == "" {
			return nil
		}
		g, err := wkt.Unmarshal(s)
		pt, ok := g.(orb.Point)
		if err != nil || !ok {
			l, col := rd.pos(i)
			return rd.problem(l, col, "column %s: want a WKT point such as \"POINT (-122.41 37.77)\"", c.Point)
		}
		row.Lon, row.Lat, row.HasLoc = pt[0], pt[1], true
		return rd.checkLoc(row, i)
	}
	xs, xi := rd.field(rec, c.X)
	ys, _ := rd.field(rec, c.Y)
	if xs == "" || ys == "" {
		return nil
	}
	x, errX := strconv.ParseFloat(xs, 64)
	y, errY := strconv.ParseFloat(ys, 64)
	if errX != nil || errY != nil {
		l, col := rd.pos(xi)
		return rd.problem(l, col, "columns %s, %s: want numbers, got %q, %q", c.X, c.Y, clip(xs), clip(ys))
	}
	if x == 0 || y == 0 {
		return nil
	}
	if rd.lcc != nil {
		x, y = rd.lcc.inverse(x, y)
	}
	row.Lon, row.Lat, row.HasLoc = x, y, true
	return rd.checkLoc(row, xi)
}

func (rd *reader) checkLoc(row *Row, i int) error {
	if math.Abs(row.Lon) > 180 || math.Abs(row.Lat) > 90 || math.IsNaN(row.Lon) || math.IsNaN(row.Lat) {
		l, col := rd.pos(i)
		return rd.problem(l, col, "coordinates are not longitude and latitude in degrees: is the profile's coordinates.system (%q) the file's?", rd.p.Coordinates.System)
	}
	return nil
}

// duplicate reports whether the row's id (or, without one, the whole
// row) was seen among the rows created within dedupWindow of it.
func (rd *reader) duplicate(rec []string, created time.Time) bool {
	h := fnv.New64a()
	if id, _ := rd.field(rec, rd.p.Columns.ID); id != "" {
		h.Write([]byte(id))
	} else {
		for _, f := range rec {
			h.Write([]byte(f))
			h.Write([]byte{0})
		}
	}
	k := h.Sum64()
	m := created.Unix()
	if _, ok := rd.seen[k]; ok {
		return true
	}
	rd.seen[k] = m
	if m > rd.latest {
		rd.latest = m
	}
	if len(rd.seen) > rd.limit {
		cut := rd.latest - int64(dedupWindow/time.Second)
		for k, t := range rd.seen {
			if t < cut {
				delete(rd.seen, k)
			}
		}
		rd.limit = max(rd.limit, 2*len(rd.seen))
	}
	return false
}
