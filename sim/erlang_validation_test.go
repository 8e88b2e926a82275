//go:build validation

package sim

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestErlangCLong is the long form of TestErlangC: more (c, load) pairs, up
// to a utilization of 0.95, each run as 10 independent replicates of about
// 1.5 million calls. Erlang's P(wait) and mean delay must lie inside the
// 99.9 % t-interval of the replicate means, and that interval must be
// narrower than +-5 % of the formula, so that passing means something.
// Run it with go test -tags validation ./sim.
func TestErlangCLong(t *testing.T) {
	const reps = 10
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: reps - 1}.Quantile(1 - 0.001/2)
	for _, tc := range []struct {
		c   int
		rho float64
	}{{1, 0.5}, {1, 0.8}, {3, 0.6}, {8, 0.85}, {15, 0.9}, {30, 0.95}} {
		t.Run(fmt.Sprintf("c=%d/rho=%.2f", tc.c, tc.rho), func(t *testing.T) {
			mu := 1.0 / 30
			lambda := tc.rho * float64(tc.c) * mu
			days := int(math.Ceil(1.5e6 / (lambda * MinutesPerDay)))
			pW, wQ := erlangC(tc.c, lambda, mu)
			var ps, ws []float64
			for r := range reps {
				res, err := Run(queueConfig(tc.c, lambda, mu, days), r)
				if err != nil {
					t.Fatal(err)
				}
				ps = append(ps, res.WaitedShare)
				ws = append(ws, *res.QueueDelay.Mean)
				checkLittle(t, res)
			}
			for _, m := range []struct {
				name   string
				xs     []float64
				formal float64
			}{{"P(wait)", ps, pW}, {"mean delay", ws, wQ}} {
				mean, sd := stat.MeanStdDev(m.xs, nil)
				half := tq * sd / math.Sqrt(reps)
				t.Logf("%s: %.4f +- %.4f (99.9%%), Erlang C %.4f (%+.2f%%)", m.name, mean, half, m.formal, 100*(mean/m.formal-1))
				if math.Abs(mean-m.formal) > half {
					t.Errorf("%s: Erlang C %.4f outside the 99.9%% interval %.4f +- %.4f", m.name, m.formal, mean, half)
				}
				if half > 0.05*m.formal {
					t.Errorf("%s: interval +-%.4f wider than 5%% of %.4f: too few calls to validate", m.name, half, m.formal)
				}
			}
		})
	}
}
