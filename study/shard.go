package study

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/precinct-sim/precinct/scenarios"
)

// A study's jobs form one list, replicate-major: job k is replicate
// k / S of scenario k % S, S scenarios. A shard runs every Count-th job
// from job Index on (round-robin), so that any set of shards is an even
// sample of the study, into a shard directory of its own that Merge
// turns, with the others, into the files one machine writes.

// ShardFormat is the format written in shard.json.
const ShardFormat = "precinct-shard/1"

// The files a shard directory holds beside those of a study.
const (
	ShardFile = "shard.json" // Shard: which jobs, which program
	SumsFile  = "sums.json"  // the exact running sums behind the aggregate files
)

// ErrBadShard marks the errors of shards that do not belong together or
// to the study asked for: different programs, studies or seeds,
// overlapping or missing jobs, a shard not finished. It is bad input
// (exit status 2), never a failure of the program.
var ErrBadShard = errors.New("bad shard")

// Shard is shard.json: which part of which study a shard directory holds
// and which program runs it. It is written before the first replicate and
// never changes.
type Shard struct {
	Format string `json:"format"` // ShardFormat
	Index  int    `json:"index"`  // 0 .. Count-1
	Count  int    `json:"count"`  // shards of the study
	// Provenance is the program that runs the shard: its version,
	// revision, Go version and GOARCH must be those of every other shard
	// of the study, or the merged numbers would come from different code.
	Provenance Provenance      `json:"provenance"`
	Scenarios  []ShardScenario `json:"scenarios"` // the study's scenarios, in manifest order
	Total      int             `json:"total"`     // jobs of the whole study: scenarios x reps
	// Jobs are the shard's jobs, increasing: job k is replicate k / S of
	// scenario k % S, S = len(Scenarios).
	Jobs []int `json:"jobs"`
}

// ShardScenario names one scenario of a sharded study by its resolved
// file's hash and seed.
type ShardScenario struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Seed   uint64 `json:"seed"`
}

// ShardName is the name of the directory of shard index of count:
// shard-I-of-N, I zero-padded to N's width so that the names sort.
func ShardName(index, count int) string {
	w := len(fmt.Sprint(count))
	return fmt.Sprintf("shard-%0*d-of-%d", w, index, count)
}

// SetShard makes st run only shard index of count: the jobs index,
// index + count, index + 2 count, ... of its job list.
func (st *Study) SetShard(index, count int) error {
	total := len(st.scenarios) * st.Manifest.Reps
	if count < 1 || index < 0 || index >= count {
		return fmt.Errorf("%w: shard %d/%d: want 0 <= index < count", ErrBadShard, index, count)
	}
	if count > total {
		return fmt.Errorf("%w: %d shards of a study of %d jobs (%d scenarios x %d replicates): use at most %d",
			ErrBadShard, count, total, len(st.scenarios), st.Manifest.Reps, total)
	}
	sh := &Shard{Format: ShardFormat, Index: index, Count: count, Provenance: CurrentProvenance(), Total: total}
	for _, ms := range st.Manifest.Scenarios {
		sh.Scenarios = append(sh.Scenarios, ShardScenario{Name: ms.Name, SHA256: ms.SHA256, Seed: ms.Seed})
	}
	for k := index; k < total; k += count {
		sh.Jobs = append(sh.Jobs, k)
	}
	st.shard = sh
	return nil
}

// jobList returns the jobs st runs, as indices into its job list: all of
// them, or its shard's.
func (st *Study) jobList() []int {
	if st.shard != nil {
		return st.shard.Jobs
	}
	jobs := make([]int, len(st.scenarios)*st.Manifest.Reps)
	for k := range jobs {
		jobs[k] = k
	}
	return jobs
}

// describeJob names job k of a study of the scenarios in m.
func describeJob(m *Manifest, k int) string {
	n := len(m.Scenarios)
	return fmt.Sprintf("job %d (scenario %s, replicate %d)", k, m.Scenarios[k%n].Name, k/n)
}

// writeShard writes shard.json into dir when st is a shard.
func (st *Study) writeShard(dir string) error {
	if st.shard == nil {
		return nil
	}
	return writeJSON(filepath.Join(dir, ShardFile), st.shard)
}

