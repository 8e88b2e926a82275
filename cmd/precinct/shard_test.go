package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/precinct-sim/precinct/study"
)

// shardStudy is a two-scenario compare, short enough to run four times.
var shardStudy = []string{"compare", "baseline", "--vary", "staffing.headcount=100,60", "--reps", "7", "--days", "3",
	"--set", "warmup_days=1", "--quiet"}

// clearScheduler unsets the scheduler variables a shard may read.
func clearScheduler(t *testing.T) {
	for _, v := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
		"SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX"} {
		t.Setenv(v, "")
	}
}

// TestShardsThroughSchedulers runs a study on one machine, then as 1 shard
// of a Slurm array (its environment variables), 3 Kubernetes Indexed Job
// pods (JOB_COMPLETION_INDEX) and 7 shards given as I/N, each set in a
// shuffled order, merges each set with 'precinct merge' and wants every
// file, the charts and report.html included, byte for byte as one machine
// wrote them (summary.json's started, finished and workers aside).
func TestShardsThroughSchedulers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 14-replicate study four times")
	}
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	if code, _, stderr := cli(t, append(shardStudy, "--out", whole)...); code != 0 {
		t.Fatalf("one machine: exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		name  string
		order []int
		env   func(i, n int) map[string]string
		shard func(i, n int) string
	}{
		{"slurm", []int{0}, func(i, n int) map[string]string {
			return map[string]string{"SLURM_ARRAY_TASK_ID": fmt.Sprint(i + 3), "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": fmt.Sprint(n + 2),
				"SLURM_ARRAY_TASK_COUNT": fmt.Sprint(n)}
		}, func(int, int) string { return "" }}, // no flag: the array task's own shard
		{"kubernetes", []int{2, 0, 1}, func(i, n int) map[string]string {
			return map[string]string{"JOB_COMPLETION_INDEX": fmt.Sprint(i)}
		}, func(_, n int) string { return fmt.Sprintf("auto/%d", n) }},
		{"explicit", []int{4, 1, 6, 0, 3, 5, 2}, func(int, int) map[string]string { return nil },
			func(i, n int) string { return fmt.Sprintf("%d/%d", i, n) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.order)
			shards := filepath.Join(root, tc.name)
			for _, i := range tc.order {
				clearScheduler(t)
				for k, v := range tc.env(i, n) {
					t.Setenv(k, v)
				}
				args := append(append([]string(nil), shardStudy...), "--out", shards)
				if spec := tc.shard(i, n); spec != "" {
					args = append(args, "--shard", spec)
				}
				code, stdout, stderr := cli(t, args...)
				want := fmt.Sprintf("shard %d/%d", i, n)
				if code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stdout, "replicates") {
					t.Fatalf("shard %d/%d: exit %d, stderr %s; want it to say %q and print its summary", i, n, code, stderr, want)
				}
			}
			out := filepath.Join(root, tc.name+"-merged")
			if code, stdout, stderr := cli(t, "merge", out, shards); code != 0 || !strings.Contains(stdout, "7 replicates") {
				t.Fatalf("merge: exit %d: %s\n%s", code, stderr, stdout)
			}
			if d := diffFiles(t, whole, out); len(d) > 0 {
				t.Errorf("%d shards merged differ from one machine in %v", n, d)
			}
		})
	}
}

