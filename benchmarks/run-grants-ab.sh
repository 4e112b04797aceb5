#!/bin/sh
# P5 against an earlier commit, in the same run: builds <commit> in a temporary git worktree beside
# this tree, then runs the grant load (10 s warm-up, or $WARM s, <seconds> measured, 32 connections, wrk with
# benchmarks/wrk/grants.lua) against each distribution in turn, <rounds> times, and prints one
# line per run. Same machine, same minutes: the only fair way to say "not worse than before".
#   benchmarks/run-grants-ab.sh <commit> [rounds=3] [seconds=20]
#   WARM=100 benchmarks/run-grants-ab.sh <commit> 1 30   (a longer warm-up, for a slow machine whose JIT is still
#                                                       compiling the hot paths after 10 s)
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 <commit> [rounds=3] [seconds=20]" >&2; exit 2; }
commit=$1
rounds=${2:-3}
seconds=${3:-20}
here=$(pwd)
other=$(mktemp -d)/opencpm-ab
git worktree add -q --detach "$other" "$commit"
trap 'git -C "$here" worktree remove --force "$other" 2>/dev/null || true' EXIT
. ./.mvn/find-jdk.sh
opencpm_find_jdk || exit 1
for tree in "$other" "$here"; do
  (cd "$tree" && ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl distribution,benchmarks -am package \
    && ./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
done
# one measured run of the distribution built in $1, with this tree's start-up (benchmarks/lib.sh)
measure() (
  export BENCH_NO_BUILD=1
  . benchmarks/lib.sh
  mkdir -p "$work/other"
  tar -xzf "$1"/distribution/target/opencpm-*.tar.gz -C "$work/other"
  home=$(ls -d "$work"/other/opencpm-*)
  bench_start
  bench_catalogue > /dev/null
  OPENCPM_KEY=$key PHONE_BASE=15000000000 wrk -t2 -c32 -d"${WARM:-10}s" -s benchmarks/wrk/grants.lua "$base" > /dev/null
  OPENCPM_KEY=$key PHONE_BASE=16000000000 wrk -t2 -c32 -d"${seconds}s" -s benchmarks/wrk/grants.lua "$base" | grep grants_201 | tail -1
  bench_stop
)
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; A = $commit, B = $(git rev-parse --short HEAD)"
for round in $(seq 1 "$rounds"); do
  echo "round $round A: $(measure "$other")"
  echo "round $round B: $(measure "$here")"
done
