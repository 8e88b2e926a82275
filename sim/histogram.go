package sim

import "math"

// The bins of response-time histograms: HistogramBins bins of
// HistogramBinMinutes from 0, then one overflow bin for HistogramMaxMinutes
// and more.
const (
	HistogramBinMinutes = 0.5
	HistogramMaxMinutes = 120
	HistogramBins       = int(HistogramMaxMinutes / HistogramBinMinutes)
)

// Histogram counts the response times of one priority's answered calls:
// Counts[i] for i < HistogramBins counts times in
// [i x HistogramBinMinutes, (i+1) x HistogramBinMinutes), and
// Counts[HistogramBins] those of HistogramMaxMinutes and more.
type Histogram struct {
	Priority int   `json:"priority"`
	Counts   []int `json:"counts"`
}

// UpperEdge returns the upper edge of bin i in minutes: +Inf for the
// overflow bin.
func UpperEdge(i int) float64 {
	if i >= HistogramBins {
		return math.Inf(1)
	}
	return float64(i+1) * HistogramBinMinutes
}

// responseHistograms bins the response times recorded per priority.
func (r *recorder) responseHistograms() []Histogram {
	out := make([]Histogram, NumPriorities)
	for i := range r.prio {
		h := Histogram{Priority: i + 1, Counts: make([]int, HistogramBins+1)}
		for _, v := range r.prio[i].resp {
			h.Counts[min(int(v/HistogramBinMinutes), HistogramBins)]++
		}
		out[i] = h
	}
	return out
}