// TestMergeRefuses gives merge each bad combination of shards and wants
// exit status 2 and a message naming the problem.
func TestMergeRefuses(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and draws whole output folders")
	}
	clearScheduler(t)
	root := t.TempDir()
	base := []string{"run", "baseline", "--reps", "3", "--days", "2", "--set", "warmup_days=1", "--quiet"}
	shard := func(parent, spec string, extra ...string) string {
		t.Helper()
		if code, _, stderr := cli(t, append(append(base, extra...), "--shard", spec, "--out", parent)...); code != 0 {
			t.Fatalf("shard %s: exit %d: %s", spec, code, stderr)
		}
		i, n, _ := strings.Cut(spec, "/")
		var index, count int
		fmt.Sscan(i, &index)
		fmt.Sscan(n, &count)
		return filepath.Join(parent, study.ShardName(index, count))
	}
	good := filepath.Join(root, "good")
	s0, s1, s2 := shard(good, "0/3"), shard(good, "1/3"), shard(good, "2/3")
	half := shard(filepath.Join(root, "half"), "0/2")
	staffed := shard(filepath.Join(root, "staffed"), "1/3", "--set", "staffing.headcount=90")
	seeded := shard(filepath.Join(root, "seeded"), "1/3", "--seed", "9")
	edited := func(name string, edit func(*study.Shard)) string {
		dir := filepath.Join(root, name, study.ShardName(1, 3))
		if err := os.CopyFS(dir, os.DirFS(s1)); err != nil {
			t.Fatal(err)
		}
		sh, err := study.ReadShard(dir)
		if err != nil {
			t.Fatal(err)
		}
		edit(sh)
		data, _ := json.Marshal(sh)
		if err := os.WriteFile(filepath.Join(dir, study.ShardFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	otherVersion := edited("version", func(sh *study.Shard) { sh.Provenance.Version = "v0.9.0" })
	otherArch := edited("arch", func(sh *study.Shard) { sh.Provenance.GOARCH = "arm64" })
	unfinished := edited("unfinished", func(*study.Shard) {})
	if err := os.Mkdir(filepath.Join(unfinished, ".precinct"), 0o755); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(root, "existing")
	if code, _, stderr := cli(t, "merge", existing, good); code != 0 {
		t.Fatalf("merging the good shards: exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		name string
		dirs []string
		want []string
	}{
		{"version", []string{s0, otherVersion, s2}, []string{"different builds", "program version precinct ", " vs precinct v0.9.0"}},
		{"GOARCH", []string{s0, otherArch, s2}, []string{"different builds", "GOARCH " + runtime.GOARCH + " vs arm64"}},
		{"scenarios", []string{s0, staffed, s2}, []string{"different studies", "scenario baseline differs"}},
		{"seeds", []string{s0, seeded, s2}, []string{"different studies", "different seeds", "seed 1 vs 9"}},
		{"overlap", []string{s0, s1, s2, half}, []string{"overlapping shards", "job 0 (scenario baseline, replicate 0)", "shard-0-of-2"}},
		{"missing", []string{s0, s2}, []string{"missing jobs", "job 1 (scenario baseline, replicate 1)", "missing shards: shard-1-of-3"}},
		{"unfinished", []string{s0, unfinished, s2}, []string{"is not finished", "--resume"}},
		{"twice", []string{s0, s1, s2, s1}, []string{"given twice"}},
		{"not a shard", []string{s0, t.TempDir()}, []string{"neither a shard directory"}},
		{"no shards", nil, []string{"want OUT and at least one shard directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "merged")
			code, _, stderr := cli(t, append([]string{"merge", out}, tc.dirs...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if _, err := os.Stat(filepath.Join(out, study.ManifestFile)); err == nil {
				t.Errorf("a refused merge wrote %s", out)
			}
		})
	}
	if code, _, stderr := cli(t, "merge", existing, good); code != 2 || !strings.Contains(stderr, "already holds a study") {
		t.Errorf("merging into a study: exit %d: %s", code, stderr)
	}
}

// TestShardBadInput checks the mistakes a --shard command line can make.
func TestShardBadInput(t *testing.T) {
	clearScheduler(t)
	other := t.TempDir()
	if code, _, stderr := cli(t, "run", "--reps", "2", "--days", "2", "--shard", "0/2", "--out", other); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	short := []string{"run", "--reps", "2", "--days", "2"}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no out", append(short, "--shard", "0/2"), "needs --out DIR"},
		{"index too big", append(short, "--shard", "2/2", "--out", t.TempDir()), "index must be between 0 and 1"},
		{"no count", append(short, "--shard", "1", "--out", t.TempDir()), "want I/N"},
		{"auto outside a scheduler", append(short, "--shard", "auto", "--out", t.TempDir()), "neither SLURM_ARRAY_TASK_ID"},
		{"more shards than jobs", append(short, "--shard", "0/3", "--out", t.TempDir()), "3 shards of a study of 2 jobs"},
		{"run without reps", []string{"run", "--shard", "0/2", "--out", t.TempDir()}, "give --reps"},
		{"resume with shard", []string{"run", "--resume", filepath.Join(other, "shard-0-of-2"), "--shard", "0/2"}, "takes only --workers and --quiet, got --shard"},
		{"another study", []string{"run", "--reps", "2", "--days", "3", "--shard", "0/2", "--out", other}, "holds a shard of another study"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

func TestResolveShard(t *testing.T) {
	for _, tc := range []struct {
		spec        string
		env         map[string]string
		index, n    int
		errContains string
	}{
		{"2/7", nil, 2, 7, ""},
		{"0/1", nil, 0, 1, ""},
		{"7/7", nil, 0, 0, "between 0 and 6"},
		{"-1/7", nil, 0, 0, "between 0 and 6"},
		{"1/0", nil, 0, 0, "at least 1"},
		{"x/3", nil, 0, 0, "want I/N"},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, 2, 4, ""},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "8"}, 1, 4, ""},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "8", "SLURM_ARRAY_TASK_COUNT": "4"}, 1, 4, ""},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "8", "SLURM_ARRAY_TASK_COUNT": "5", "SLURM_ARRAY_TASK_STEP": "2"}, 0, 0, "step of 2"},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, 0, "without gaps"},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "2"}, 0, 0, "give the count"},
		{"auto", map[string]string{"SLURM_ARRAY_TASK_ID": "two", "SLURM_ARRAY_TASK_COUNT": "4"}, 0, 0, `SLURM_ARRAY_TASK_ID="two"`},
		{"auto/4", map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "1"}, 3, 4, ""},
		{"auto/4", map[string]string{"SLURM_ARRAY_TASK_ID": "4"}, 0, 0, "number the array from 0"},
		{"auto/5", map[string]string{"JOB_COMPLETION_INDEX": "4"}, 4, 5, ""},
		{"auto/5", map[string]string{"JOB_COMPLETION_INDEX": "5"}, 0, 0, "5 completions"},
		{"auto", map[string]string{"JOB_COMPLETION_INDEX": "1"}, 0, 0, "--shard auto/N"},
		{"auto", nil, 0, 0, "neither SLURM_ARRAY_TASK_ID"},
	} {
		t.Run(fmt.Sprint(tc.spec, tc.env), func(t *testing.T) {
			i, n, _, err := resolveShard(tc.spec, func(k string) string { return tc.env[k] })
			if tc.errContains != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errContains) {
					t.Errorf("error %v, want one containing %q", err, tc.errContains)
				}
				return
			}
			if err != nil || i != tc.index || n != tc.n {
				t.Errorf("got %d/%d, %v; want %d/%d", i, n, err, tc.index, tc.n)
			}
		})
	}
}

