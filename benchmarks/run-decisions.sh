#!/bin/sh
# P3: decisions over HTTP, 64 keep-alive connections (wrk), against the real distribution, then the
# baseline on the same machine: pgbench's primary-key SELECT of one consent row on a local
# PostgreSQL holding the same number of rows, with the same client concurrency.
#   benchmarks/run-decisions.sh [subjects=20000] [seconds=20] [connections=64]
# Extra server JVM options: SERVER_OPTS='-XX:StartFlightRecording=…'.
set -eu
cd "$(dirname "$0")/.."
subjects=${1:-20000}
seconds=${2:-20}
connections=${3:-64}
. benchmarks/lib.sh
bench_start "${SERVER_OPTS:-}"
bench_catalogue
echo "-- seeding $subjects people with consent (consents:batch)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.StorageBench "$base" "$key" "$subjects" "$subjects" 2 1000 | tail -1
echo "-- warm-up (${WARM:-20} s, not counted)"
OPENCPM_KEY=$key SUBJECTS=$subjects wrk -t2 -c"$connections" -d"${WARM:-20}s" -s benchmarks/wrk/decisions.lua "$base" | tail -1
echo "-- measured: $connections connections, $seconds s"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_before=$(cpu_ticks "$pid")
result=$(OPENCPM_KEY=$key SUBJECTS=$subjects wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/wrk/decisions.lua "$base" | tail -1)
ticks=$(( $(cpu_ticks "$pid") - ticks_before ))
echo "$result"
# the server's own CPU time (user + system, all threads) per answered decision: less sensitive to
# what else runs on the machine than the throughput is
answered=$(echo "$result" | sed 's/decisions_200=\([0-9]*\).*/\1/')
echo "-- server CPU per decision: $(awk -v t="$ticks" -v n="$answered" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}') µs"
echo "-- measured again with one wrk thread (the same 64 connections): on two cores, two wrk threads and the"
echo "   server's two carrier threads take turns on the CPU, and a wrk thread waiting for its turn adds"
echo "   milliseconds to every answer it has not read yet"
OPENCPM_KEY=$key SUBJECTS=$subjects wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/wrk/decisions.lua "$base" | tail -1
bench_stop

echo "-- baseline: PostgreSQL alone (pgbench -S style), $connections clients, primary-key SELECT of one of $subjects consent rows"
basedb=opencpm_bench_pk_$$
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $basedb" postgres
psql -q -h 127.0.0.1 -U postgres -c "CREATE TABLE consent(subject text PRIMARY KEY, purpose text, state text, at bigint);
  INSERT INTO consent SELECT 'phone:' || (17000000000 + n), 'bench-marketing', 'granted', n FROM generate_series(0, $subjects - 1) n;
  ANALYZE consent" "$basedb"
printf '\\set n random(0, %d)\nSELECT state FROM consent WHERE subject = '"'"'phone:'"'"' || (17000000000 + :n);\n' "$((subjects - 1))" > "$work/select.sql"
for jobs in 2 1; do
  (cd "$work" && rm -f pgbench_log.* && pgbench -n -M prepared -h 127.0.0.1 -U postgres -c "$connections" -j "$jobs" -T "$seconds" \
    -l -f "$work/select.sql" "$basedb" 2>&1 | grep -E "^tps" | sed "s/^/pgbench -j $jobs: /")
  # every transaction's latency (µs, third field of pgbench's log): the same percentiles as wrk's
  cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n | awk -v j="$jobs" '{v[NR] = $1} END {
    printf "pgbench -j %s: p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", j, v[int(NR*0.5)]/1000, v[int(NR*0.9)]/1000, v[int(NR*0.99)]/1000, v[NR]/1000}'
done
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $basedb" postgres
