package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/precinct-sim/precinct/report"
	"github.com/precinct-sim/precinct/study"
)

const shardHelp = "run one shard of the study into DIR/shard-I-of-N, DIR given by --out (`I/N`, 0 <= I < N; auto: the Slurm array task; auto/N: the Slurm array task or Kubernetes Indexed Job index, N tasks; none: the whole study). Without the flag, a Slurm array task with --out runs its own shard"

// resolveShard turns a --shard value into a shard index and count, taking
// what "auto" leaves open from the scheduler's environment (getenv):
//
//	I/N     shard I of N, 0 <= I < N
//	auto    a Slurm array task: SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN
//	        of SLURM_ARRAY_TASK_COUNT (or MAX - MIN + 1) tasks
//	auto/N  N tasks; the index is SLURM_ARRAY_TASK_ID (arrays numbered from
//	        0) or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX
//
// It also returns where the index came from, for the log.
func resolveShard(spec string, getenv func(string) string) (index, count int, source string, err error) {
	bad := func(format string, a ...any) (int, int, string, error) {
		return 0, 0, "", usagef("--shard %s: "+format, append([]any{spec}, a...)...)
	}
	head, tail, slash := strings.Cut(spec, "/")
	if slash {
		if count, err = strconv.Atoi(tail); err != nil || count < 1 {
			return bad("the count after / must be a whole number of at least 1")
		}
	}
	if head != "auto" {
		if index, err = strconv.Atoi(head); err != nil || !slash {
			return bad("want I/N (shard I of N, counted from 0), auto or auto/N")
		}
		if index < 0 || index >= count {
			return bad("the index must be between 0 and %d", count-1)
		}
		return index, count, "--shard", nil
	}
	envInt := func(name string) (int, bool, error) {
		v := getenv(name)
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, true, usagef("--shard %s: %s=%q is not a whole number", spec, name, v)
		}
		return n, true, nil
	}
	id, inSlurm, err := envInt("SLURM_ARRAY_TASK_ID")
	if err != nil {
		return 0, 0, "", err
	}
	if inSlurm {
		if slash {
			if id >= count {
				return bad("SLURM_ARRAY_TASK_ID=%d, but there are %d tasks: number the array from 0 (--array=0-%d)", id, count, count-1)
			}
			return id, count, fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", id), nil
		}
		lo, _, err := envInt("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return 0, 0, "", err
		}
		hi, haveMax, err := envInt("SLURM_ARRAY_TASK_MAX")
		if err != nil {
			return 0, 0, "", err
		}
		n, haveCount, err := envInt("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return 0, 0, "", err
		}
		step, haveStep, err := envInt("SLURM_ARRAY_TASK_STEP")
		if err != nil {
			return 0, 0, "", err
		}
		switch {
		case haveStep && step != 1:
			return bad("the array has a step of %d; shards need consecutive task ids (--array=0-N), or give the count: --shard auto/N", step)
		case haveMax && haveCount && n != hi-lo+1:
			return bad("the array's %d tasks do not run from %d to %d without gaps; give --array=0-N, or the count: --shard auto/N", n, lo, hi)
		case !haveCount && haveMax:
			n = hi - lo + 1
		case !haveCount:
			return bad("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is; give the count: --shard auto/N")
		}
		if id < lo || id-lo >= n {
			return bad("SLURM_ARRAY_TASK_ID=%d is outside the array's %d tasks from %d", id, n, lo)
		}
		return id - lo, n, fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", id), nil
	}
	jci, inJob, err := envInt("JOB_COMPLETION_INDEX")
	if err != nil {
		return 0, 0, "", err
	}
	switch {
	case !inJob:
		return bad("neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give the shard as I/N")
	case !slash:
		return bad("JOB_COMPLETION_INDEX=%d gives the index but not the count: give --shard auto/N, N the Job's completions", jci)
	case jci >= count:
		return bad("JOB_COMPLETION_INDEX=%d, but there are %d completions", jci, count)
	}
	return jci, count, fmt.Sprintf("JOB_COMPLETION_INDEX=%d", jci), nil
}

// shardSpec returns the shard to run, or "" for the whole study: --shard
// as given ("none" is the whole study), or, without the flag, "auto" in a
// Slurm array task (SLURM_ARRAY_TASK_ID set) that writes to --out, said on
// stderr. A Kubernetes Indexed Job gives no count in its environment, so
// it needs --shard auto/N.
func (f *studyFlags) shardSpec(stderr io.Writer) string {
	switch {
	case *f.shard == "none":
		return ""
	case *f.shard != "":
		return *f.shard
	case *f.out != "" && os.Getenv("SLURM_ARRAY_TASK_ID") != "":
		fmt.Fprintln(stderr, "precinct: SLURM_ARRAY_TASK_ID is set: running this array task's shard of the study (--shard none runs the whole study)")
		return "auto"
	}
	return ""
}

// executeShard runs shard spec of st into its directory under --out: from
// the start, from the checkpoint of an earlier run of the same shard, or
// not at all when that shard is complete.
func (f *studyFlags) executeShard(ctx context.Context, st *study.Study, spec string, stdout, stderr io.Writer) error {
	if *f.out == "" {
		return usagef("--shard: needs --out DIR (the shard is written to DIR/shard-I-of-N)")
	}
	index, count, source, err := resolveShard(spec, os.Getenv)
	if err != nil {
		return err
	}
	if err := st.SetShard(index, count); err != nil {
		return usagef("--shard %s: %v", spec, err)
	}
	fmt.Fprintf(stderr, "precinct: shard %d/%d (%s): %d of the study's %d jobs into %s\n", index, count, source,
		st.Total(), len(st.Manifest.Scenarios)*st.Manifest.Reps, study.ShardName(index, count))
	progress, done := newProgress(stderr, *f.quiet)
	stopNote := context.AfterFunc(ctx, func() {
		fmt.Fprintln(stderr, "\nprecinct: stopping after the replicates in flight (run the same command again to finish the shard)")
	})
	dir, sum, state, err := st.ExecuteShard(ctx, *f.out, study.Options{Workers: *f.workers, Progress: progress})
	stopNote()
	done()
	if errors.Is(err, study.ErrBadShard) {
		return usagef("%v", err)
	}
	switch state {
	case study.ShardResumed:
		fmt.Fprintf(stderr, "precinct: resumed the interrupted shard in %s\n", dir)
	case study.ShardComplete:
		fmt.Fprintf(stderr, "precinct: %s is complete already; nothing to run\n", dir)
	}
	if sum != nil {
		if werr := report.WriteStudy(stdout, sum); werr != nil {
			return errors.Join(err, werr)
		}
		fmt.Fprintf(stderr, "wrote %s (merge the shards with 'precinct merge OUT %s')\n", dir, *f.out)
	}
	return err
}
