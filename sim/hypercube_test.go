package sim_test

// An exact reference for beat-first dispatch: Larson's hypercube queueing
// model (R. C. Larson, "A hypercube queuing model for facility location
// and redistricting in urban emergency services", Computers & Operations
// Research 1(1), 1974, 67-95; R. C. Larson and A. R. Odoni, Urban
// Operations Research, Prentice-Hall 1981, chapter 5, sections 5.3-5.6,
// online at web.mit.edu/urban_or_book/www/book/chapter5/).
//
// N distinguishable units each serve a beat (Larson's "primary response
// area"). The precinct is cut into atoms, each an independent Poisson
// source of calls; every atom has a fixed preference list, the order in
// which the dispatcher tries the units, and the most preferred free unit
// is sent. Service is exponential with the same rate mu for every unit.
// The state is the set of busy units, so the chain has 2^N states, the
// corners of the N-dimensional unit cube. With zero line capacity a call
// that finds every unit busy is lost (handled elsewhere); with infinite
// line capacity it waits first come, first served, and the first unit to
// free takes it.
//
// The tests below check the solver against results derived independently
// of it (Erlang B and C, a closed form for two units, Larson and Odoni's
// two-unit example, relabelling and flow identities); the engine test
// that will use it is sketched in hypercubeConfig at the end of the file.

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/precinct-sim/precinct/agents"
	"github.com/precinct-sim/precinct/sim"
)

// hypercubeAtom is one demand area of the hypercube model.
type hypercubeAtom struct {
	rate float64 // calls per unit of time
	beat int     // the unit whose beat holds the atom: any other unit sent is a cross-beat (interdistrict) dispatch
	pref []int   // the units in the order the dispatcher tries them: a permutation of 0..N-1
}

// hypercubeLine is what happens to a call that finds every unit busy.
type hypercubeLine uint8

const (
	zeroLine     hypercubeLine = iota // the call is lost
	infiniteLine                      // the call waits, first come first served, for the first unit to free
)

// hypercubeSolution is the steady state of a hypercube model.
type hypercubeSolution struct {
	// state[B] is the probability that exactly the units in B are busy
	// (bit n of B set: unit n busy) and, for the state with every unit
	// busy under infiniteLine, that no call waits.
	state []float64
	// queued is the probability that every unit is busy and at least one
	// call waits (always 0 under zeroLine).
	queued float64
	// workload[n] is the share of time unit n is busy.
	workload []float64
	// allBusy is the probability that every unit is busy (queue or not),
	// which by PASTA is also the share of calls that find no free unit:
	// lost under zeroLine, delayed under infiniteLine.
	allBusy float64
	// dispatch[n][j] is the share of all dispatches that send unit n to a
	// call from atom j.
	dispatch [][]float64
	// interdistrict is the share of dispatches that send a unit other than
	// the atom's beat unit.
	interdistrict float64
}

