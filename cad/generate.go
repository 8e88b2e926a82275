package cad

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/precinct-sim/precinct/scenarios"
	"github.com/precinct-sim/precinct/sim"
	"gonum.org/v1/gonum/stat/distuv"
)

// anchors are the north-west corners test extracts are drawn at, one
// per built-in profile (a user's profile gets New Orleans').
var anchors = map[string][2]float64{
	"neworleans":   {-90.10, 29.99},
	"seattle":      {-122.36, 47.63},
	"cincinnati":   {-84.54, 39.13},
	"sanfrancisco": {-122.46, 37.79},
	"detroit":      {-83.11, 42.38},
}

// Anchor returns the longitude and latitude of the north-west corner of
// the grid that test extracts of a profile are drawn on.
func Anchor(profile string) (lon, lat float64) {
	a, ok := anchors[profile]
	if !ok {
		a = anchors["neworleans"]
	}
	return a[0], a[1]
}

// GenOptions sets a generated extract.
type GenOptions struct {
	Days      int     // days of calls from the scenario's start_date
	Quirk     float64 // probability of each quirk the layout can show, per call
	SelfInit  float64 // officer-initiated rows a day
	BeatNames []string
	// Engine takes the calls and their times from a run of the scenario
	// (replicate 0 after its warm-up, sim.RunCalls): every call a unit
	// reached and cleared, crime calls included, with the engine's own
	// processing, queue, travel and time on scene. Without it the calls
	// are drawn from the scenario's distributions with no queueing model
	// (fast: years of rows in seconds).
	Engine bool
}

// Truth is what a generated extract holds by construction.
type Truth struct {
	Counts  Counts         // rows by fate (SHA256 empty)
	PerType map[string]int // kept calls by the type's name as written
}

// BeatName is the name a generated extract and beat map give beat i.
func BeatName(i int) string { return fmt.Sprintf("B%02d", i+1) }

// TypeName is how a generated extract writes a scenario's call type.
func TypeName(t string) string { return strings.ToUpper(strings.ReplaceAll(t, "_", " ")) }

// gcall is one generated call before it is written.
type gcall struct {
	at                         time.Time
	typ                        string
	pri                        int
	proc, queue, travel, scene float64
	cell                       int
	self                       bool
	quirk                      string
	fx, fy                     float64
}

