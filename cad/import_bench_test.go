package cad

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/precinct-sim/precinct/internal/cputime"
	"github.com/precinct-sim/precinct/scenarios"
)

// BenchmarkImportMillion imports a generated New Orleans extract of at
// least a million rows (state-plane feet, every quirk) from a file and
// reports rows a second, the CPU seconds the import used (the figure
// that holds on a loaded machine, where wall time does not) and the heap
// the process held. Run it on one core:
// GOMAXPROCS=1 go test ./cad -run - -bench ImportMillion -benchtime 1x -cpu 1.
func BenchmarkImportMillion(b *testing.B) {
	s := scenarios.Default()
	p, err := LoadProfile("neworleans")
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "calls.csv")
	fh, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	truth, err := Generate(w, p, &s, GenOptions{Days: 6400, Quirk: 0.005, SelfInit: 8}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		b.Fatal(err)
	}
	if truth.Counts.Rows < 1_000_000 {
		b.Fatalf("generated %d rows, want at least a million", truth.Counts.Rows)
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cputime.Process(b)
	b.ResetTimer()
	for range b.N {
		res, err := ImportFile(file, p, Options{CellM: 100, MaxTypes: 10, Name: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if res.Provenance.Counts.Rows != truth.Counts.Rows {
			b.Fatalf("read %d rows, want %d", res.Provenance.Counts.Rows, truth.Counts.Rows)
		}
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(truth.Counts.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(after.HeapSys)/(1<<20), "heap-MB")
	cputime.Report(b, cpu0)
}
