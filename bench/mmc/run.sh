#!/usr/bin/env bash
# bench/mmc/run.sh: times one M/M/c queue (10 units, utilization 0.9,
# exponential service of 30 minutes, zero travel, about a million calls)
# in precinct (mmc.toml through 'precinct run', the same engine as every
# scenario), SimPy 2.3 (Debian's python3-simpy) and plain Python with
# heapq, one after the other, and checks that all three agree with Erlang
# C. Usage: bench/mmc/run.sh [SEED]  (PRECINCT=path to use a built binary;
# BEFORE=path to time an earlier build of precinct in the same run, as
# the row "before", to state a speed-up side by side; PYTHON=interpreter,
# default /usr/bin/python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seed=${1:-1}
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${PRECINCT:-}
if [ -z "$bin" ]; then
  bin=$tmp/precinct
  (cd "$root" && GOFLAGS=-buildvcs=false go build -o "$bin" ./cmd/precinct)
fi

# Erlang C for c servers, offered load a = lambda/mu (Erlang B recursion):
# P(wait) and the mean wait in minutes.
read -r pw wq < <(awk 'BEGIN { c = 10; lambda = 0.3; mu = 1 / 30; a = lambda / mu; b = 1
  for (k = 1; k <= c; k++) b = a * b / (k + a * b)
  p = c * b / (c - a * (1 - b)); printf "%.6f %.6f\n", p, p / (c * mu - lambda) }')

# timed NAME CMD...: runs CMD, keeping its output in $tmp/NAME.out and its
# wall and CPU seconds in $tmp/NAME.time.
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/$name.time" "$@" > "$tmp/$name.out"
}
timed precinct "$bin" run "$here/mmc.toml" --quiet --set "seed=$seed"
before=${BEFORE:-}
[ -n "$before" ] && timed before "$before" run "$here/mmc.toml" --quiet --set "seed=$seed"
timed simpy "$py" "$here/simpy_mmc.py" "$seed"
timed heapq "$py" "$here/heapq_mmc.py" "$seed"

# precinct's summary: "Queue delay: mean M min, ...; P% of calls waited"
# and the calls of the "all" row.
summary() { # NAME: the calls, P(wait) and mean wait of precinct's summary in $tmp/NAME.out
  local out=$tmp/$1.out
  echo "$(awk '$1 == "all" { gsub(",", "", $2); print $2; exit }' "$out")" \
    "$(sed -n 's/.*; \([0-9.]*\)% of calls waited.*/\1/p' "$out" | awk '{ print $1 / 100 }')" \
    "$(sed -n 's/^Queue delay: mean \([0-9.]*\) min.*/\1/p' "$out")"
}
read -r pcalls pwait pmean < <(summary precinct)
json() { sed -n "s/.*\"$2\": \([0-9.e+-]*\).*/\1/p" "$tmp/$1.out"; }

printf 'M/M/c: c = 10, utilization 0.9, mean service 30 min, seed %s\n' "$seed"
printf 'Erlang C: P(wait) %.4f, mean wait %.2f min\n\n' "$pw" "$wq"
printf '%-10s %9s %8s %8s %8s %7s %10s %9s\n' model calls wall_s cpu_s peak_MB x_cpu "P(wait)" "wait_min"
row() { # name calls p_wait mean_wait
  local e u s m
  read -r e u s m < "$tmp/$1.time"
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  [ "$1" = precinct ] && base=$cpu
  printf '%-10s %9s %8.2f %8.2f %8.0f %7s %10.4f %9.2f\n' "$1" "$2" "$e" "$cpu" "$((m / 1024))" \
    "$(awk -v c="$cpu" -v b="$base" 'BEGIN { printf "%.1f", c / b }')" "$3" "$4"
}
row precinct "$pcalls" "$pwait" "$pmean"
if [ -n "$before" ]; then
  read -r bcalls bwait bmean < <(summary before)
  row before "$bcalls" "$bwait" "$bmean"
fi
row simpy "$(json simpy calls)" "$(json simpy p_wait)" "$(json simpy mean_wait)"
row heapq "$(json heapq calls)" "$(json heapq p_wait)" "$(json heapq mean_wait)"
echo "(x_cpu: CPU time over precinct's)"

# Agreement: a heavily loaded queue's sample mean converges slowly (at
# utilization 0.9 over a million calls its standard error is a few per
# cent), so P(wait) within 3 % and the mean wait within 10 % of Erlang C.
fail=0
for m in precinct simpy heapq; do
  if [ $m = precinct ]; then p=$pwait; w=$pmean; else p=$(json $m p_wait); w=$(json $m mean_wait); fi
  if ! awk -v p="$p" -v w="$w" -v P="$pw" -v W="$wq" \
    'BEGIN { d = p / P - 1; e = w / W - 1; exit !(d < 0.03 && d > -0.03 && e < 0.10 && e > -0.10) }'; then
    echo "$m disagrees with Erlang C: P(wait) $p, mean wait $w" >&2
    fail=1
  fi
done
[ $fail = 0 ] && echo "all three agree with Erlang C (P(wait) within 3 %, mean wait within 10 %)"
exit $fail