// Generate writes a test extract of s's non-crime calls in p's layout:
// per-hour Poisson counts at the scenario's rates and profiles, the
// scenario's processing and time-on-scene distributions, travel from a
// random cell of the call's beat at the priority's speed, a queue delay
// for one call in ten, and the layout's quirks (duplicates, voids and
// tests, cancellations, calls with no unit, missing and out-of-order
// stamps; an out-of-order stamp is 90 minutes early, more than the hour a
// clock repeats when summer time ends), each with probability opt.Quirk.
// Everything is drawn from rng. With opt.Engine the calls come from a
// run of the scenario instead (engineCalls) and only the quirks, the
// officer-initiated rows and the points within cells are drawn.
func Generate(w io.Writer, p *Profile, s *scenarios.Scenario, opt GenOptions, rng *rand.Rand) (Truth, error) {
	cfg := s.Config()
	g := cfg.Grid
	truth := Truth{Counts: Counts{Dropped: map[string]int{}}, PerType: map[string]int{}}
	for _, r := range Reasons {
		truth.Counts.Dropped[r] = 0
	}
	start, err := time.ParseInLocation("2006-01-02", s.StartDate, p.loc)
	if err != nil {
		return truth, fmt.Errorf("start_date: %w", err)
	}
	alon, alat := Anchor(p.Name)
	refLat := alat - float64(g.Height)*g.CellM/2/111195
	loc := newLocal(refLat, alon, alat)
	var proj *lcc
	if p.Coordinates.System == "lcc" {
		proj = newLCC(p.Coordinates)
	}
	cw := distuv.NewCategorical(g.CallWeight, rng)
	beatCells := make([][]int, g.Beats)
	for c, b := range g.Beat {
		beatCells[b] = append(beatCells[b], c)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n, t := range s.Calls.Types {
			if t.PerDay > 0 && !yield(n) {
				return
			}
		}
	})
	weekday := norm(s.Calls.Weekday, 7)
	monthly := norm(s.Calls.Monthly, 12)
	procs := []scenarios.DurationDist{s.Dispatch.Processing.P1, s.Dispatch.Processing.P2, s.Dispatch.Processing.P3}
	speeds := []float64{s.Travel.SpeedKMH, s.Travel.P2SpeedKMH, s.Travel.P3SpeedKMH}
	cols, header := p.layout()
	cw2 := csv.NewWriter(w)
	cw2.Comma = []rune(p.Delimiter)[0]
	if err := cw2.Write(header); err != nil {
		return truth, err
	}
	quirks := p.quirks()
	var run [][]gcall
	first := start // the date of the extract's first day
	if opt.Engine {
		if run, err = engineCalls(s, opt.Days, start); err != nil {
			return truth, err
		}
		first = start.AddDate(0, 0, s.WarmupDays)
	}
	id := 0
	rec := make([]string, len(header))
	for day := range opt.Days {
		d := first.AddDate(0, 0, day)
		f := weekday[(int(d.Weekday())+6)%7] * monthly[int(d.Month())-1]
		var calls []gcall
		if opt.Engine {
			calls, names = run[day], nil
			for i := range calls {
				calls[i].fx, calls[i].fy = rng.Float64(), rng.Float64()
			}
		}
		for _, n := range names {
			t := s.Calls.Types[n]
			prof := norm(t.Profile, 24)
			if len(t.Profile) == 0 {
				prof = norm(s.Calls.Profile, 24)
			}
			for h := range 24 {
				k := poisson(rng, t.PerDay/24*prof[h]*f)
				for range k {
					c := gcall{at: d.Add(time.Duration((float64(h) + rng.Float64()) * float64(time.Hour))).Truncate(time.Second), typ: n, pri: t.Priority}
					c.proc = draw(rng, procs[t.Priority-1])
					if rng.Float64() < 0.1 {
						c.queue = rng.ExpFloat64() * 6
					}
					c.cell = int(cw.Rand())
					from := beatCells[g.Beat[c.cell]][rng.IntN(len(beatCells[g.Beat[c.cell]]))]
					dist := (math.Abs(float64(from%g.Width-c.cell%g.Width)) + math.Abs(float64(from/g.Width-c.cell/g.Width))) * g.CellM
					c.travel = s.Travel.Turnout.Minutes() + dist/(speeds[t.Priority-1]*1000/60)
					c.scene = draw(rng, t.Service)
					c.fx, c.fy = rng.Float64(), rng.Float64()
					calls = append(calls, c)
				}
			}
		}
		for range poisson(rng, opt.SelfInit*b2f(len(p.Filters.SelfInitiated) > 0 && (p.Columns.SelfInitiated != "" || p.Columns.Source != ""))) {
			calls = append(calls, gcall{at: d.Add(time.Duration(rng.Float64() * float64(24*time.Hour))).Truncate(time.Second), typ: "traffic_stop", pri: 3,
				scene: 5 + rng.ExpFloat64()*10, cell: int(cw.Rand()), self: true, fx: rng.Float64(), fy: rng.Float64()})
		}
		slices.SortStableFunc(calls, func(a, b gcall) int { return a.at.Compare(b.at) })
		// write writes call c as the next row, with the next id.
		write := func(c gcall) error {
			id++
			lon, lat := loc.lonLat((float64(c.cell%g.Width)+c.fx)*g.CellM, (float64(c.cell/g.Width)+c.fy)*g.CellM)
			p.record(rec, cols, c, id, lon, lat, proj, opt.BeatNames, g.Beat[c.cell])
			if err := cw2.Write(rec); err != nil {
				return err
			}
			truth.Counts.Rows++
			return nil
		}
		for _, c := range calls {
			if !c.self {
				// A quirk is an extra row beside the call, so the calls
				// kept are the scenario's.
				for _, q := range quirks {
					if rng.Float64() < opt.Quirk {
						x := c
						x.quirk = q
						if err := write(x); err != nil {
							return truth, err
						}
						truth.Counts.Dropped[q]++
						break
					}
				}
			}
			if err := write(c); err != nil {
				return truth, err
			}
			switch {
			case c.self:
				truth.Counts.SelfInitiated++
			default:
				truth.Counts.Kept++
				truth.PerType[TypeName(c.typ)]++
			}
			if rng.Float64() < opt.Quirk {
				if err := cw2.Write(rec); err != nil {
					return truth, err
				}
				truth.Counts.Rows++
				truth.Counts.Dropped[Duplicate]++
			}
		}
	}
	cw2.Flush()
	return truth, cw2.Error()
}

