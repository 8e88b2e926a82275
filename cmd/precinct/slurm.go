package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/precinct-sim/precinct/study"
)

// planFunc receives the study a run, compare or sweep command line
// describes instead of running it.
type planFunc func(st *study.Study) error

type planKey struct{}

// withPlan returns a context under which a study command hands its study
// to plan and runs nothing: 'precinct slurm' checks the command line it
// is given, scenarios and all, before it writes a script.
func withPlan(ctx context.Context, plan planFunc) context.Context {
	return context.WithValue(ctx, planKey{}, plan)
}

func planOf(ctx context.Context) planFunc {
	p, _ := ctx.Value(planKey{}).(planFunc)
	return p
}

// The files 'precinct slurm' writes into its directory.
const (
	slurmArrayFile  = "array.sbatch"
	slurmMergeFile  = "merge.sbatch"
	slurmSubmitFile = "submit.sh"
)

func cmdSlurm(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommand("slurm", "precinct slurm --tasks N [flags] run|compare|sweep ARGS... --out OUT",
		`Writes a study as a Slurm job array and a merge job that starts when every
task has succeeded (afterok), into DIR (default OUT.slurm):

  array.sbatch   N tasks; task I runs 'COMMAND ARGS --shard auto/N' into
                 DIR/shards/shard-I-of-N, on --cpus workers
  merge.sbatch   'precinct merge OUT DIR/shards': OUT holds what one
                 machine running the whole study writes
  submit.sh      submits both (--submit runs it) and prints their job ids
  logs/          each task's and the merge's output

The study command line is checked (scenarios resolved, replicates
counted) before anything is written. A task that fails or reaches its time
limit keeps what it finished; 'sbatch --array=I DIR/array.sbatch' runs it
again from its checkpoint, touching no other shard, and the merge is then
submitted again with 'sbatch --dependency=afterok:JOB DIR/merge.sbatch'.
The paths in the scripts are absolute, the tasks start in the current
directory, and the program (--program) must be reachable from every node.`)
	tasks := c.fs.Int("tasks", 0, "array tasks, one shard each (`N`)")
	cpus := c.fs.Int("cpus", 1, "CPUs per task (`C`): sbatch --cpus-per-task, and the task's --workers unless the command gives them")
	timeLimit := c.fs.String("time", "", "time limit of each task (`T`, as sbatch --time: 90, 4:00:00, 1-00:00:00)")
	mem := c.fs.String("mem", "", "memory per task (`M`, as sbatch --mem: 2G)")
	partition := c.fs.String("partition", "", "Slurm `partition`")
	account := c.fs.String("account", "", "Slurm `account` to charge")
	name := c.fs.String("job-name", "precinct", "job `name`; the merge job is NAME-merge")
	program := c.fs.String("program", "", "the precinct binary as the nodes see it (`PATH`; default: this program)")
	dirFlag := c.fs.String("dir", "", "write the scripts, logs and shards into `DIR` (default: OUT.slurm)")
	submit := c.fs.Bool("submit", false, "submit the array and its merge job (runs DIR/submit.sh)")
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(stdout)
			return nil
		}
		return usagef("slurm: %v (see 'precinct slurm --help')", err)
	}
	rest := c.fs.Args()
	if len(rest) == 0 || (rest[0] != "run" && rest[0] != "compare" && rest[0] != "sweep") {
		return usagef("slurm: want a study command after the flags: run, compare or sweep with its arguments and --out OUT")
	}
	if *tasks < 1 {
		return usagef("slurm: --tasks must be at least 1, got %d", *tasks)
	}
	if *cpus < 1 {
		return usagef("slurm: --cpus must be at least 1, got %d", *cpus)
	}
	command := rest[0]
	studyArgs, out, err := splitStudyArgs(rest[1:])
	if err != nil {
		return err
	}
	var planned *study.Study
	workersGiven, repsGiven := false, false
	for _, a := range studyArgs {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		workersGiven = workersGiven || strings.HasPrefix(a, "-") && name == "workers"
		repsGiven = repsGiven || strings.HasPrefix(a, "-") && name == "reps"
	}
	if command == "run" && !repsGiven {
		return usagef("slurm run: a single replicate needs no cluster; give --reps N")
	}
	plan := withPlan(ctx, func(st *study.Study) error {
		planned = st
		return nil
	})
	if err := run(plan, append([]string{command, "--out", out}, studyArgs...), strings.NewReader(""), io.Discard, stderr); err != nil {
		return err
	}
	if planned == nil {
		return errors.New("slurm: the study command ran no study")
	}
	jobs := len(planned.Manifest.Scenarios) * planned.Manifest.Reps
	if *tasks > jobs {
		return usagef("slurm: --tasks %d, but the study has only %d replicates (%d scenarios x %d); use at most %d tasks",
			*tasks, jobs, len(planned.Manifest.Scenarios), planned.Manifest.Reps, jobs)
	}

	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	if out, err = filepath.Abs(out); err != nil {
		return err
	}
	dir := *dirFlag
	if dir == "" {
		dir = out + ".slurm"
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	prog := *program
	if prog == "" {
		if prog, err = os.Executable(); err != nil {
			return fmt.Errorf("slurm: finding this program (give --program): %w", err)
		}
	}
	for _, p := range []struct{ what, path string }{{"the current directory", cwd}, {"--dir", dir}} {
		if strings.ContainsAny(p.path, " \t\n'\"\\%") {
			return usagef("slurm: %s %q holds a space, quote, backslash or %%, which #SBATCH lines cannot carry; choose another", p.what, p.path)
		}
	}
	shards, logs := filepath.Join(dir, "shards"), filepath.Join(dir, "logs")
	for _, d := range []string{shards, logs} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("slurm: %w", err)
		}
	}

	header := func(jobName string) []string {
		lines := []string{"#SBATCH --job-name=" + jobName, "#SBATCH --ntasks=1", "#SBATCH --chdir=" + cwd}
		for _, o := range []struct{ flag, value string }{{"time", *timeLimit}, {"mem", *mem}, {"partition", *partition}, {"account", *account}} {
			if o.value != "" {
				lines = append(lines, fmt.Sprintf("#SBATCH --%s=%s", o.flag, o.value))
			}
		}
		return lines
	}
	task := []string{shellQuote(prog), command}
	for _, a := range studyArgs {
		task = append(task, shellQuote(a))
	}
	if !workersGiven {
		task = append(task, "--workers", `"${SLURM_CPUS_PER_TASK:-1}"`)
	}
	task = append(task, "--quiet", "--shard", fmt.Sprintf("auto/%d", *tasks), "--out", shellQuote(shards))
	origin := fmt.Sprintf("# Written by 'precinct slurm' (precinct %s) for\n#   precinct %s %s --out %s\n", study.CurrentProvenance().Version,
		command, strings.Join(quoteAll(studyArgs), " "), shellQuote(out))
	array := "#!/bin/bash\n" + origin + fmt.Sprintf(`# Task I runs shard I of %d: jobs I, I+%d, I+%d, ... of the study's
# replicate-major list of (scenario, replicate), into
#   %s/shard-I-of-%d
# A task that fails or reaches its time limit keeps what it finished. Run it
# again alone, from its checkpoint and touching no other shard, then the merge:
#   jid=$(sbatch --parsable --array=I %s)
#   sbatch --dependency=afterok:$jid %s
`, *tasks, *tasks, 2**tasks, shards, *tasks, filepath.Join(dir, slurmArrayFile), filepath.Join(dir, slurmMergeFile)) +
		strings.Join(append(header(*name), fmt.Sprintf("#SBATCH --array=0-%d", *tasks-1), fmt.Sprintf("#SBATCH --cpus-per-task=%d", *cpus),
			"#SBATCH --output="+filepath.Join(logs, "shard-%a.log"), "#SBATCH --open-mode=append"), "\n") +
		"\nset -euo pipefail\nexec " + strings.Join(task, " ") + "\n"
	merge := "#!/bin/bash\n" + origin + fmt.Sprintf(`# Merges the %d shards in %s into %s once every task of the
# array has succeeded (submit.sh makes it depend on the array: afterok).
`, *tasks, shards, out) +
		strings.Join(append(header(*name+"-merge"), "#SBATCH --cpus-per-task=1",
			"#SBATCH --output="+filepath.Join(logs, "merge.log"), "#SBATCH --open-mode=append"), "\n") +
		fmt.Sprintf("\nset -euo pipefail\nexec %s merge %s %s\n", shellQuote(prog), shellQuote(out), shellQuote(shards))
	submitScript := fmt.Sprintf(`#!/bin/sh
# Submits the study's job array and its merge job, which starts only when
# every task of the array has succeeded and is cancelled if one fails.
# Prints the two job ids.
set -eu
array=$(sbatch --parsable %s)
array=${array%%%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes %s)
merge=${merge%%%%;*}
echo "array_job=$array"
echo "merge_job=$merge"
`, shellQuote(filepath.Join(dir, slurmArrayFile)), shellQuote(filepath.Join(dir, slurmMergeFile)))
	for _, f := range []struct{ name, text string }{{slurmArrayFile, array}, {slurmMergeFile, merge}, {slurmSubmitFile, submitScript}} {
		if err := study.WriteFileAtomic(filepath.Join(dir, f.name), []byte(f.text)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "wrote %s (%d tasks x %d CPUs, %d replicates), %s and %s in %s\n", slurmArrayFile, *tasks, *cpus, jobs,
		slurmMergeFile, slurmSubmitFile, dir)
	submitPath := filepath.Join(dir, slurmSubmitFile)
	if !*submit {
		fmt.Fprintf(stderr, "submit them with: sh %s\n", shellQuote(submitPath))
		return nil
	}
	cmd := exec.CommandContext(ctx, "sh", submitPath)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("slurm --submit: sh %s: %w", submitPath, err)
	}
	fmt.Fprintf(stderr, "the shards go to %s, the logs to %s; the merged study to %s\n", shards, logs, out)
	return nil
}

// splitStudyArgs takes --out OUT out of a study command's arguments,
// returning the rest and OUT, and refuses the flags the scripts set
// themselves.
func splitStudyArgs(args []string) ([]string, string, error) {
	var rest []string
	out := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		switch name {
		case "out":
			if !hasValue {
				if i+1 >= len(args) {
					return nil, "", usagef("slurm: --out needs a directory")
				}
				i++
				value = args[i]
			}
			out = value
		case "shard", "resume":
			return nil, "", usagef("slurm: the study command may not give --%s: the scripts set it", name)
		default:
			rest = append(rest, a)
		}
	}
	if out == "" {
		return nil, "", usagef("slurm: the study command needs --out OUT, the directory the merge job writes")
	}
	return rest, out, nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./=:,+@%-]+$`)

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func quoteAll(args []string) []string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return q
}