// TestSlurmScripts writes the scripts of a study, checks what they run
// and that bash parses them, and checks the command's refusals.
func TestSlurmScripts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "study")
	code, _, stderr := cli(t, "slurm", "--tasks", "4", "--cpus", "3", "--time", "2:00:00", "--partition", "short", "--program", "/opt/bin/precinct",
		"compare", "baseline", "staffing-10x4", "--reps", "20", "--days", "30", "--set", "staffing.headcount=90", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	work := out + ".slurm"
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command("bash", "-n", filepath.Join(work, name)).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v %s", name, err, b)
		}
		return string(data)
	}
	for name, wants := range map[string][]string{
		"array.sbatch": {"#SBATCH --array=0-3\n", "#SBATCH --cpus-per-task=3\n", "#SBATCH --time=2:00:00\n", "#SBATCH --partition=short\n",
			"#SBATCH --output=" + work + "/logs/shard-%a.log\n",
			"exec /opt/bin/precinct compare baseline staffing-10x4 --reps 20 --days 30 --set staffing.headcount=90 " +
				`--workers "${SLURM_CPUS_PER_TASK:-1}" --quiet --shard auto/4 --out ` + work + "/shards\n"},
		"merge.sbatch": {"#SBATCH --job-name=precinct-merge\n", "exec /opt/bin/precinct merge " + out + " " + work + "/shards\n"},
		"submit.sh":    {"--dependency=afterok:\"$array\" --kill-on-invalid-dep=yes " + work + "/merge.sbatch", "echo \"merge_job=$merge\""},
	} {
		text := read(name)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, text)
			}
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", []string{"slurm", "--tasks", "2"}, "want a study command"},
		{"no tasks", []string{"slurm", "run", "--reps", "4", "--out", out}, "--tasks must be at least 1"},
		{"no out", []string{"slurm", "--tasks", "2", "run", "--reps", "4"}, "needs --out OUT"},
		{"shard given", []string{"slurm", "--tasks", "2", "run", "--reps", "4", "--shard", "0/2", "--out", out}, "may not give --shard"},
		{"single run", []string{"slurm", "--tasks", "2", "run", "--out", out}, "give --reps N"},
		{"too many tasks", []string{"slurm", "--tasks", "9", "compare", "baseline", "baseline", "--reps", "4", "--out", out}, "only 8 replicates"},
		{"bad scenario", []string{"slurm", "--tasks", "2", "run", "--reps", "4", "--set", "staffing.headcount=-3", "--out", out}, "staffing.headcount: must be between"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

// TestClusterDocManifest checks that the Kubernetes manifest of
// docs/CLUSTER.md gives --shard auto/N with N its completions, that
// JOB_COMPLETION_INDEX then resolves to a shard of N, and that its merge
// Job reads the directory the shards are written to.
func TestClusterDocManifest(t *testing.T) {
	data, err := os.ReadFile("../../docs/CLUSTER.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	m := regexp.MustCompile(`completions: (\d+)`).FindStringSubmatch(text)
	var lists [][]string
	for _, a := range regexp.MustCompile(`(?s)args: (\[.*?\])`).FindAllStringSubmatch(text, -1) {
		var args []string
		if err := json.Unmarshal([]byte(a[1]), &args); err != nil {
			t.Fatalf("args %s: %v", a[1], err)
		}
		lists = append(lists, args)
	}
	if m == nil || len(lists) != 2 {
		t.Fatalf("docs/CLUSTER.md: completions %v, %d args lists; want a shards Job and a merge Job", m, len(lists))
	}
	shardArgs, mergeArgs := strings.Join(lists[0], " "), lists[1]
	if !strings.Contains(shardArgs, "--shard auto/"+m[1]+" ") {
		t.Errorf("the shards Job runs %q; want --shard auto/%s, its completions", shardArgs, m[1])
	}
	t.Setenv("JOB_COMPLETION_INDEX", "3")
	i, n, _, err := resolveShard("auto/"+m[1], os.Getenv)
	if err != nil || i != 3 || fmt.Sprint(n) != m[1] {
		t.Errorf("JOB_COMPLETION_INDEX=3: shard %d/%d, %v", i, n, err)
	}
	out := lists[0][len(lists[0])-1]
	if len(mergeArgs) != 3 || mergeArgs[0] != "merge" || mergeArgs[2] != out {
		t.Errorf("the merge Job runs %v; want merge OUT %s", mergeArgs, out)
	}
}

// TestShardSpec checks which shard a study runs: the flag as given, the
// whole study for --shard none, and without the flag the Slurm array
// task's own shard only when the study writes to --out.
func TestShardSpec(t *testing.T) {
	for _, tc := range []struct {
		shard, out, taskID string
		want               string
		says               bool // stderr says the shard came from Slurm
	}{
		{"", "d", "", "", false},
		{"", "d", "2", "auto", true},
		{"", "", "2", "", false},
		{"none", "d", "2", "", false},
		{"1/3", "d", "2", "1/3", false},
		{"auto/4", "d", "", "auto/4", false},
	} {
		t.Run(fmt.Sprintf("%q,%q,%q", tc.shard, tc.out, tc.taskID), func(t *testing.T) {
			clearScheduler(t)
			t.Setenv("SLURM_ARRAY_TASK_ID", tc.taskID)
			f := &studyFlags{shard: &tc.shard, out: &tc.out}
			var stderr strings.Builder
			if got := f.shardSpec(&stderr); got != tc.want {
				t.Errorf("shardSpec = %q, want %q", got, tc.want)
			}
			if says := strings.Contains(stderr.String(), "SLURM_ARRAY_TASK_ID is set"); says != tc.says {
				t.Errorf("stderr %q: says Slurm %v, want %v", stderr.String(), says, tc.says)
			}
		})
	}
}

// TestShardedSweepMerges runs a sweep on one machine and as two shards:
// the merge, charts and report.html included, equals the one-machine run.
func TestShardedSweepMerges(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a sweep twice")
	}
	clearScheduler(t)
	root := t.TempDir()
	sweep := []string{"sweep", filepath.Join(fixtures, "scenarios", "good", "sweep.toml"), "--reps", "2", "--days", "2", "--quiet"}
	whole := filepath.Join(root, "whole")
	if code, _, stderr := cli(t, append(sweep, "--out", whole)...); code != 0 {
		t.Fatalf("one machine: exit %d: %s", code, stderr)
	}
	shards := filepath.Join(root, "shards")
	for _, spec := range []string{"1/2", "0/2"} {
		if code, _, stderr := cli(t, append(sweep, "--shard", spec, "--out", shards)...); code != 0 {
			t.Fatalf("shard %s: exit %d: %s", spec, code, stderr)
		}
	}
	merged := filepath.Join(root, "merged")
	if code, _, stderr := cli(t, "merge", merged, shards); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(merged, "report.html")); err != nil {
		t.Errorf("the merged sweep has no report: %v", err)
	}
	if d := diffFiles(t, whole, merged); len(d) > 0 {
		t.Errorf("a sweep merged from 2 shards differs from one machine in %v", d)
	}
}