// hypercube builds the 2^N-state chain of n units with service rate mu
// and the given atoms, solves its balance equations Q^T p = 0, sum p = 1,
// and returns the state probabilities and the performance measures.
func solveHypercube(n int, mu float64, atoms []hypercubeAtom, line hypercubeLine) (*hypercubeSolution, error) {
	if n < 1 || n > 12 {
		return nil, fmt.Errorf("hypercube: %d units, want 1 to 12", n)
	}
	if !(mu > 0) || math.IsInf(mu, 0) {
		return nil, fmt.Errorf("hypercube: service rate %v, want > 0", mu)
	}
	lambda := 0.0
	for j, a := range atoms {
		if !(a.rate >= 0) || math.IsInf(a.rate, 0) {
			return nil, fmt.Errorf("hypercube: atom %d rate %v, want >= 0", j, a.rate)
		}
		if a.beat < 0 || a.beat >= n {
			return nil, fmt.Errorf("hypercube: atom %d beat %d, want 0 to %d", j, a.beat, n-1)
		}
		p := slices.Clone(a.pref)
		slices.Sort(p)
		for k := range p {
			if len(p) != n || p[k] != k {
				return nil, fmt.Errorf("hypercube: atom %d preference %v, want a permutation of the %d units", j, a.pref, n)
			}
		}
		lambda += a.rate
	}
	if !(lambda > 0) {
		return nil, fmt.Errorf("hypercube: no calls (total rate %v)", lambda)
	}
	if line == infiniteLine && lambda >= float64(n)*mu {
		return nil, fmt.Errorf("hypercube: load %v >= %d units: an infinite line never empties", lambda/mu, n)
	}

	states := 1 << n
	full := states - 1
	// first[B][j] is the unit sent to a call from atom j in state B, -1
	// when every unit is busy.
	first := make([][]int, states)
	for b := range states {
		first[b] = make([]int, len(atoms))
		for j, a := range atoms {
			first[b][j] = -1
			for _, u := range a.pref {
				if b&(1<<u) == 0 {
					first[b][j] = u
					break
				}
			}
		}
	}

	// The generator: Q[B][B'] is the rate from B to B'. A dispatch adds
	// the unit sent, a completion removes the unit that finishes. Under
	// infiniteLine a completion in the full state with a call waiting
	// leaves the state full; the waiting states form a geometric tail
	// above the full state that is entered and left only through it, so
	// the balance equations of the 2^N states are those of zeroLine (the
	// full state's inflow from the tail, lambda x P(full, no wait), equals
	// its outflow to it) and the tail is added after solving.
	q := mat.NewDense(states, states, nil)
	for b := range states {
		for j, a := range atoms {
			if u := first[b][j]; u >= 0 {
				q.Set(b, b|1<<u, q.At(b, b|1<<u)+a.rate)
			}
		}
		for u := range n {
			if b&(1<<u) != 0 {
				q.Set(b, b&^(1<<u), mu)
			}
		}
		out := 0.0
		for c := range states {
			out += q.At(b, c)
		}
		q.Set(b, b, -out)
	}
	// Q^T p = 0 has rank 2^N - 1 (the chain is irreducible: every state
	// empties to 0 and fills from it along the preference lists), so one
	// balance equation is replaced by the normalisation.
	var a mat.Dense
	a.CloneFrom(q.T())
	for c := range states {
		a.Set(full, c, 1)
	}
	rhs := mat.NewVecDense(states, nil)
	rhs.SetVec(full, 1)
	var p mat.VecDense
	if err := p.SolveVec(&a, rhs); err != nil {
		return nil, fmt.Errorf("hypercube: balance equations: %w", err)
	}

	s := &hypercubeSolution{state: make([]float64, states), workload: make([]float64, n)}
	for b := range states {
		s.state[b] = p.AtVec(b)
	}
	if line == infiniteLine {
		rho := lambda / (float64(n) * mu)
		s.queued = s.state[full] * rho / (1 - rho)
		norm := 1 + s.queued
		for b := range s.state {
			s.state[b] /= norm
		}
		s.queued /= norm
	}
	for b, pb := range s.state {
		for u := range n {
			if b&(1<<u) != 0 {
				s.workload[u] += pb
			}
		}
	}
	for u := range s.workload {
		s.workload[u] += s.queued
	}
	s.allBusy = s.state[full] + s.queued

	// Dispatch rates: a call from j in a non-full state sends first[B][j]
	// at once. Under infiniteLine a call that finds every unit busy waits
	// and goes to the first unit to free, which is each unit with
	// probability 1/N (equal service rates): its atom is j with
	// probability rate_j / lambda whatever the state it arrived in.
	s.dispatch = make([][]float64, n)
	for u := range s.dispatch {
		s.dispatch[u] = make([]float64, len(atoms))
	}
	total := 0.0
	for b := range states {
		for j, at := range atoms {
			if u := first[b][j]; u >= 0 {
				r := at.rate * s.state[b]
				s.dispatch[u][j] += r
				total += r
			}
		}
	}
	if line == infiniteLine {
		for u := range n {
			for j, at := range atoms {
				r := at.rate * s.allBusy / float64(n)
				s.dispatch[u][j] += r
				total += r
			}
		}
	}
	for u := range n {
		for j, at := range atoms {
			s.dispatch[u][j] /= total
			if u != at.beat {
				s.interdistrict += s.dispatch[u][j]
			}
		}
	}
	return s, nil
}

