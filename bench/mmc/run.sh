#!/usr/bin/env bash
# bench/mmc/run.sh: times one M/M/c queue (10 units, utilization 0.9,
# exponential service of 30 minutes, zero travel, about a million calls)
# in precinct (mmc.toml through 'precinct run', the same engine as every
# scenario), SimPy 2.3 (Debian's python3-simpy) and plain Python with
# heapq, and checks that all three agree with Erlang C. Each program runs
# ROUNDS times (default 5), the programs taking turns within a round, so
# that a host busy for a while slows every program alike; the table gives
# each one's median and range of CPU seconds over the rounds, and the
# ratio of medians to precinct's. Usage: bench/mmc/run.sh [SEED]
# (PRECINCT=path to use a built binary; BEFORE=path to time an earlier
# build of precinct in the same rounds, as the row "before", to state a
# speed-up side by side; PYTHON=interpreter, default /usr/bin/python3;
# ROUNDS=n).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seed=${1:-1}
py=${PYTHON:-/usr/bin/python3}
rounds=${ROUNDS:-5}
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

# timed NAME CMD...: runs CMD, keeping its output in $tmp/NAME.out (the
# first round's; a later round's must be the same) and appending its
# wall and CPU seconds and peak memory to $tmp/NAME.time.
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -a -o "$tmp/$name.time" "$@" > "$tmp/$name.run"
  if [ -e "$tmp/$name.out" ]; then
    cmp -s "$tmp/$name.out" "$tmp/$name.run" || { echo "$name: round output differs from the first round's" >&2; exit 1; }
  else
    mv "$tmp/$name.run" "$tmp/$name.out"
  fi
}
before=${BEFORE:-}
for _ in $(seq "$rounds"); do
  timed precinct "$bin" run "$here/mmc.toml" --quiet --set "seed=$seed"
  [ -n "$before" ] && timed before "$before" run "$here/mmc.toml" --quiet --set "seed=$seed"
  timed simpy "$py" "$here/simpy_mmc.py" "$seed"
  timed heapq "$py" "$here/heapq_mmc.py" "$seed"
done

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

printf 'M/M/c: c = 10, utilization 0.9, mean service 30 min, seed %s, %s rounds\n' "$seed" "$rounds"
printf 'Erlang C: P(wait) %.4f, mean wait %.2f min\n\n' "$pw" "$wq"
printf '%-10s %9s %8s %19s %8s %7s %10s %9s\n' model calls wall_s "cpu_s (min-max)" peak_MB x_cpu "P(wait)" "wait_min"
# stats NAME: the medians of wall seconds, CPU seconds and peak MB over
# the rounds, and the least and most CPU seconds.
stats() {
  awk '{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 / 1024 }
    function med(a, n,   s, i, j, t) { for (i = 1; i <= n; i++) s[i] = a[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
      return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2 }
    END { lo = hi = c[1]; for (i = 2; i <= NR; i++) { lo = c[i] < lo ? c[i] : lo; hi = c[i] > hi ? c[i] : hi }
      printf "%.2f %.3f %.0f %.2f %.2f\n", med(w, NR), med(c, NR), med(m, NR), lo, hi }' "$tmp/$1.time"
}
row() { # name calls p_wait mean_wait
  local e u m lo hi
  read -r e u m lo hi < <(stats "$1")
  [ "$1" = precinct ] && base=$u
  printf '%-10s %9s %8.2f %19s %8.0f %7s %10.4f %9.2f\n' "$1" "$2" "$e" "$(printf '%.2f (%.2f-%.2f)' "$u" "$lo" "$hi")" "$m" \
    "$(awk -v c="$u" -v b="$base" 'BEGIN { printf "%.2f", c / b }')" "$3" "$4"
}
row precinct "$pcalls" "$pwait" "$pmean"
if [ -n "$before" ]; then
  read -r bcalls bwait bmean < <(summary before)
  row before "$bcalls" "$bwait" "$bmean"
fi
row simpy "$(json simpy calls)" "$(json simpy p_wait)" "$(json simpy mean_wait)"
row heapq "$(json heapq calls)" "$(json heapq p_wait)" "$(json heapq mean_wait)"
echo "(medians over the rounds; x_cpu: median CPU time over precinct's)"

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
