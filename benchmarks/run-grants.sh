#!/bin/sh
# P5: durable grants over HTTP, 32 concurrent clients (wrk, keep-alive), against the real
# distribution on its embedded H2 — or on PostgreSQL with DB=postgresql — then the baseline on the
# same machine: how many single-row commits per second the same database takes with no HTTP, no
# rules and no audit chain. Afterwards the audit chain is verified and its growth compared with
# the number of 201s (a grant still in flight when wrk stops may add one more event).
#   benchmarks/run-grants.sh [seconds=20] [connections=32]
#   DB=postgresql benchmarks/run-grants.sh
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-32}
. benchmarks/lib.sh
bench_start
bench_catalogue
echo "-- warm-up (10 s, not counted)"
OPENCPM_KEY=$key PHONE_BASE=15000000000 wrk -t2 -c"$connections" -d10s -s benchmarks/wrk/grants.lua "$base" | tail -1
before=$(curl -fs "$base/api/v1/audit/verify" -H "$auth" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- measured: $connections connections, $seconds s"
OPENCPM_KEY=$key PHONE_BASE=16000000000 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/wrk/grants.lua "$base" | tail -1
verify=$(curl -fs "$base/api/v1/audit/verify" -H "$auth")
after=$(echo "$verify" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- audit chain: $(echo "$verify" | sed 's/.*"valid":\([a-z]*\).*/valid=\1/'), grew by $((after - before)) events"
bench_stop

echo "-- exactness: every grant answered 201 is in the chain (Java client, waits for every answer)"
bench_start
"$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.GrantLoad "$base" "$key" 8 5 1 | tail -1
bench_stop

if [ "$db" = h2 ]; then
  echo "-- baseline: embedded H2 alone, $connections writers, single-row durable commits"
  "$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.H2CommitBaseline "$connections" 10
else
  echo "-- baseline: PostgreSQL alone (pgbench), $connections clients, single-row INSERT commits"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE TABLE bench_consent(id bigserial PRIMARY KEY, subject text, purpose text, state text, at bigint)" "$pgdb"
  printf 'INSERT INTO bench_consent(subject, purpose, state, at) VALUES (md5(random()::text), '"'"'marketing-sms'"'"', '"'"'granted'"'"', 1);\n' > "$work/insert.sql"
  pgbench -n -h 127.0.0.1 -U postgres -c "$connections" -j 2 -T 10 -f "$work/insert.sql" "$pgdb" | grep -E "^tps"
fi