// ownBeatFirst is the preference list of beat-first dispatch when every
// unit is equally near (travel metric none): the beat's unit, then the
// others by ascending id, the engine's tie rule.
func ownBeatFirst(beat, n int) []int {
	p := []int{beat}
	for u := range n {
		if u != beat {
			p = append(p, u)
		}
	}
	return p
}

// erlangB returns the blocking probability of an M/M/c/c loss system
// with offered load a (erlangs), by the stable recursion
// B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
func erlangB(c int, a float64) float64 {
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// erlangCWait returns the probability of waiting in an M/M/c queue with
// offered load a < c: C = c B / (c - a (1 - B)).
func erlangCWait(c int, a float64) float64 {
	b := erlangB(c, a)
	return float64(c) * b / (float64(c) - a*(1-b))
}

// randomAtoms returns m atoms over n units with rates in (0, 1), beats
// spread round-robin and random preference lists that try the beat's
// unit first.
func randomAtoms(r *rand.Rand, n, m int) []hypercubeAtom {
	atoms := make([]hypercubeAtom, m)
	for j := range atoms {
		beat := j % n
		rest := ownBeatFirst(beat, n)[1:]
		r.Shuffle(len(rest), func(a, b int) { rest[a], rest[b] = rest[b], rest[a] })
		atoms[j] = hypercubeAtom{rate: r.Float64() + 0.01, beat: beat, pref: append([]int{beat}, rest...)}
	}
	return atoms
}

func totalRate(atoms []hypercubeAtom) float64 {
	s := 0.0
	for _, a := range atoms {
		s += a.rate
	}
	return s
}

func mustHypercube(t *testing.T, n int, mu float64, atoms []hypercubeAtom, line hypercubeLine) *hypercubeSolution {
	t.Helper()
	s, err := solveHypercube(n, mu, atoms, line)
	if err != nil {
		t.Fatal(err)
	}
	sum := s.queued
	for _, p := range s.state {
		if p < -1e-12 {
			t.Fatalf("negative state probability %v", p)
		}
		sum += p
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("state probabilities sum to %v, want 1", sum)
	}
	return s
}

// TestHypercubeErlang checks what the hypercube must share with the
// classical queues whatever the preference lists: with equal service
// rates the number of busy units is a birth-death chain (births at the
// total rate lambda while a unit is free, deaths at k mu), so it has the
// truncated Poisson distribution of M/M/N/N and P(all busy) is Erlang B
// under zero line capacity, and Erlang C under infinite line capacity.
// The carried load, the sum of the workloads, is a (1 - B) and a.
func TestHypercubeErlang(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1974))
	for n := 1; n <= 6; n++ {
		for _, load := range []float64{0.3, 0.8, 1.7} { // offered load per unit
			atoms := randomAtoms(r, n, 2*n+1)
			lambda := totalRate(atoms)
			mu := lambda / (load * float64(n))
			a := lambda / mu
			t.Run(fmt.Sprintf("N=%d/load=%.1f", n, load), func(t *testing.T) {
				s := mustHypercube(t, n, mu, atoms, zeroLine)
				if b := erlangB(n, a); math.Abs(s.allBusy-b) > 1e-12 {
					t.Errorf("zero line: P(all busy) = %.15f, want Erlang B %.15f", s.allBusy, b)
				}
				// P(k busy) = (a^k / k!) / sum_i (a^i / i!).
				poisson := make([]float64, n+1)
				norm := 0.0
				for k := range poisson {
					poisson[k] = math.Pow(a, float64(k)) / math.Gamma(float64(k+1))
					norm += poisson[k]
				}
				byCount := make([]float64, n+1)
				for b, p := range s.state {
					byCount[bits.OnesCount(uint(b))] += p
				}
				for k := range byCount {
					if want := poisson[k] / norm; math.Abs(byCount[k]-want) > 1e-12 {
						t.Errorf("zero line: P(%d busy) = %.15f, want %.15f", k, byCount[k], want)
					}
				}
				carried := 0.0
				for _, w := range s.workload {
					carried += w
				}
				if want := a * (1 - erlangB(n, a)); math.Abs(carried-want) > 1e-12 {
					t.Errorf("zero line: carried load %.15f, want a (1 - B) = %.15f", carried, want)
				}
				if load >= 1 {
					return
				}
				s = mustHypercube(t, n, mu, atoms, infiniteLine)
				if c := erlangCWait(n, a); math.Abs(s.allBusy-c) > 1e-12 {
					t.Errorf("infinite line: P(all busy) = %.15f, want Erlang C %.15f", s.allBusy, c)
				}
				carried = 0
				for _, w := range s.workload {
					carried += w
				}
				if math.Abs(carried-a) > 1e-12 {
					t.Errorf("infinite line: carried load %.15f, want a = %.15f", carried, a)
				}
			})
		}
	}
}