// norm returns v scaled to mean 1, or n ones when v is empty.
func norm(v []float64, n int) []float64 {
	out := make([]float64, n)
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	for i := range out {
		out[i] = 1
		if len(v) == n && sum > 0 {
			out[i] = v[i] * float64(n) / sum
		}
	}
	return out
}

func poisson(rng *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	return int(distuv.Poisson{Lambda: mean, Src: rng}.Rand())
}

// draw samples a duration distribution in minutes (docs/MODEL.md 7.2).
func draw(rng *rand.Rand, d scenarios.DurationDist) float64 {
	m, sd := d.Mean.Minutes(), d.SD.Minutes()
	switch {
	case m == 0:
		return 0
	case d.Dist == "exponential":
		return rng.ExpFloat64() * m
	case sd == 0:
		return m
	}
	s2 := math.Log(1 + sd*sd/(m*m))
	return math.Exp(math.Log(m) - s2/2 + math.Sqrt(s2)*rng.NormFloat64())
}

// column keys of a layout, in header order.
const (
	kID = iota
	kType
	kInitial
	kPriority
	kCreated
	kDispatched
	kArrived
	kClosed
	kIntake
	kWait
	kTravel
	kScene
	kTotal
	kBeat
	kDistrict
	kX
	kY
	kPoint
	kSource
	kDisposition
	kSelf
	kAddress
)

// layout returns the column keys and the header of p's extract; every
// layout also has a block address, which no output may repeat.
func (p *Profile) layout() ([]int, []string) {
	c := p.Columns
	all := []struct {
		k    int
		name string
	}{{kID, c.ID}, {kType, c.Type}, {kInitial, c.InitialType}, {kPriority, c.Priority}, {kCreated, c.Created},
		{kDispatched, c.Dispatched}, {kArrived, c.Arrived}, {kClosed, c.Closed}, {kIntake, c.Intake}, {kWait, c.DispatchWait},
		{kTravel, c.Travel}, {kScene, c.OnScene}, {kBeat, c.Beat}, {kDistrict, c.District}, {kX, c.X}, {kY, c.Y},
		{kPoint, c.Point}, {kSource, c.Source}, {kDisposition, c.Disposition}, {kSelf, c.SelfInitiated}}
	var keys []int
	var header []string
	for _, a := range all {
		if a.name != "" {
			keys, header = append(keys, a.k), append(header, a.name)
		}
	}
	if p.Durations {
		keys, header = append(keys, kTotal), append(header, "totaltime")
	}
	return append(keys, kAddress), append(header, "block_address")
}

// quirks lists the dropped-row reasons p's layout can show.
func (p *Profile) quirks() []string {
	var q []string
	if len(p.Filters.Void) > 0 && p.Columns.Disposition != "" || len(p.Filters.TestTypes) > 0 {
		q = append(q, VoidOrTest)
	}
	if len(p.Filters.Cancelled) > 0 && p.Columns.Disposition != "" && !slices.Contains(p.Filters.Void, p.Filters.Cancelled[0]) {
		q = append(q, Cancelled)
	}
	return append(q, NoUnit, MissingTimestamp, OutOfOrder)
}

