package sim

import (
	"math"
	"math/rand/v2"

	"github.com/precinct-sim/precinct/agents"
)

// world is the precinct grid as the engine uses it: cells grouped by beat
// and the travel-time function. It implements agents.Area.
type world struct {
	com       *community // nil without the community half
	g         *Grid
	travel    Travel
	beatCells [][]int32
	beatRuns  [][]cellRun // each beat's cells as runs of consecutive cells, in the order of beatCells
	beatRect  []int       // per beat, the length of its runs when they make a rectangle (0: they do not)
	adjacent  [][]bool    // adjacent[a][b]: beats a and b share an edge of a cell
	place     placeMap    // each cell's beat and neighborhood, in a few kilobytes
	station   agents.Point
}

func newWorld(g *Grid, tr Travel) *world {
	w := &world{g: g, travel: tr, beatCells: make([][]int32, g.Beats), adjacent: make([][]bool, g.Beats), place: newPlaceMap(g)}
	for b := range w.adjacent {
		w.adjacent[b] = make([]bool, g.Beats)
	}
	for i, b := range g.Beat {
		w.beatCells[b] = append(w.beatCells[b], int32(i))
		x, y := i%g.Width, i/g.Width
		if x+1 < g.Width {
			if n := g.Beat[i+1]; n != b {
				w.adjacent[b][n], w.adjacent[n][b] = true, true
			}
		}
		if y+1 < g.Height {
			if n := g.Beat[i+g.Width]; n != b {
				w.adjacent[b][n], w.adjacent[n][b] = true, true
			}
		}
	}
	w.beatRuns, w.beatRect = make([][]cellRun, g.Beats), make([]int, g.Beats)
	for b, cells := range w.beatCells {
		for k, c := range cells {
			if k == 0 || c != cells[k-1]+1 {
				w.beatRuns[b] = append(w.beatRuns[b], cellRun{first: c, before: int32(k)})
			}
		}
		runs := w.beatRuns[b]
		if len(runs) == 0 {
			continue
		}
		l := len(cells) / len(runs)
		w.beatRect[b] = l
		for r, run := range runs {
			if int(run.before) != r*l || int(run.first) != int(runs[0].first)+r*g.Width {
				w.beatRect[b] = 0
			}
		}
		if l*len(runs) != len(cells) || l > g.Width {
			w.beatRect[b] = 0
		}
	}
	w.station = g.Center(g.Station)
	return w
}

// cellRun is a run of consecutive cells of a beat: the first, and how many
// of the beat's cells come before it.
type cellRun struct{ first, before int32 }

// beatCell returns the k-th cell of beat b (beatCells[b][k]) from the
// beat's runs, by arithmetic when they make a rectangle, else by a search
// of a short list that stays in cache: not a read of a list as long as
// the beat.
func (w *world) beatCell(b, k int) int {
	runs := w.beatRuns[b]
	if l := w.beatRect[b]; l > 0 {
		return int(runs[0].first) + k/l*w.g.Width + k%l
	}
	lo, hi := 0, len(runs)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if int(runs[mid].before) <= k {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return int(runs[lo].first) + k - int(runs[lo].before)
}

// RandomPointInBeat implements agents.Area.
func (w *world) RandomPointInBeat(b int, r *rand.Rand) agents.Point {
	return w.g.Center(w.beatCell(b, r.IntN(len(w.beatCells[b]))))
}

// RandomPoint implements agents.Area.
func (w *world) RandomPoint(r *rand.Rand) agents.Point {
	return w.g.Center(r.IntN(w.g.Cells()))
}

// HotspotPoint implements agents.Area.
func (w *world) HotspotPoint(r *rand.Rand) (agents.Point, bool) {
	if w.com == nil {
		return agents.Point{}, false
	}
	c, ok := w.com.hotspot(r)
	return w.g.Center(c), ok
}

// HotspotPointInBeat implements agents.Area.
func (w *world) HotspotPointInBeat(b int, r *rand.Rand) (agents.Point, bool) {
	if w.com == nil {
		return agents.Point{}, false
	}
	c, ok := w.com.hotspotIn(b, r)
	return w.g.Center(c), ok
}

// distance returns the distance in metres between two points.
func (w *world) distance(a, b agents.Point) float64 {
	switch w.travel.Metric {
	case Euclidean:
		return math.Hypot(math.Abs(a.X-b.X), math.Abs(a.Y-b.Y)) * w.g.CellM
	case MetricNone:
		return 0
	default:
		return manhattan(a, b, w.g.CellM)
	}
}

// manhattan returns the Manhattan distance in metres between two points
// on cells of cellM metres: world.distance on a street grid, small enough
// to be inlined into the dispatcher's search.
func manhattan(a, b agents.Point, cellM float64) float64 {
	return (math.Abs(a.X-b.X) + math.Abs(a.Y-b.Y)) * cellM
}

// responseTime returns the minutes from dispatch to arrival for a unit at a
// going to b for a call of priority p: turnout plus driving at the
// priority's speed.
func (w *world) responseTime(a, b agents.Point, p Priority) float64 {
	return w.travel.Turnout + w.responseDrive(a, b, p)
}

// responseDrive returns the minutes of driving from a to b at the speed
// of priority p.
func (w *world) responseDrive(a, b agents.Point, p Priority) float64 {
	return w.distance(a, b) / w.travel.speed(p)
}

// patrolTime returns the minutes to drive from a to b at patrol speed.
func (w *world) patrolTime(a, b agents.Point) float64 {
	return w.distance(a, b) / w.travel.PatrolSpeed
}