// readShard reads dir's shard.json, when there is one, into st, whose
// manifest was read from dir: a shard resumes only its own jobs and only
// with the program that started it.
func (st *Study) readShard(dir string) error {
	sh, err := ReadShard(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if d := provenanceDiff(sh.Provenance, CurrentProvenance()); d != "" {
		return fmt.Errorf("%w: resuming %s: the shard was started by another build (%s); finish it with that build, or delete it and run it again",
			ErrBadShard, dir, d)
	}
	if sh.Total != len(st.scenarios)*st.Manifest.Reps {
		return fmt.Errorf("%w: resuming %s: %s lists %d jobs in the study, the manifest %d", ErrBadShard, dir, ShardFile,
			sh.Total, len(st.scenarios)*st.Manifest.Reps)
	}
	st.shard = sh
	return nil
}

// writeSums writes sums.json into dir when st is a shard: the exact sums
// Merge adds up.
func (st *Study) writeSums(dir string, all []*sums) error {
	if st.shard == nil {
		return nil
	}
	return writeJSON(filepath.Join(dir, SumsFile), all)
}

// ReadShard reads DIR/shard.json.
func ReadShard(dir string) (*Shard, error) {
	return readFormatted(dir, ShardFile, ShardFormat, func(s *Shard) string { return s.Format })
}

// ShardState says what ExecuteShard found in the shard's directory.
type ShardState int

// The states ExecuteShard reports.
const (
	ShardStarted  ShardState = iota // nothing: the shard ran from its first job
	ShardResumed                    // an interrupted or killed run of the shard: it went on from its checkpoint
	ShardComplete                   // the finished shard: nothing was run
)

// ExecuteShard runs st, made a shard by SetShard, into its directory under
// parent (ShardName). When that directory already holds the same shard of
// the same study, run by the same program, it resumes it from its last
// checkpoint, or leaves it as it is when complete: a scheduler that runs
// a failed task again finishes that task's shard and touches no other. A
// directory holding anything else is refused with ErrBadShard.
func (st *Study) ExecuteShard(ctx context.Context, parent string, opt Options) (string, *Summary, ShardState, error) {
	if st.shard == nil {
		return "", nil, 0, errors.New("study: ExecuteShard without SetShard")
	}
	dir := filepath.Join(parent, ShardName(st.shard.Index, st.shard.Count))
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err != nil {
		sum, err := st.Execute(ctx, dir, opt)
		return dir, sum, ShardStarted, err
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return dir, nil, 0, err
	}
	if d := manifestDiff(m, &st.Manifest); d != "" {
		return dir, nil, 0, fmt.Errorf("%w: %s holds a shard of another study (%s); choose another --out, or delete it", ErrBadShard, dir, d)
	}
	sh, err := ReadShard(dir)
	if err != nil {
		return dir, nil, 0, fmt.Errorf("%w: %s holds a study that is not a shard: %w", ErrBadShard, dir, err)
	}
	if d := provenanceDiff(sh.Provenance, st.shard.Provenance); d != "" {
		return dir, nil, 0, fmt.Errorf("%w: %s was run by another build (%s); finish it with that build, or delete it and run it again",
			ErrBadShard, dir, d)
	}
	if _, err := os.Stat(filepath.Join(dir, stateDir)); err == nil {
		_, sum, err := Resume(ctx, dir, opt)
		return dir, sum, ShardResumed, err
	}
	sum, err := ReadSummary(dir)
	return dir, sum, ShardComplete, err
}

// readStudy reads the study in dir from its manifest and resolved
// scenarios, checking each file against the hash the manifest gives.
func readStudy(dir string) (*Study, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	st := &Study{Manifest: *m}
	for _, ms := range m.Scenarios {
		path := filepath.Join(dir, ms.File)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if Hash(data) != ms.SHA256 {
			return nil, fmt.Errorf("%w: %s has changed since the study started (sha256 %s, manifest says %s)", ErrBadShard, path, Hash(data), ms.SHA256)
		}
		s, err := scenarios.Parse(path, data, nil)
		if err != nil {
			return nil, err
		}
		st.add(s, data)
	}
	return st, nil
}

// manifestDiff says how two manifests differ, naming the first
// difference: "" when they describe the same study.
func manifestDiff(a, b *Manifest) string {
	switch {
	case a.Command != b.Command:
		return fmt.Sprintf("command %s vs %s", a.Command, b.Command)
	case a.Reps != b.Reps:
		return fmt.Sprintf("%d vs %d replicates per scenario", a.Reps, b.Reps)
	case a.Order != b.Order:
		return fmt.Sprintf("order %s vs %s", a.Order, b.Order)
	case strings.Join(a.VariantKeys, ",") != strings.Join(b.VariantKeys, ","):
		return fmt.Sprintf("variant keys %v vs %v", a.VariantKeys, b.VariantKeys)
	case len(a.Scenarios) != len(b.Scenarios):
		return fmt.Sprintf("%d scenarios vs %d", len(a.Scenarios), len(b.Scenarios))
	}
	for i := range a.Scenarios {
		x, y := &a.Scenarios[i], &b.Scenarios[i]
		switch {
		case x.Name != y.Name:
			return fmt.Sprintf("scenario %d: %s vs %s", i+1, x.Name, y.Name)
		case x.Seed != y.Seed:
			return fmt.Sprintf("different seeds: scenario %s has seed %d vs %d", x.Name, x.Seed, y.Seed)
		case x.SHA256 != y.SHA256:
			return fmt.Sprintf("scenario %s differs (sha256 %.12s vs %.12s)", x.Name, x.SHA256, y.SHA256)
		}
	}
	return ""
}

// provenanceDiff says how the programs a and b differ in what can change
// the numbers (version, revision, uncommitted changes, Go version,
// GOARCH): "" when not.
func provenanceDiff(a, b Provenance) string {
	switch {
	case a.GOARCH != b.GOARCH:
		return fmt.Sprintf("GOARCH %s vs %s", a.GOARCH, b.GOARCH)
	case a.Version != b.Version || a.Revision != b.Revision || a.Modified != b.Modified || a.GoVersion != b.GoVersion:
		return fmt.Sprintf("program version %s vs %s", describeProvenance(a), describeProvenance(b))
	}
	return ""
}

// describeProvenance names a build: version, revision and Go version.
func describeProvenance(p Provenance) string {
	s := "precinct " + p.Version
	if p.Revision != "" {
		s += " revision " + p.Revision
		if p.Modified {
			s += " (modified)"
		}
	}
	return s + " built with " + p.GoVersion + " for " + p.GOARCH
}
