package study

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// shardDir is one shard directory read back for Merge.
type shardDir struct {
	dir  string
	m    *Manifest
	sh   *Shard
	sum  *Summary
	sums []*sums
}

// Merge writes into out, created if missing, the files one machine writes
// for the study whose shards dirs hold (shard directories, or directories
// holding shard-*-of-* directories): manifest.json and the resolved
// scenarios as they are, runs.csv and daily.csv with every shard's rows
// copied, byte for byte, back into job order, cells.csv, hoods.csv and
// response.csv from the shards' exact sums, and summary.json computed from
// the merged runs.csv. Only summary.json's started (the earliest shard's),
// finished (now) and workers (the sum over the shards) differ from a run
// on one machine.
//
// Merge refuses, with ErrBadShard and a message naming the shards and
// the difference, shards run by different builds (version, revision, Go
// version, GOARCH), shards of different studies (command, replicates,
// scenarios, seeds), a job in two shards, a job in none, and a shard not
// finished.
func Merge(out string, dirs []string) (*Summary, error) {
	paths, err := expandShardDirs(dirs)
	if err != nil {
		return nil, err
	}
	shards := make([]*shardDir, len(paths))
	for i, p := range paths {
		if shards[i], err = readShardDir(p); err != nil {
			return nil, err
		}
	}
	ref := shards[0]
	for _, x := range shards[1:] {
		if d := provenanceDiff(ref.sh.Provenance, x.sh.Provenance); d != "" {
			return nil, fmt.Errorf("%w: %s and %s were run by different builds: %s", ErrBadShard, ref.dir, x.dir, d)
		}
		if d := manifestDiff(ref.m, x.m); d != "" {
			return nil, fmt.Errorf("%w: %s and %s are shards of different studies: %s", ErrBadShard, ref.dir, x.dir, d)
		}
	}
	owner, err := jobOwners(ref.m, shards)
	if err != nil {
		return nil, err
	}
	st, err := readStudy(ref.dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(out, ManifestFile)); err == nil {
		return nil, fmt.Errorf("%s %w (choose another directory)", out, ErrExists)
	}
	if err := os.MkdirAll(filepath.Join(out, ScenarioDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	for i, ms := range st.Manifest.Scenarios {
		if err := WriteFileAtomic(filepath.Join(out, ms.File), st.tomls[i]); err != nil {
			return nil, err
		}
	}
	if err := writeJSON(filepath.Join(out, ManifestFile), st.Manifest); err != nil {
		return nil, err
	}
	repCol := 1 + len(st.Manifest.VariantKeys)
	if err := mergeRows(out, RunsFile, repCol, true, &st.Manifest, shards, owner); err != nil {
		return nil, err
	}
	if err := mergeRows(out, DailyFile, 1, false, &st.Manifest, shards, owner); err != nil {
		return nil, err
	}
	total := make([]*sums, len(st.scenarios))
	for s := range total {
		total[s] = newSums()
		for _, x := range shards {
			total[s].merge(x.sums[s])
		}
	}
	if err := st.writeAggregates(out, total); err != nil {
		return nil, err
	}
	runs, err := ReadRuns(out)
	if err != nil {
		return nil, err
	}
	sum := st.summarize(runs)
	sum.Provenance = ref.sh.Provenance
	sum.Started, sum.Finished = ref.sum.Started, time.Now().UTC().Format(time.RFC3339)
	for _, x := range shards {
		sum.Started = min(sum.Started, x.sum.Started)
		sum.Workers += x.sum.Workers
	}
	if err := writeJSON(filepath.Join(out, SummaryFile), sum); err != nil {
		return nil, err
	}
	return sum, nil
}

// expandShardDirs returns the shard directories that dirs name: each dir
// holding shard.json, and the shard-*-of-* directories inside any other.
func expandShardDirs(dirs []string) ([]string, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%w: no shard directories given", ErrBadShard)
	}
	var out []string
	seen := map[string]string{}
	add := func(p, given string) error {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if prev, ok := seen[abs]; ok {
			return fmt.Errorf("%w: %s is given twice (as %s and as %s)", ErrBadShard, p, prev, given)
		}
		seen[abs] = given
		out = append(out, p)
		return nil
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, ShardFile)); err == nil {
			if err := add(d, d); err != nil {
				return nil, err
			}
			continue
		}
		matches, err := filepath.Glob(filepath.Join(d, "shard-*-of-*"))
		if err != nil {
			return nil, err
		}
		n := 0
		for _, p := range matches {
			if _, err := os.Stat(filepath.Join(p, ShardFile)); err == nil {
				if err := add(p, d); err != nil {
					return nil, err
				}
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("%w: %s is neither a shard directory (no %s) nor a directory of shards (no shard-*-of-*/%s); shards are written by run, compare or sweep with --shard",
				ErrBadShard, d, ShardFile, ShardFile)
		}
	}
	return out, nil
}

