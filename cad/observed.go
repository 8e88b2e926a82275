package cad

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
)

// ObservedHeader is the header of observed.csv (docs/OUTPUTS.md).
var ObservedHeader = []string{"priority", "hour", "n",
	"to_dispatch_mean", "to_dispatch_median", "travel_mean", "travel_median",
	"response_mean", "response_median", "response_p90", "on_scene_mean", "on_scene_median"}

// ObservedCSV renders the extract's response components by priority and
// hour received (hour "all" for the whole day), in minutes; a component
// the layout does not publish is an empty cell.
func (est *Estimates) ObservedCSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(ObservedHeader)
	num := func(v float64) string { return csvNumber(v, -1) }
	for pr := range 3 {
		for h := range 25 {
			c := &est.comp[pr][h]
			hour := strconv.Itoa(h)
			if h == 24 {
				hour = "all"
			}
			n := c[2].total
			if n == 0 {
				continue
			}
			stat := func(x *hist, q float64) string {
				if x.total == 0 {
					return ""
				}
				if q < 0 {
					return num(x.mean())
				}
				return num(x.quantile(q))
			}
			w.Write([]string{strconv.Itoa(pr + 1), hour, strconv.Itoa(n),
				stat(&c[0], -1), stat(&c[0], 0.5), stat(&c[1], -1), stat(&c[1], 0.5),
				stat(&c[2], -1), stat(&c[2], 0.5), stat(&c[2], 0.9), stat(&c[3], -1), stat(&c[3], 0.5)})
		}
	}
	w.Flush()
	return buf.Bytes()
}

// csvNumber formats v for a CSV cell with prec significant digits (-1:
// as many as it takes); NaN, a figure that is missing, is an empty cell.
func csvNumber(v float64, prec int) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', prec, 64)
}