// TestHypercubeSymmetric checks that units placed symmetrically get equal
// workloads: two mirror-image beats, and N beats on a ring where each
// atom tries its own unit, then the next ones round the ring (a cyclic
// relabelling maps the model onto itself).
func TestHypercubeSymmetric(t *testing.T) {
	for _, line := range []hypercubeLine{zeroLine, infiniteLine} {
		for n := 2; n <= 5; n++ {
			for _, perAtom := range []float64{0.1, 0.6} {
				atoms := make([]hypercubeAtom, 0, 2*n)
				for b := range n {
					ring := make([]int, n)
					back := make([]int, n)
					for k := range ring {
						ring[k] = (b + k) % n
						back[k] = (b - k + n) % n
					}
					// Two atoms per beat whose backups go round the ring in
					// opposite directions: symmetric under rotation, and
					// under reflection too, but the test needs only rotation.
					atoms = append(atoms,
						hypercubeAtom{rate: perAtom, beat: b, pref: ring},
						hypercubeAtom{rate: perAtom / 2, beat: b, pref: back})
				}
				s := mustHypercube(t, n, 1, atoms, line)
				for u, w := range s.workload {
					if math.Abs(w-s.workload[0]) > 1e-12 {
						t.Errorf("line %d, N=%d, rate %.1f: workload of unit %d %.15f, unit 0 %.15f; want equal",
							line, n, perAtom, u, w, s.workload[0])
					}
				}
			}
		}
	}
}

// TestHypercubeRelabel checks the solver's bookkeeping of unit indices:
// renaming the units (beats and preference lists through a permutation
// pi) must move each unit's workload and dispatches to its new name and
// leave P(all busy) and the interdistrict share unchanged.
func TestHypercubeRelabel(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 3))
	for _, n := range []int{2, 3, 4, 5} {
		atoms := randomAtoms(r, n, 3*n)
		pi := r.Perm(n)
		renamed := make([]hypercubeAtom, len(atoms))
		for j, a := range atoms {
			pref := make([]int, n)
			for k, u := range a.pref {
				pref[k] = pi[u]
			}
			renamed[j] = hypercubeAtom{rate: a.rate, beat: pi[a.beat], pref: pref}
		}
		mu := totalRate(atoms) / (0.6 * float64(n))
		for _, line := range []hypercubeLine{zeroLine, infiniteLine} {
			s := mustHypercube(t, n, mu, atoms, line)
			v := mustHypercube(t, n, mu, renamed, line)
			for u := range n {
				if math.Abs(s.workload[u]-v.workload[pi[u]]) > 1e-12 {
					t.Errorf("N=%d line %d: unit %d workload %.15f, renamed unit %d %.15f", n, line, u, s.workload[u], pi[u], v.workload[pi[u]])
				}
				for j := range atoms {
					if math.Abs(s.dispatch[u][j]-v.dispatch[pi[u]][j]) > 1e-12 {
						t.Errorf("N=%d line %d: dispatch share unit %d atom %d %.15f, renamed %.15f", n, line, u, j, s.dispatch[u][j], v.dispatch[pi[u]][j])
					}
				}
			}
			if math.Abs(s.allBusy-v.allBusy) > 1e-12 || math.Abs(s.interdistrict-v.interdistrict) > 1e-12 {
				t.Errorf("N=%d line %d: P(all busy) %v / %v, interdistrict %v / %v after renaming", n, line, s.allBusy, v.allBusy, s.interdistrict, v.interdistrict)
			}
		}
	}
}

