package sim

import (
	"math/rand/v2"
	"testing"
)

// TestKeyedDraws holds keyedDraws to math/rand/v2: the k-th draw read by
// position is the k-th Float64 of a rand.PCG seeded alike (and of the
// engine's keyed generator for the same key and purpose), and the
// generator after k draws goes on as that PCG does.
func TestKeyedDraws(t *testing.T) {
	e := &engine{keyPCG: rand.NewPCG(0, 0), keyBase: splitmix64(7)}
	e.keyRand = rand.New(e.keyPCG)
	for _, tc := range []struct {
		name string
		d    keyedDraws
	}{
		{"zero seed", keyedDraws{}},
		{"all ones", keyedDraws{^uint64(0), ^uint64(0)}},
		{"a call", e.keyedDraws(1<<keyShift|12345, purposePolice)},
		{"a backup", e.keyedDraws(keyBackupBit|tagCrime<<keyShift|7, purposeTeam)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.d
			for k := 1; k <= keyedJumps; k++ {
				ref := rand.New(rand.NewPCG(d.hi, d.lo))
				for range k - 1 {
					ref.Float64()
				}
				if got, want := d.uniform(k), ref.Float64(); got != want {
					t.Fatalf("draw %d = %v, rand.PCG draws %v", k, got, want)
				}
				if got, want := e.after(d, k).Uint64(), ref.Uint64(); got != want {
					t.Fatalf("after %d draws the generator draws %d, rand.PCG %d", k, got, want)
				}
			}
		})
	}
	d := e.keyedDraws(1<<keyShift|3, purposePolice)
	r := e.keyed(1<<keyShift|3, purposePolice)
	for k := 1; k <= keyedJumps; k++ {
		if got, want := d.uniform(k), r.Float64(); got != want {
			t.Fatalf("keyedDraws' draw %d = %v, keyed's %v", k, got, want)
		}
	}
}
