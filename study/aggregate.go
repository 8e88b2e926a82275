package study

import (
	"path/filepath"
	"strconv"

	"github.com/precinct-sim/precinct/sim"
)

// sums are the running sums over one scenario's replicates behind
// cells.csv, hoods.csv and response.csv. Counts are integers and floats
// are exactSums, so every sum is exact and does not depend on the order
// of the replicates: the sums of a study's shards add up to those of one
// machine.
type sums struct {
	N        int       `json:"n"`
	Response [][]int64 `json:"response"` // [priority-1][bin]
	Cells    *cellSums `json:"cells,omitempty"`
	Hoods    *hoodSums `json:"hoods,omitempty"`
}

type cellSums struct {
	True, Recorded, Stops []int64
	Presence              []exactSum
}

type hoodSums struct {
	Residents             []int
	TrustStart, TrustEnd  []exactSum
	True, Recorded, Stops []int64
}

func newSums() *sums {
	s := &sums{Response: make([][]int64, sim.NumPriorities)}
	for i := range s.Response {
		s.Response[i] = make([]int64, sim.HistogramBins+1)
	}
	return s
}

// newCommunity starts the sums of the community model over n cells and h
// neighborhoods at zero.
func (s *sums) newCommunity(n, h int) {
	s.Cells = &cellSums{True: make([]int64, n), Recorded: make([]int64, n), Stops: make([]int64, n), Presence: make([]exactSum, n)}
	s.Hoods = &hoodSums{Residents: make([]int, h), TrustStart: make([]exactSum, h), TrustEnd: make([]exactSum, h),
		True: make([]int64, h), Recorded: make([]int64, h), Stops: make([]int64, h)}
}

// add adds replicate res.
func (s *sums) add(res *sim.Result) {
	s.N++
	for _, h := range res.ResponseHistogram {
		addInts(s.Response[h.Priority-1], h.Counts)
	}
	c := res.Community
	if c == nil {
		return
	}
	if s.Cells == nil {
		s.newCommunity(len(c.Cells.True), len(c.Neighborhoods))
	}
	addInts(s.Cells.True, c.Cells.True)
	addInts(s.Cells.Recorded, c.Cells.Recorded)
	addInts(s.Cells.Stops, c.Cells.Stops)
	for i, v := range c.Cells.PresenceHours {
		s.Cells.Presence[i].add(v)
	}
	for i, h := range c.Neighborhoods {
		s.Hoods.Residents[i] = h.Residents
		s.Hoods.TrustStart[i].add(h.TrustStart)
		s.Hoods.TrustEnd[i].add(h.TrustEnd)
		s.Hoods.True[i] += int64(h.True)
		s.Hoods.Recorded[i] += int64(h.Recorded)
		s.Hoods.Stops[i] += int64(h.Stops)
	}
}

// merge adds the sums o of other replicates of the same scenario.
func (s *sums) merge(o *sums) {
	s.N += o.N
	for p := range s.Response {
		addInt64s(s.Response[p], o.Response[p])
	}
	if o.Cells == nil {
		return
	}
	if s.Cells == nil {
		s.newCommunity(len(o.Cells.True), len(o.Hoods.True))
	}
	addInt64s(s.Cells.True, o.Cells.True)
	addInt64s(s.Cells.Recorded, o.Cells.Recorded)
	addInt64s(s.Cells.Stops, o.Cells.Stops)
	for i := range o.Cells.Presence {
		s.Cells.Presence[i].addSum(o.Cells.Presence[i])
	}
	copy(s.Hoods.Residents, o.Hoods.Residents)
	for i := range o.Hoods.True {
		s.Hoods.TrustStart[i].addSum(o.Hoods.TrustStart[i])
		s.Hoods.TrustEnd[i].addSum(o.Hoods.TrustEnd[i])
	}
	addInt64s(s.Hoods.True, o.Hoods.True)
	addInt64s(s.Hoods.Recorded, o.Hoods.Recorded)
	addInt64s(s.Hoods.Stops, o.Hoods.Stops)
}

func addInt64s(dst, src []int64) {
	for i, v := range src {
		dst[i] += v
	}
}

func addInts(dst []int64, src []int) {
	for i, v := range src {
		dst[i] += int64(v)
	}
}

// writeAggregates writes cells.csv, hoods.csv and response.csv from the
// sums of every scenario.
func (st *Study) writeAggregates(dir string, all []*sums) error {
	names := make([]string, len(all))
	for i := range all {
		names[i] = st.Manifest.Scenarios[i].Name
	}
	err := writeCSVAtomic(filepath.Join(dir, CellsFile), []string{"scenario", "cell", "x", "y", "neighborhood", "beat",
		"replicates", "true_offenses", "recorded_offenses", "stops", "presence_hours"}, func(write func([]string) error) error {
		for s, sm := range all {
			if sm.Cells == nil {
				continue
			}
			cfg := st.config(s)
			g, n := &cfg.Grid, float64(sm.N)
			for i := range sm.Cells.True {
				err := write([]string{names[s], strconv.Itoa(i), strconv.Itoa(i % g.Width), strconv.Itoa(i / g.Width),
					g.Neighborhoods[g.Neighborhood[i]], strconv.Itoa(g.Beat[i]), strconv.Itoa(sm.N),
					fmtNum(float64(sm.Cells.True[i]) / n), fmtNum(float64(sm.Cells.Recorded[i]) / n),
					fmtNum(float64(sm.Cells.Stops[i]) / n), fmtNum(sm.Cells.Presence[i].value() / n)})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = writeCSVAtomic(filepath.Join(dir, HoodsFile), []string{"scenario", "neighborhood", "residents", "replicates",
		"trust_start", "trust_end", "true_offenses", "recorded_offenses", "stops"}, func(write func([]string) error) error {
		for s, sm := range all {
			if sm.Hoods == nil {
				continue
			}
			h, n := sm.Hoods, float64(sm.N)
			// The Config's neighborhoods are the scenario's, in order.
			for i, nb := range st.scenarios[s].World.Neighborhoods {
				err := write([]string{names[s], nb.Name, strconv.Itoa(h.Residents[i]), strconv.Itoa(sm.N),
					fmtNum(h.TrustStart[i].value() / n), fmtNum(h.TrustEnd[i].value() / n), fmtNum(float64(h.True[i]) / n),
					fmtNum(float64(h.Recorded[i]) / n), fmtNum(float64(h.Stops[i]) / n)})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeCSVAtomic(filepath.Join(dir, ResponseFile), []string{"scenario", "priority", "upper_min", "mean_count", "share"},
		func(write func([]string) error) error {
			for s, sm := range all {
				if sm.N == 0 {
					continue
				}
				for p, counts := range sm.Response {
					var total int64
					for _, c := range counts {
						total += c
					}
					for b, c := range counts {
						share := nanValue
						if total > 0 {
							share = float64(c) / float64(total)
						}
						err := write([]string{names[s], strconv.Itoa(p + 1), fmtNum(sim.UpperEdge(b)),
							fmtNum(float64(c) / float64(sm.N)), fmtNum(share)})
						if err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
}