// TestHypercubeFlows checks the measures against two identities that do
// not go through the same sums.
//
// Rate in equals rate out for each unit: it is dispatched at the rate
// it completes, mu x workload, so its share of the dispatches is
// mu rho_n / (rate of dispatches), that rate being lambda (1 - P_N)
// under zero line capacity and lambda under infinite line capacity.
//
// Beat-first dispatch (the beat's unit first in every list) sends a call
// across beats exactly when its beat's unit is busy and some unit is
// free, or (infinite line) when it waited and another unit freed first:
//
//	zero line:     f_I = (sum_j lambda_j rho_beat(j) - lambda P_N) / (lambda (1 - P_N))
//	infinite line: f_I = sum_j lambda_j rho_beat(j) / lambda - P_N / N
//
// For P_N near 0 both reduce to Larson and Odoni's eq. (5.55),
// f_I = sum_n lambda_n rho_n / lambda (section 5.6, "Fraction of
// dispatches that are interresponse area dispatches").
func TestHypercubeFlows(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 5))
	for _, n := range []int{2, 3, 4, 6} {
		for _, load := range []float64{0.2, 0.7, 0.95} {
			atoms := randomAtoms(r, n, 2*n)
			lambda := totalRate(atoms)
			mu := lambda / (load * float64(n))
			for _, line := range []hypercubeLine{zeroLine, infiniteLine} {
				s := mustHypercube(t, n, mu, atoms, line)
				rate := lambda
				if line == zeroLine {
					rate = lambda * (1 - s.allBusy)
				}
				for u := range n {
					share := 0.0
					for j := range atoms {
						share += s.dispatch[u][j]
					}
					if want := mu * s.workload[u] / rate; math.Abs(share-want) > 1e-12 {
						t.Errorf("N=%d load %.2f line %d: unit %d gets %.15f of dispatches, want mu rho / rate = %.15f", n, load, line, u, share, want)
					}
				}
				own := 0.0
				for _, a := range atoms {
					own += a.rate * s.workload[a.beat]
				}
				want := own/lambda - s.allBusy/float64(n)
				if line == zeroLine {
					want = (own - lambda*s.allBusy) / (lambda * (1 - s.allBusy))
				}
				if math.Abs(s.interdistrict-want) > 1e-12 {
					t.Errorf("N=%d load %.2f line %d: interdistrict %.15f, want %.15f from the workloads", n, load, line, s.interdistrict, want)
				}
			}
		}
	}
}