// readShardDir reads a finished shard directory: its manifest, shard.json
// (checked against the manifest), summary and sums.
func readShardDir(dir string) (*shardDir, error) {
	x := &shardDir{dir: dir}
	var err error
	if x.m, err = ReadManifest(dir); err != nil {
		return nil, err
	}
	if x.sh, err = ReadShard(dir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, stateDir)); err == nil {
		return nil, fmt.Errorf("%w: shard %s is not finished (its checkpoint is in %s); finish it by running its task again, or with --resume %s",
			ErrBadShard, dir, filepath.Join(dir, stateDir), dir)
	}
	n := len(x.m.Scenarios)
	if x.sh.Total != n*x.m.Reps || len(x.sh.Scenarios) != n {
		return nil, fmt.Errorf("%w: %s: %s describes %d jobs of %d scenarios, the manifest %d of %d", ErrBadShard, dir, ShardFile,
			x.sh.Total, len(x.sh.Scenarios), n*x.m.Reps, n)
	}
	for i, s := range x.sh.Scenarios {
		ms := x.m.Scenarios[i]
		if s.Name != ms.Name || s.SHA256 != ms.SHA256 || s.Seed != ms.Seed {
			return nil, fmt.Errorf("%w: %s: %s and the manifest disagree about scenario %d (%s, %s)", ErrBadShard, dir, ShardFile, i+1, s.Name, ms.Name)
		}
	}
	for i, k := range x.sh.Jobs {
		if k < 0 || k >= x.sh.Total || i > 0 && k <= x.sh.Jobs[i-1] {
			return nil, fmt.Errorf("%w: %s: %s lists job %d out of order or outside 0 .. %d", ErrBadShard, dir, ShardFile, k, x.sh.Total-1)
		}
	}
	if x.sum, err = ReadSummary(dir); err != nil {
		return nil, err
	}
	if x.sum.Interrupted {
		return nil, fmt.Errorf("%w: shard %s is not finished (summary.json says interrupted)", ErrBadShard, dir)
	}
	if err := readJSON(filepath.Join(dir, SumsFile), &x.sums); err != nil {
		return nil, err
	}
	done := 0
	for _, s := range x.sums {
		if s == nil {
			return nil, fmt.Errorf("%w: %s: %s holds no sums for a scenario", ErrBadShard, dir, SumsFile)
		}
		done += s.N
	}
	if len(x.sums) != n || done != len(x.sh.Jobs) {
		return nil, fmt.Errorf("%w: %s: %s holds %d replicates of %d scenarios; the shard has %d jobs of %d", ErrBadShard, dir, SumsFile,
			done, len(x.sums), len(x.sh.Jobs), n)
	}
	return x, nil
}

