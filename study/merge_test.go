package study

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestShardsMergeAsOneMachine runs one study on one machine and as 1, 3
// and 7 shards, each set in a shuffled order, one shard interrupted and
// then run again as a scheduler would (it resumes, and no other shard's
// file changes), and wants every merged directory to equal the one-machine
// directory byte for byte (summary.json's started, finished and workers
// aside).
func TestShardsMergeAsOneMachine(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	if _, err := testStudy(t, 7).Execute(ctx, whole, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	shard := func(ctx context.Context, i, n int, parent string, opt Options) (ShardState, error) {
		t.Helper()
		st := testStudy(t, 7)
		if err := st.SetShard(i, n); err != nil {
			t.Fatal(err)
		}
		_, _, state, err := st.ExecuteShard(ctx, parent, opt)
		return state, err
	}
	r := rand.New(rand.NewPCG(19, 3))
	for _, n := range []int{1, 3, 7} {
		parent := filepath.Join(root, fmt.Sprintf("shards-%d", n))
		var dirs []string
		for _, i := range r.Perm(n) {
			dirs = append(dirs, filepath.Join(parent, ShardName(i, n)))
			if n == 3 && i == 1 {
				interruptShard(t, shard, parent)
				continue
			}
			if state, err := shard(ctx, i, n, parent, Options{Workers: 2}); err != nil || state != ShardStarted {
				t.Fatalf("shard %d/%d: %v, state %d", i, n, err, state)
			}
		}
		out := filepath.Join(root, fmt.Sprintf("merged-%d", n))
		given := []string{parent}
		if n == 7 {
			given = dirs // shard directories named one by one, in the order they ran
		}
		if _, err := Merge(out, given); err != nil {
			t.Fatalf("merging %d shards: %v", n, err)
		}
		d, err := DiffDirs(whole, out)
		if err != nil {
			t.Fatal(err)
		}
		if len(d) > 0 {
			t.Errorf("%d shards merged differ from one machine in %v", n, d)
		}
	}
}

// interruptShard stops shard 1/3 after its first replicate, checks that
// Merge refuses the unfinished shard, runs it again and checks that it
// resumed, that the other shards in parent are untouched and that a third
// run leaves the complete shard as it is.
func interruptShard(t *testing.T, shard func(context.Context, int, int, string, Options) (ShardState, error), parent string) {
	t.Helper()
	cut, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := func(done, total int) {
		if done == 1 {
			cancel()
		}
	}
	var intr *Interrupted
	if _, err := shard(cut, 1, 3, parent, Options{Workers: 1, Progress: stop}); !errors.As(err, &intr) || intr.Done >= intr.Total {
		t.Fatalf("interrupted shard: %v, want an *Interrupted error before the end", err)
	}
	_, err := Merge(filepath.Join(t.TempDir(), "m"), []string{parent})
	if !errors.Is(err, ErrBadShard) || !strings.Contains(err.Error(), "shard-1-of-3 is not finished") {
		t.Errorf("merging with an unfinished shard: %v", err)
	}
	before := snapshotExcept(t, parent, "shard-1-of-3")
	state, err := shard(context.Background(), 1, 3, parent, Options{Workers: 2})
	if err != nil || state != ShardResumed {
		t.Fatalf("running the interrupted shard again: %v, state %d, want it resumed", err, state)
	}
	if after := snapshotExcept(t, parent, "shard-1-of-3"); !reflect.DeepEqual(before, after) {
		t.Errorf("running shard 1/3 again changed the other shards' files")
	}
	if state, err := shard(context.Background(), 1, 3, parent, Options{}); err != nil || state != ShardComplete {
		t.Errorf("running the complete shard again: %v, state %d, want it left complete", err, state)
	}
}

// snapshotExcept returns the content and modification time of every file under
// parent but those under skip.
func snapshotExcept(t *testing.T, parent, skip string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(parent, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if rel, _ := filepath.Rel(parent, path); strings.HasPrefix(rel, skip) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = info.ModTime().Format(time.RFC3339Nano) + "\n" + string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSetShardRefuses(t *testing.T) {
	st := testStudy(t, 2)
	for _, c := range [][2]int{{-1, 2}, {2, 2}, {0, 0}, {0, 5}} {
		if err := st.SetShard(c[0], c[1]); !errors.Is(err, ErrBadShard) {
			t.Errorf("SetShard(%d, %d) = %v, want ErrBadShard", c[0], c[1], err)
		}
	}
	if err := st.SetShard(1, 3); err != nil || !reflect.DeepEqual(st.shard.Jobs, []int{1}) {
		t.Errorf("shard 1/3 of 4 jobs: %v, jobs %v, want [1]", err, st.shard.Jobs)
	}
}