// TestHypercubeTwoUnits checks the solver against the closed form of two
// units with zero line capacity, derived here by hand.
//
// Unit 1 serves beat 1 (calls at rate l1), unit 2 beat 2 (rate l2);
// l = l1 + l2, a = l / mu. States: 0 (both free), {1}, {2}, {1,2}.
//
//	0     -> {1} at l1, 0 -> {2} at l2          (own unit first)
//	{1}   -> {1,2} at l (every call goes to unit 2), {1} -> 0 at mu
//	{2}   -> {1,2} at l, {2} -> 0 at mu
//	{1,2} -> {2} at mu, {1,2} -> {1} at mu; calls are lost
//
// The number busy is M/M/2/2: P0 = 1 / (1 + a + a^2/2), P({1}) + P({2}) =
// a P0, P({1,2}) = a^2/2 P0. The balance of {1}:
// (l + mu) P({1}) = l1 P0 + mu P({1,2}), so
//
//	P({1}) = P0 (l1 + l^2 / (2 mu)) / (l + mu), P({2}) likewise with l2,
//	rho_1 = P({1}) + P({1,2}), rho_2 = P({2}) + P({1,2}),
//	rho_1 - rho_2 = P0 (l1 - l2) / (l + mu).
//
// (Check: P({1}) + P({2}) = P0 (l + l^2/mu) / (l + mu) = a P0.) A call from
// beat 1 goes to unit 2 only in state {1} (its own unit busy, the other
// free), a call from beat 2 to unit 1 only in state {2}; so the
// interdistrict share of the l (1 - P({1,2})) dispatches is
//
//	f_I = (l1 P({1}) + l2 P({2})) / (l (1 - P({1,2}))).
func TestHypercubeTwoUnits(t *testing.T) {
	for _, tc := range []struct{ l1, l2, mu float64 }{
		{0.5, 0.5, 1}, {0.9, 0.1, 1}, {0.2, 1.3, 0.7}, {3, 2, 1.5}, {0.01, 0.02, 1},
	} {
		l := tc.l1 + tc.l2
		a := l / tc.mu
		p0 := 1 / (1 + a + a*a/2)
		p12 := a * a / 2 * p0
		p1 := p0 * (tc.l1 + l*l/(2*tc.mu)) / (l + tc.mu)
		p2 := p0 * (tc.l2 + l*l/(2*tc.mu)) / (l + tc.mu)
		fI := (tc.l1*p1 + tc.l2*p2) / (l * (1 - p12))
		s := mustHypercube(t, 2, tc.mu, []hypercubeAtom{
			{rate: tc.l1, beat: 0, pref: []int{0, 1}},
			{rate: tc.l2, beat: 1, pref: []int{1, 0}},
		}, zeroLine)
		for _, c := range []struct {
			what      string
			got, want float64
		}{
			{"P(0)", s.state[0], p0}, {"P({1})", s.state[1], p1}, {"P({2})", s.state[2], p2}, {"P({1,2})", s.state[3], p12},
			{"rho_1", s.workload[0], p1 + p12}, {"rho_2", s.workload[1], p2 + p12},
			{"interdistrict", s.interdistrict, fI}, {"P(all busy)", s.allBusy, p12},
		} {
			if math.Abs(c.got-c.want) > 1e-12 {
				t.Errorf("l1=%v l2=%v mu=%v: %s = %.15f, want %.15f", tc.l1, tc.l2, tc.mu, c.what, c.got, c.want)
			}
		}
	}
}

// TestHypercubeLarsonOdoni reproduces the published two-unit example of
// Larson and Odoni, Urban Operations Research (1981), section 5.3.3
// "Nonhomogeneous rectangular city example" (zero line capacity; online
// at web.mit.edu/urban_or_book/www/book/chapter5/5.3.3.html). A city 2
// miles east-west, x in [-1, 1]; unit 1 at x = 0.75, unit 2 at x = -0.25;
// half the calls uniform over x > 0.75, the other half uniform over
// x < 0.75 (1.75 miles); lambda = 5/4 per mean service time, mu = 1. The
// beat boundary lies w west of unit 1: beat 1 gets the high-demand strip
// plus w / 1.75 of the rest, so l1 / lambda = 1/2 + (w / 1.75) / 2.
// Published: with the equal-travel-time boundary w = 1/2,
// rho_1 = 0.49010, rho_2 = 0.43773, imbalance 0.05236; with the boundary
// that minimises mean travel time, w* = 53/126, imbalance 0.04405.
// The exact values (P0 = 32/97, P({1,2}) = 25/97) are rho_1 = 0.4900998,
// rho_2 = 0.4377352, imbalance 0.0523646 at w = 1/2 and 0.0440527 at w*:
// three round to the published figures and rho_2 is cut rather than
// rounded, so the tolerance is one unit in the fifth decimal place.
func TestHypercubeLarsonOdoni(t *testing.T) {
	for _, tc := range []struct {
		w                     float64
		rho1, rho2, imbalance float64 // published; NaN where not given
	}{
		{0.5, 0.49010, 0.43773, 0.05236},
		{53.0 / 126, math.NaN(), math.NaN(), 0.04405},
	} {
		lambda := 5.0 / 4
		l1 := lambda * (0.5 + tc.w/1.75/2)
		s := mustHypercube(t, 2, 1, []hypercubeAtom{
			{rate: l1, beat: 0, pref: []int{0, 1}},
			{rate: lambda - l1, beat: 1, pref: []int{1, 0}},
		}, zeroLine)
		t.Logf("w = %.5f: rho_1 %.5f, rho_2 %.5f, imbalance %.5f, interdistrict %.5f, P(both busy) %.5f",
			tc.w, s.workload[0], s.workload[1], s.workload[0]-s.workload[1], s.interdistrict, s.allBusy)
		for _, c := range []struct {
			what      string
			got, want float64
		}{
			{"rho_1", s.workload[0], tc.rho1}, {"rho_2", s.workload[1], tc.rho2},
			{"imbalance", s.workload[0] - s.workload[1], tc.imbalance},
		} {
			if !math.IsNaN(c.want) && math.Abs(c.got-c.want) > 1e-5 {
				t.Errorf("w = %.5f: %s = %.7f, published %.5f", tc.w, c.what, c.got, c.want)
			}
		}
	}
}