// jobOwners returns, for every job of the study m, the index of the shard
// that holds it, refusing a job in two shards or in none.
func jobOwners(m *Manifest, shards []*shardDir) ([]int, error) {
	total := len(m.Scenarios) * m.Reps
	owner := make([]int, total)
	for k := range owner {
		owner[k] = -1
	}
	for i, x := range shards {
		for _, k := range x.sh.Jobs {
			if o := owner[k]; o >= 0 {
				return nil, fmt.Errorf("%w: overlapping shards: %s is in both %s (shard %d/%d) and %s (shard %d/%d)", ErrBadShard,
					describeJob(m, k), shards[o].dir, shards[o].sh.Index, shards[o].sh.Count, x.dir, x.sh.Index, x.sh.Count)
			}
			owner[k] = i
		}
	}
	var missing []int
	for k, o := range owner {
		if o < 0 {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return owner, nil
	}
	msg := fmt.Sprintf("%d of the study's %d jobs are in no shard given, the first %s", len(missing), total, describeJob(m, missing[0]))
	count := shards[0].sh.Count
	same := true
	for _, x := range shards {
		same = same && x.sh.Count == count
	}
	if same {
		var names []string
		for _, k := range missing {
			if n := ShardName(k%count, count); !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		msg += fmt.Sprintf("; missing shards: %s", strings.Join(names, ", "))
	}
	return nil, fmt.Errorf("%w: missing jobs: %s", ErrBadShard, msg)
}

// mergeRows writes out/name from the shards' files of that name: their
// header, then for every job in order the rows of the shard that holds it
// (one row when one is true, else any number), copied byte for byte. The
// rows of a job are known by their scenario (column 0) and replicate
// (column repCol).
func mergeRows(out, name string, repCol int, one bool, m *Manifest, shards []*shardDir, owner []int) error {
	streams := make([]*rowStream, len(shards))
	for i, x := range shards {
		s, err := openRows(filepath.Join(x.dir, name), repCol)
		if err != nil {
			return err
		}
		defer s.close()
		if i > 0 && string(s.header) != string(streams[0].header) {
			return fmt.Errorf("%w: the header of %s differs from that of %s", ErrBadShard, s.path, streams[0].path)
		}
		streams[i] = s
	}
	n := len(m.Scenarios)
	return writeAtomic(filepath.Join(out, name), func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if _, err := bw.Write(streams[0].header); err != nil {
			return err
		}
		for k, o := range owner {
			s := streams[o]
			scen, rep := m.Scenarios[k%n].Name, fmt.Sprint(k/n)
			rows := 0
			for s.matches(scen, rep) && (!one || rows == 0) {
				if err := s.copyRow(bw); err != nil {
					return err
				}
				rows++
			}
			if s.err != nil {
				return s.err
			}
			if one && rows == 0 {
				return fmt.Errorf("%w: %s has no row for %s, which its %s lists", ErrBadShard, s.path, describeJob(m, k), ShardFile)
			}
		}
		for _, s := range streams {
			if s.rec != nil {
				return fmt.Errorf("%w: %s:%d: a row of scenario %s, replicate %s, out of place or of no job its %s lists",
					ErrBadShard, s.path, s.line, s.rec[0], s.rec[repCol], ShardFile)
			}
		}
		return bw.Flush()
	})
}

// rowStream reads a CSV file record by record, one ahead, and copies the
// bytes of each record as they are in the file.
type rowStream struct {
	path   string
	f, raw *os.File
	r      *csv.Reader
	repCol int
	header []byte
	off    int64    // where rec starts in the file
	rec    []string // the next record, nil at the end
	line   int      // rec's line
	err    error
}

func openRows(path string, repCol int) (*rowStream, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	raw, err := os.Open(path)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	s := &rowStream{path: path, f: f, raw: raw, r: csv.NewReader(bufio.NewReaderSize(f, 1<<16)), repCol: repCol}
	if _, err := s.r.Read(); err != nil {
		s.close()
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	s.header = make([]byte, s.r.InputOffset())
	if _, err := io.ReadFull(raw, s.header); err != nil {
		s.close()
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	s.off, s.line = s.r.InputOffset(), 1
	s.next()
	return s, s.err
}

// next reads the next record into rec.
func (s *rowStream) next() {
	rec, err := s.r.Read()
	s.line++
	switch {
	case err == io.EOF:
		s.rec = nil
	case err != nil:
		s.rec, s.err = nil, fmt.Errorf("reading %s: %w", s.path, err)
	case len(rec) <= s.repCol:
		s.rec, s.err = nil, fmt.Errorf("%w: %s:%d: %d fields, want more than %d", ErrBadShard, s.path, s.line, len(rec), s.repCol)
	default:
		s.rec = rec
	}
}

// matches reports whether the next record is of scenario scen and
// replicate rep.
func (s *rowStream) matches(scen, rep string) bool {
	return s.rec != nil && s.rec[0] == scen && s.rec[s.repCol] == rep
}

// copyRow copies the bytes of the next record to w and reads the one
// after it.
func (s *rowStream) copyRow(w io.Writer) error {
	end := s.r.InputOffset()
	if _, err := io.CopyN(w, s.raw, end-s.off); err != nil {
		return fmt.Errorf("reading %s: %w", s.path, err)
	}
	s.off = end
	s.next()
	return nil
}

func (s *rowStream) close() {
	s.f.Close()
	s.raw.Close()
}