// record fills rec with call c in p's layout.
func (p *Profile) record(rec []string, keys []int, c gcall, id int, lon, lat float64, proj *lcc, beatNames []string, beat int) {
	ts := func(t time.Time) string { return t.In(p.loc).Format(p.TimeFormat) }
	mins := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	created := c.at
	dispatched := created.Add(dur(c.proc + c.queue))
	arrived := dispatched.Add(dur(c.travel))
	closed := arrived.Add(dur(c.scene))
	typ := TypeName(c.typ)
	disp := ""
	switch c.quirk {
	case VoidOrTest:
		if p.Columns.Disposition != "" && len(p.Filters.Void) > 0 {
			disp = p.Filters.Void[0]
		} else {
			typ = p.Filters.TestTypes[0]
		}
	case Cancelled:
		disp = p.Filters.Cancelled[0]
	}
	code := ""
	for k, v := range p.Priorities {
		if v == c.pri && (code == "" || k < code) {
			code = k
		}
	}
	bn := BeatName(beat)
	if beat < len(beatNames) {
		bn = beatNames[beat]
	}
	for i, k := range keys {
		v := ""
		switch k {
		case kID:
			v = strconv.Itoa(id)
		case kType, kInitial:
			v = typ
		case kPriority:
			v = code
			if p.PriorityLen > 0 {
				v += "A"
			}
		case kCreated:
			if c.quirk != MissingTimestamp {
				v = ts(created)
			}
		case kDispatched:
			if c.quirk != NoUnit {
				v = ts(dispatched)
			}
		case kArrived:
			switch {
			case c.quirk == NoUnit:
			case c.quirk == OutOfOrder && p.Columns.Closed == "":
				v = ts(created.Add(-90 * time.Minute))
			default:
				v = ts(arrived)
			}
		case kClosed:
			switch c.quirk {
			case NoUnit:
				v = ts(created.Add(dur(30)))
			case OutOfOrder:
				v = ts(arrived.Add(-90 * time.Minute))
			default:
				v = ts(closed)
			}
		case kIntake:
			v = mins(c.proc)
		case kWait:
			v = mins(c.queue)
		case kTravel:
			switch c.quirk {
			case NoUnit:
			case OutOfOrder:
				v = mins(-c.travel)
			default:
				v = mins(c.travel)
			}
		case kScene:
			if c.quirk != NoUnit {
				v = mins(c.scene)
			}
		case kTotal:
			v = mins(c.proc + c.queue + c.travel + c.scene)
		case kBeat:
			v = bn
		case kDistrict:
			v = strconv.Itoa(beat/4 + 1)
		case kX, kY:
			x, y := lon, lat
			switch {
			case proj != nil:
				x, y = proj.forward(lon, lat)
				x, y = math.Round(x*10)/10, math.Round(y*10)/10
			case p.Name == "seattle":
				x, y = math.Round(x*1000)/1000, math.Round(y*1000)/1000
			default:
				x, y = math.Round(x*1e6)/1e6, math.Round(y*1e6)/1e6
			}
			v = strconv.FormatFloat(x, 'f', -1, 64)
			if k == kY {
				v = strconv.FormatFloat(y, 'f', -1, 64)
			}
		case kPoint:
			v = fmt.Sprintf("POINT (%.6f %.6f)", lon, lat)
		case kSource:
			v = "911"
			if c.self && len(p.Filters.SelfInitiated) > 0 {
				v = p.Filters.SelfInitiated[0]
			}
		case kDisposition:
			v = disp
		case kSelf:
			v = "N"
			if p.Durations {
				v = "No"
			}
			if c.self && len(p.Filters.SelfInitiated) > 0 {
				v = p.Filters.SelfInitiated[0]
			}
		case kAddress:
			v = fmt.Sprintf("%dXX Example St", id%90+10)
		}
		rec[i] = v
	}
}

func dur(min float64) time.Duration {
	return time.Duration(min * float64(time.Minute)).Round(time.Second)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// engineCalls runs replicate 0 of s for days after its warm-up and
// returns, day by day from the first after the warm-up (start is the
// scenario's start_date, the warm-up's first day), the calls of the measured window that a
// unit reached and cleared (not a co-responder team's): type, priority,
// cell and the engine's minutes of processing, queue, travel and time on
// scene. A call's stamp is its minute of the day on its day's date, so a
// change of summer time moves no call to another hour.
func engineCalls(s *scenarios.Scenario, days int, start time.Time) ([][]gcall, error) {
	cfg := s.Config()
	cfg.Days, cfg.MeasureFrom, cfg.MeasureDays = days, 0, 0
	out := make([][]gcall, days)
	_, err := sim.RunCalls(context.Background(), cfg, 0, func(r sim.CallRecord) {
		if !r.InWindow || r.Team || r.Dispatch < 0 || r.Arrived < 0 || r.Cleared < 0 {
			return
		}
		all := int(r.Received / sim.MinutesPerDay) // days since the warm-up began, the calendar's first day
		day := all - cfg.WarmupDays
		if day < 0 || day >= days {
			return
		}
		d := start.AddDate(0, 0, all)
		at := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, d.Location()).Add(dur(r.Received - float64(all)*sim.MinutesPerDay)).Truncate(time.Second)
		out[day] = append(out[day], gcall{at: at, typ: r.Type, pri: r.Priority, cell: r.Cell,
			proc: r.Ready - r.Received, queue: r.Dispatch - r.Ready, travel: r.Arrived - r.Dispatch, scene: r.Cleared - r.Arrived})
	})
	if err != nil {
		return nil, fmt.Errorf("running the scenario for its calls: %w", err)
	}
	for _, cs := range out {
		slices.SortFunc(cs, func(a, b gcall) int { return a.at.Compare(b.at) })
	}
	return out, nil
}
