package plots

import (
	"bytes"
	"math"
	"testing"
)

// TestObservedVsSimulated draws a chart with a missing observed figure
// and a pooled simulated one, and refuses inputs whose lengths disagree.
func TestObservedVsSimulated(t *testing.T) {
	good := func() *ObservedVsSimulated {
		return &ObservedVsSimulated{Names: [2]string{"observed", "simulated"}, Labels: []string{"travel, median", "response, median"},
			Panels: []ObservedPanel{{Name: "P1", Observed: []float64{3, math.NaN()}, Simulated: []float64{3.2, 6},
				Range: []*Interval{{Lo: 3.1, Hi: 3.4}, nil}}}}
	}
	f, err := good().Figure()
	if err != nil {
		t.Fatal(err)
	}
	var png bytes.Buffer
	if err := f.WritePNG(&png); err != nil || png.Len() == 0 {
		t.Fatalf("PNG: %d bytes, %v", png.Len(), err)
	}
	for _, tc := range []struct {
		name string
		edit func(*ObservedVsSimulated)
	}{
		{"no panels", func(o *ObservedVsSimulated) { o.Panels = nil }},
		{"no components", func(o *ObservedVsSimulated) { o.Labels = nil }},
		{"short observed", func(o *ObservedVsSimulated) { o.Panels[0].Observed = o.Panels[0].Observed[:1] }},
		{"short range", func(o *ObservedVsSimulated) { o.Panels[0].Range = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := good()
			tc.edit(o)
			if _, err := o.Figure(); err == nil {
				t.Error("drew without error")
			}
		})
	}
}
