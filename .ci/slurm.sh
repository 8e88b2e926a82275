#!/usr/bin/env bash
# A study on a real Slurm: installs Debian's munge and Slurm, starts a
# single-node cluster on this machine (no systemd), submits a study with
# 'precinct slurm --submit' as a 4-task job array and an afterok merge
# job, waits for both (failing if a task fails or anything takes longer
# than its bound), compares the merged study with a one-machine run byte
# for byte, and stops the daemons it started by their PIDs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'slurm.sh: %s\n' "$*"; }
fail() {
	say "FAIL: $*" >&2
	exit 1
}
start_time=$(date +%s)

# --- packages --------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
	apt-get update
	# Without systemd the postinst scripts' service starts must not run:
	# a policy-rc.d that says 101 stops them (left alone if one is there).
	made_policy=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		made_policy=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends munge slurmctld slurmd slurm-client
	if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
say "slurm $(dpkg-query -W -f='${Version}' slurmctld), munge $(dpkg-query -W -f='${Version}' munge)"

work=$(mktemp -d /tmp/precinct-slurm.XXXXXX)
chmod 755 "$work"
started_pids=()
stop_daemons() {
	local pid i
	for pid in "${started_pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || continue
		for i in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			say "PID $pid ignored SIGTERM; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
		say "stopped PID $pid"
	done
}
on_exit() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ -d "$work/log" ]; then
		for f in "$work"/log/*.log "$work"/study.slurm/logs/*.log; do
			[ -f "$f" ] || continue
			echo "--- $f (last lines)" >&2
			tail -n 8 "$f" >&2
		done
	fi
	stop_daemons
	if [ "$rc" -eq 0 ]; then rm -rf "$work"; else say "left $work for a look"; fi
	exit "$rc"
}
trap on_exit EXIT

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every 0.5 s until it
# succeeds, failing after SECONDS.
wait_for() {
	local bound=$1 what=$2
	shift 2
	local deadline=$(($(date +%s) + bound))
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$deadline" ] || fail "$what: not within ${bound}s"
		sleep 0.5
	done
}

# --- munge -----------------------------------------------------------------
[ -s /etc/munge/munge.key ] || runuser -u munge -- mungekey --create
mkdir -p /run/munge
chown munge:munge /run/munge
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
	say "munged is running already; using it"
else
	rm -f /run/munge/munged.pid
	runuser -u munge -- /usr/sbin/munged
	wait_for 10 "munged writing its PID" test -s /run/munge/munged.pid
	started_pids=("$(cat /run/munge/munged.pid)" "${started_pids[@]}")
	wait_for 10 "munge credentials" sh -c 'munge -n | unmunge'
	say "started munged (PID ${started_pids[0]})"
fi

# --- a single-node Slurm in $work -------------------------------------------
host=$(hostname -s)
mkdir -p "$work/ctld" "$work/slurmd" "$work/log"
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=precinct-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/slurmd
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=sched_interval=2,bf_interval=1
DependencyParameters=kill_invalid_depend
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$work/log/jobcomp.log
MailProg=/bin/true
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
ctld_up() { scontrol ping | grep -q 'is UP'; }
if ctld_up 2>/dev/null; then fail "a slurmctld already answers for $SLURM_CONF"; fi
slurmctld -f "$SLURM_CONF"
wait_for 10 "slurmctld writing its PID" test -s "$work/slurmctld.pid"
started_pids=("$(cat "$work/slurmctld.pid")" "${started_pids[@]}")
wait_for 30 "slurmctld answering scontrol ping" ctld_up
say "started slurmctld (PID ${started_pids[0]})"
slurmd -f "$SLURM_CONF" -N "$host"
wait_for 10 "slurmd writing its PID" test -s "$work/slurmd.pid"
started_pids=("$(cat "$work/slurmd.pid")" "${started_pids[@]}")
node_idle() { [ "$(sinfo -h -n "$host" -o %T)" = idle ]; }
wait_for 60 "node $host idle" node_idle
say "started slurmd (PID ${started_pids[0]}); node $host idle with $(nproc) CPUs"

# --- the study -------------------------------------------------------------
go build -o "$work/precinct" ./cmd/precinct
study=(compare baseline --vary staffing.headcount=100,70 --reps 8 --days 10 --set warmup_days=2)
cd "$work"
submitted=$(./precinct slurm --tasks 4 --cpus 1 --time 10:00 --program "$work/precinct" --submit "${study[@]}" --out "$work/study")
echo "$submitted"
array_job=$(sed -n 's/^array_job=//p' <<<"$submitted")
merge_job=$(sed -n 's/^merge_job=//p' <<<"$submitted")
[ -n "$array_job" ] && [ -n "$merge_job" ] || fail "no job ids from precinct slurm --submit"
submit_time=$(date +%s)

# wait_done JOB BOUND: waits until every task of JOB has left the queue
# and prints their states, failing after BOUND seconds.
# job_states JOB: the state of each task of JOB, by task id for an array.
job_states() {
	scontrol show job "$1" -o | awk '{
		id = 0; st = ""
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^ArrayTaskId=/) id = substr($i, 13)
			if ($i ~ /^JobState=/) st = substr($i, 10)
		}
		print id, st
	}' | sort -n | cut -d' ' -f2
}
wait_done() {
	local deadline=$(($(date +%s) + $2)) states
	while :; do
		states=$(job_states "$1")
		grep -Eq 'PENDING|CONFIGURING|RUNNING|COMPLETING|SUSPENDED|REQUEUE' <<<"$states" || break
		[ "$(date +%s)" -lt "$deadline" ] || fail "job $1 not done within $2 s: $(tr '\n' ' ' <<<"$states")"
		sleep 0.5
	done
	printf '%s\n' "$states"
}

# The merge job runs only after every task succeeded (afterok) and would
# be cancelled if one failed (kill_invalid_depend).
tasks=$(wait_done "$array_job" 240)
[ "$(grep -c '^COMPLETED$' <<<"$tasks")" -eq 4 ] || fail "array job $array_job: task states $(tr '\n' ' ' <<<"$tasks"), want 4 COMPLETED"
merge_state=$(wait_done "$merge_job" 120)
[ "$merge_state" = COMPLETED ] || fail "merge job $merge_job ended $merge_state"
say "array job $array_job (4 tasks COMPLETED) and merge job $merge_job COMPLETED in $(($(date +%s) - submit_time)) s"
ls "$work/study.slurm/shards"

# --- byte for byte against one machine --------------------------------------
./precinct "${study[@]}" --quiet --out "$work/one" >/dev/null
volatile='s/"(started|finished|workers)": ("[^"]*"|[0-9]+)/"\1": "-"/'
diff -r -x summary.json "$work/one" "$work/study" || fail "the merged study differs from the one-machine run"
diff <(sed -E "$volatile" "$work/one/summary.json") <(sed -E "$volatile" "$work/study/summary.json") ||
	fail "summary.json differs beyond started, finished and workers"
files=$(cd "$work/one" && find . -type f | wc -l)
say "merged study = one-machine run: $files files byte for byte (summary.json without started, finished, workers)"

# --- a failed task, run again on its own ------------------------------------
# A file where shard 2's directory belongs makes task 2 fail; the merge
# job must then be cancelled, not left pending. Task 2 run again alone
# (an array of one task: --shard auto/4 keeps it shard 2 of 4) writes its
# shard and touches no other; the merge submitted after it matches.
./precinct slurm --tasks 4 --cpus 1 --time 10:00 --program "$work/precinct" --dir "$work/retry.slurm" "${study[@]}" --out "$work/retry" 2>/dev/null
mkdir -p "$work/retry.slurm/shards"
touch "$work/retry.slurm/shards/shard-2-of-4"
submitted=$(sh "$work/retry.slurm/submit.sh")
array_job=$(sed -n 's/^array_job=//p' <<<"$submitted")
merge_job=$(sed -n 's/^merge_job=//p' <<<"$submitted")
tasks=$(wait_done "$array_job" 240 | tr '\n' ' ')
[ "$tasks" = "COMPLETED COMPLETED FAILED COMPLETED " ] || fail "array job $array_job with task 2 blocked: states $tasks, want task 2 alone FAILED"
merge_state=$(wait_done "$merge_job" 60)
[ "$merge_state" = CANCELLED ] || fail "merge job $merge_job after a failed task: $merge_state, want CANCELLED"
say "task 2 of array job $array_job FAILED, the others COMPLETED; merge job $merge_job CANCELLED"
before=$(find "$work/retry.slurm/shards" -type f -not -path '*/shard-2-of-4*' -printf '%p %T@\n' | sort)
[ -n "$before" ] || fail "no files of the other shards to watch"
rm "$work/retry.slurm/shards/shard-2-of-4"
rerun=$(sbatch --parsable --array=2 "$work/retry.slurm/array.sbatch")
rerun=${rerun%%;*}
merge_job=$(sbatch --parsable --dependency=afterok:"$rerun" --kill-on-invalid-dep=yes "$work/retry.slurm/merge.sbatch")
merge_job=${merge_job%%;*}
[ "$(wait_done "$rerun" 120)" = COMPLETED ] || fail "task 2 run again (job $rerun) did not complete"
[ "$(wait_done "$merge_job" 120)" = COMPLETED ] || fail "merge job $merge_job after the rerun did not complete"
after=$(find "$work/retry.slurm/shards" -type f -not -path '*/shard-2-of-4*' -printf '%p %T@\n' | sort)
[ "$before" = "$after" ] || fail "running task 2 again changed other shards' files"
diff -r -x summary.json "$work/one" "$work/retry" || fail "the study merged after the rerun differs from the one-machine run"
diff <(sed -E "$volatile" "$work/one/summary.json") <(sed -E "$volatile" "$work/retry/summary.json") ||
	fail "summary.json after the rerun differs beyond started, finished and workers"
say "task 2 run again (job $rerun) wrote only shard-2-of-4; merge job $merge_job COMPLETED; merged study = one-machine run byte for byte"
say "done in $(($(date +%s) - start_time)) s"
