package study

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the level of every confidence interval in the outputs.
const Confidence = 0.95

// Describe returns the statistics of metric over the replicate values xs,
// leaving out NaN (a replicate that does not define the metric). xs is not
// modified.
func Describe(metric string, xs []float64) Stats {
	v := defined(xs)
	s := Stats{Metric: metric, N: len(v)}
	if len(v) == 0 {
		return s
	}
	slices.Sort(v)
	m := stat.Mean(v, nil)
	s.Mean = &m
	q := func(p float64) float64 { return stat.Quantile(p, stat.Empirical, v, nil) }
	s.Quantiles = &Quantiles{P5: q(0.05), P25: q(0.25), P50: q(0.5), P75: q(0.75), P95: q(0.95)}
	if len(v) >= 2 {
		sd := stat.StdDev(v, nil)
		s.SD = &sd
		s.CI = meanCI(m, sd, len(v))
	}
	return s
}

// Compare returns the paired differences alt - base of metric, pairing
// base[r] with alt[r] (replicate r of both saw the same random numbers)
// and leaving out the pairs where either is NaN.
func Compare(metric string, base, alt []float64) Paired {
	var a, b, d []float64
	for r := range min(len(base), len(alt)) {
		if math.IsNaN(base[r]) || math.IsNaN(alt[r]) {
			continue
		}
		a, b, d = append(a, base[r]), append(b, alt[r]), append(d, alt[r]-base[r])
	}
	p := Paired{Metric: metric, N: len(d)}
	if len(d) == 0 {
		return p
	}
	m := stat.Mean(d, nil)
	p.Diff = &m
	if len(d) >= 2 {
		sd := stat.StdDev(d, nil)
		p.SD = &sd
		p.CI = meanCI(m, sd, len(d))
		p.Distinguishable = p.CI.Lo > 0 || p.CI.Hi < 0
		p.UnpairedCI = welchCI(a, b)
	}
	return p
}

// meanCI is the t interval of a mean m of n values with sample standard
// deviation sd.
func meanCI(m, sd float64, n int) *Interval {
	half := tQuantile(float64(n-1)) * sd / math.Sqrt(float64(n))
	return &Interval{Lo: m - half, Hi: m + half}
}

// welchCI is Welch's t interval of mean(b) - mean(a) for two independent
// samples of at least two values each.
func welchCI(a, b []float64) *Interval {
	ma, va := stat.MeanVariance(a, nil)
	mb, vb := stat.MeanVariance(b, nil)
	na, nb := float64(len(a)), float64(len(b))
	sa, sb := va/na, vb/nb
	se := math.Sqrt(sa + sb)
	d := mb - ma
	if se == 0 {
		return &Interval{Lo: d, Hi: d}
	}
	// Welch-Satterthwaite degrees of freedom.
	df := (sa + sb) * (sa + sb) / (sa*sa/(na-1) + sb*sb/(nb-1))
	half := tQuantile(df) * se
	return &Interval{Lo: d - half, Hi: d + half}
}

// tQuantile is the two-sided Confidence quantile of Student's t with df
// degrees of freedom.
func tQuantile(df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-Confidence)/2)
}

// defined returns the values of xs that are not NaN, in a new slice.
func defined(xs []float64) []float64 {
	v := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	return v
}
