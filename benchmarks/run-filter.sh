#!/bin/sh
# P4: an audience of 1M `phone:` lines through POST /api/v1/decisions:filter, end to end: curl
# uploads the file and receives the allowed lines as the server streams them, against the real
# distribution on its embedded H2 (the filter reads only the in-memory decision index, so the
# database does not matter). Half the lines are people who granted consent, half unknown phones.
#   benchmarks/run-filter.sh [lines=1000000] [people=100000] [runs=3]
# BENCH_JVM_OPTS adds server JVM options (e.g. a JFR recording); BENCH_NO_BUILD=1 reuses the last build.
# Baseline of the same run: sha256sum over the same file (reading and hashing the bytes the
# server has to read, parse and decide) — the floor of any program that looks at every line.
set -eu
cd "$(dirname "$0")/.."
lines=${1:-1000000}
people=${2:-100000}
runs=${3:-3}
bench_wrk=no
. benchmarks/lib.sh
bench_start "${BENCH_JVM_OPTS:-}"  # e.g. -XX:StartFlightRecording=filename=/tmp/filter.jfr,settings=profile (written at exit)
bench_catalogue

echo "-- seeding $people people who granted bench-marketing (consents:batch, 1,000 a request)"
seed_start=$(date +%s)
batch=0
while [ $((batch * 1000)) -lt "$people" ]; do
  awk -v from=$((batch * 1000)) -v to="$people" 'BEGIN {
    printf "{\"events\":["
    for (i = from; i < from + 1000 && i < to; i++) {
      printf "%s{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"%d\"}]},\"purpose\":\"bench-marketing\",", (i > from ? "," : ""), 13700000000 + i
      printf "\"action\":\"grant\",\"notice\":{\"code\":\"bench-policy\",\"version\":\"1\"},\"channel\":\"web\",\"method\":\"checkbox\"}"
    }
    printf "]}"
  }' > "$work/batch.json"
  curl -fs "$base/api/v1/consents:batch" -H "$auth" -H "Content-Type: application/json" --data-binary @"$work/batch.json" > /dev/null
  batch=$((batch + 1))
done
echo "   $people people in $(( $(date +%s) - seed_start )) s"
# the embedded H2 compacts its file after a burst of writes, on the same two cores: wait (at most
# 3 min) until the server uses under a tenth of a core over 2 s, so the filter is measured alone
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
settle_start=$(date +%s)
while :; do
  a=$(ticks); sleep 2; b=$(ticks)
  [ $((b - a)) -lt 20 ] && break
  [ $(( $(date +%s) - settle_start )) -gt 180 ] && { echo "   (the server did not settle within 3 min)"; break; }
done
echo "   server idle after $(( $(date +%s) - settle_start )) s"

# every other line a person who consented, the others phones nobody registered
awk -v n="$lines" -v people="$people" 'BEGIN {
  for (i = 0; i < n; i++) {
    if (i % 2 == 0) printf "phone:%d\n", 13700000000 + (i / 2) % people
    else printf "phone:%d\n", 13800000000 + i
  }
}' > "$work/audience.txt"
expected=$(( (lines + 1) / 2 ))
echo "-- audience: $lines lines, $(wc -c < "$work/audience.txt") bytes, $expected of them consented"

# filter <accept>: POSTs the audience streaming (-T, no Expect: 100-continue); prints seconds and the answer's line count
filter() {
  t=$(curl -fsS -X POST -T "$work/audience.txt" -H "Expect:" -H "$auth" -H "Content-Type: text/plain" -H "Accept: $1" \
    -o "$work/answer.txt" -w '%{time_total}' "$base/api/v1/decisions:filter?purpose=bench-marketing&channel=sms")
  echo "$t $(wc -l < "$work/answer.txt")"
}
rate() { awk -v n="$lines" -v t="$1" 'BEGIN { printf "%d", n / t }'; }

echo "-- warm-up (2 requests, not counted)"
filter text/plain > /dev/null
filter text/plain > /dev/null
i=1
while [ "$i" -le "$runs" ]; do
  set -- $(filter text/plain)
  [ "$2" -eq "$expected" ] || { echo "run $i: $2 allowed lines, expected $expected" >&2; exit 1; }
  echo "run $i, text/plain: $lines lines in $1 s = $(rate "$1") identifiers/s ($2 allowed)"
  i=$((i + 1))
done
set -- $(filter application/x-ndjson)
[ "$2" -eq "$lines" ] || { echo "ndjson: $2 verdicts, expected $lines" >&2; exit 1; }
echo "application/x-ndjson (a verdict per line): $lines lines in $1 s = $(rate "$1") identifiers/s"

echo "-- baseline: sha256sum of the same file"
b_start=$(date +%s.%N)
sha256sum "$work/audience.txt" > /dev/null
b_end=$(date +%s.%N)
b=$(awk -v s="$b_start" -v e="$b_end" 'BEGIN { printf "%.3f", e - s }')
echo "sha256sum: $lines lines in $b s = $(rate "$b") lines/s"
grep -c "decisions:filter bench-marketing" "$work/server.log" > /dev/null