// TestHypercubeRejects checks that a malformed model is an error, not a
// wrong answer.
func TestHypercubeRejects(t *testing.T) {
	ok := []hypercubeAtom{{rate: 1, beat: 0, pref: []int{0, 1}}, {rate: 1, beat: 1, pref: []int{1, 0}}}
	for _, tc := range []struct {
		name  string
		n     int
		mu    float64
		atoms []hypercubeAtom
		line  hypercubeLine
	}{
		{"no units", 0, 1, ok, zeroLine},
		{"zero service rate", 2, 0, ok, zeroLine},
		{"negative rate", 2, 1, []hypercubeAtom{{rate: -1, beat: 0, pref: []int{0, 1}}}, zeroLine},
		{"no calls", 2, 1, []hypercubeAtom{{rate: 0, beat: 0, pref: []int{0, 1}}}, zeroLine},
		{"beat out of range", 2, 1, []hypercubeAtom{{rate: 1, beat: 2, pref: []int{0, 1}}}, zeroLine},
		{"short preference", 2, 1, []hypercubeAtom{{rate: 1, beat: 0, pref: []int{0}}}, zeroLine},
		{"repeated unit", 2, 1, []hypercubeAtom{{rate: 1, beat: 0, pref: []int{0, 0}}}, zeroLine},
		{"overloaded infinite line", 2, 1, ok, infiniteLine},
	} {
		if _, err := solveHypercube(tc.n, tc.mu, tc.atoms, tc.line); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// hypercubeConfig is the precinct that TestHypercubeEngine runs against
// solveHypercube(len(beats), mu, atoms, zeroLine), with atoms[j] =
// {rate_j, beat_j, ownBeatFirst(beat_j, N)}: one cell per atom in a
// single row, cell j in beat beats[j] with call weight rates[j] (calls
// per minute); one round-the-clock shift of N officers, so that officer k
// patrols beat k (the engine gives officer k of a shift beat k mod
// Beats); one P1 call type with flat hourly profile, exponential service
// of mean 1/mu minutes and no report writing; travel metric none and no
// turnout, so a dispatch costs no time and every unit is equally near
// (ties go to the lowest id, hence ownBeatFirst); patrol stay; beat-first
// dispatch (Dispatch.Policy = DispatchBeat) with zero line capacity
// (Dispatch.Lost: a call that finds every unit busy is lost); the
// community half, co-responders and every other workload mechanism off
// (their zero values: no processing, one unit per call, no backup, no
// officer-initiated work, no out-of-service time, one speed, no holding,
// no telephone reports).
func hypercubeConfig(rates []float64, beats []int, n int, mu float64, days int) sim.Config {
	cells := len(rates)
	g := sim.Grid{Width: cells, Height: 1, CellM: 100, Neighborhoods: []string{"all"},
		Neighborhood: make([]int, cells), Beats: n, Beat: slices.Clone(beats), CallWeight: slices.Clone(rates)}
	var flat [24]float64
	for i := range flat {
		flat[i] = 1
	}
	lambda := 0.0
	for _, r := range rates {
		lambda += r
	}
	return sim.Config{
		Seed: 15, Days: days, WarmupDays: 2, Grid: g,
		Travel: sim.Travel{Metric: sim.MetricNone, Speed: 500, PatrolSpeed: 250},
		Shifts: []sim.Shift{{Name: "all day", Start: 0, Length: sim.MinutesPerDay, Officers: n}},
		Patrol: agents.Patrol{Kind: agents.PatrolStay},
		CallTypes: []sim.CallType{{Name: "call", Priority: sim.P1, PerDay: lambda * sim.MinutesPerDay, Profile: flat,
			Service: sim.Dist{Kind: sim.Exponential, Mean: 1 / mu}}},
		Dispatch: sim.Dispatch{Policy: sim.DispatchBeat, Lost: true},
	}
}

// TestHypercubeConfigValid checks that the precinct of hypercubeConfig is
// one the engine accepts and runs with every invariant checked after
// every event.
func TestHypercubeConfigValid(t *testing.T) {
	cfg := hypercubeConfig([]float64{0.02, 0.01, 0.015, 0.005}, []int{0, 0, 1, 2}, 3, 1.0/30, 3)
	if err := sim.Check(&cfg); err != nil {
		t.Fatal(err)
	}
	res := sim.CheckedRun(t, &cfg, 0)
	if res.Calls == 0 {
		t.Fatal("no calls in the window")
	}
}

// TestHypercubeEngine runs beat-first dispatch with zero line capacity
// on precincts of two and three units and compares what the engine
// measures with the solution of the hypercube's balance equations: each
// unit's workload (its share of time busy) and the share of cross-beat
// (interdistrict) dispatches within 3 standard errors of the mean over
// 20 replicates (at least 0.004; about 2e5 calls per precinct), and the share of calls lost with
// P(all busy), which is Erlang B.
func TestHypercubeEngine(t *testing.T) {
	const mu, reps, days = 1.0 / 30, 20, 150
	for _, tc := range []struct {
		rates []float64
		beats []int
	}{
		{[]float64{0.012, 0.008, 0.0133}, []int{0, 1, 1}},
		{[]float64{0.02, 0.01, 0.015, 0.005}, []int{0, 0, 1, 2}},
	} {
		n := slices.Max(tc.beats) + 1
		t.Run(fmt.Sprintf("%d units", n), func(t *testing.T) {
			atoms := make([]hypercubeAtom, len(tc.rates))
			lambda := 0.0
			for j, r := range tc.rates {
				atoms[j] = hypercubeAtom{rate: r, beat: tc.beats[j], pref: ownBeatFirst(tc.beats[j], n)}
				lambda += r
			}
			want, err := solveHypercube(n, mu, atoms, zeroLine)
			if err != nil {
				t.Fatal(err)
			}
			if b := erlangB(n, lambda/mu); math.Abs(want.allBusy-b) > 1e-12 {
				t.Fatalf("solver: P(all busy) %v, Erlang B %v", want.allBusy, b)
			}
			cfg := hypercubeConfig(tc.rates, tc.beats, n, mu, days)
			work := make([][]float64, n)
			var cross, lost []float64
			for r := range reps {
				res, err := sim.Run(cfg, r)
				if err != nil {
					t.Fatal(err)
				}
				for u := range n {
					work[u] = append(work[u], res.CommittedByOfficer[u]/(float64(days)*24))
				}
				cross = append(cross, *res.Workload.CrossBeatShare)
				lost = append(lost, *res.LostShare)
			}
			near := func(name string, xs []float64, want float64) {
				t.Helper()
				m, sd := stat.MeanStdDev(xs, nil)
				tol := max(3*sd/math.Sqrt(float64(len(xs))), 0.004)
				t.Logf("%s: engine %.4f, hypercube %.4f (tolerance %.4f)", name, m, want, tol)
				if math.Abs(m-want) > tol {
					t.Errorf("%s: engine %.4f, hypercube %.4f, want within %.4f", name, m, want, tol)
				}
			}
			for u := range n {
				near(fmt.Sprintf("workload of unit %d", u), work[u], want.workload[u])
			}
			near("cross-beat share", cross, want.interdistrict)
			near("lost share (Erlang B)", lost, want.allBusy)
		})
	}
}
