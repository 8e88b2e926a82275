#!/usr/bin/env bash
# bench/pgo/profile.sh: writes cmd/precinct/default.pgo, the CPU profile
# the go command builds precinct with (profile-guided optimization: with
# a default.pgo in the main package's folder, go build, go install, go
# run and go test of cmd/precinct inline and lay out the hot paths the
# profile shows). The profile is of the engine's own benchmarks, a
# simulated baseline year, a year with every mechanism on and an M/M/c of
# a million calls (sim/scenario_test.go, sim/erlang_test.go), on one
# core. Regenerate it after large changes to the engine; a stale profile
# still builds, and outputs are the same with or without it.
# Usage: bench/pgo/profile.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
GOFLAGS=-buildvcs=false go test -pgo=off -c -o "$tmp/sim.test" ./sim
(cd sim && "$tmp/sim.test" -test.run '^$' -test.bench 'BaselineYear$|EveryMechanismYear|MMc' \
  -test.cpu 1 -test.benchtime 3x -test.cpuprofile "$tmp/cpu.pprof" > /dev/null)
mv "$tmp/cpu.pprof" cmd/precinct/default.pgo
echo "wrote cmd/precinct/default.pgo ($(wc -c < cmd/precinct/default.pgo) bytes)"
