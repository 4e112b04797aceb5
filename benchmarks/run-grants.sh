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
. ./.mvn/find-jdk.sh
opencpm_find_jdk || exit 1
seconds=${1:-20}
connections=${2:-32}
db=${DB:-h2}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

./mvnw -q -B -ntp -Dmaven.test.skip=true -pl distribution,benchmarks -am package
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

work=$(mktemp -d)
pgdb=opencpm_bench_$$
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb" postgres > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
tar -xzf distribution/target/opencpm-*.tar.gz -C "$work"
home=$(ls -d "$work"/opencpm-*)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=benchmark-admin-key-000000000000001
if [ "$db" = postgresql ]; then
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" postgres
  export OPENCPM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" OPENCPM_DB_USER=postgres OPENCPM_DB_PASSWORD=
fi
export OPENCPM_HTTP_PORT=$port OPENCPM_DATA_DIR=$work/data OPENCPM_BOOTSTRAP_ADMIN_KEY=$key OPENCPM_JAVA_OPTS="-Xms1g -Xmx1g"
"$home/bin/opencpm" run > "$work/server.log" 2>&1 &
pid=$!
tries=0
until curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "server did not become ready:"; tail -50 "$work/server.log"; exit 1
  fi
  sleep 0.2
done
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $key"
curl -fs -X PUT "$base/api/v1/purposes/bench-marketing" -H "$auth" -H "Content-Type: application/json" \
  -d '{"name":{"en":"Benchmark marketing"},"category":"marketing","legalBasis":"consent","dataElements":["phone"]}' > /dev/null
curl -fs "$base/api/v1/notices" -H "$auth" -H "Content-Type: application/json" \
  -d '{"code":"bench-policy","version":"1","language":"en","title":"Benchmark","content":"Benchmark notice","purposes":["bench-marketing"]}' > /dev/null

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), database $db"
echo "-- warm-up (10 s, not counted)"
OPENCPM_KEY=$key PHONE_BASE=15000000000 wrk -t2 -c"$connections" -d10s -s benchmarks/wrk/grants.lua "$base" | tail -1
before=$(curl -fs "$base/api/v1/audit/verify" -H "$auth" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- measured: $connections connections, $seconds s"
OPENCPM_KEY=$key PHONE_BASE=16000000000 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/wrk/grants.lua "$base" | tail -1
verify=$(curl -fs "$base/api/v1/audit/verify" -H "$auth")
after=$(echo "$verify" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- audit chain: $(echo "$verify" | sed 's/.*"valid":\([a-z]*\).*/valid=\1/'), grew by $((after - before)) events"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

echo "-- exactness: every grant answered 201 is in the chain (Java client, waits for every answer)"
"$home/bin/opencpm" start > /dev/null
until curl -fs "$base/health/ready" > /dev/null 2>&1; do sleep 0.2; done
"$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.GrantLoad "$base" "$key" 8 5 1 | tail -1
"$home/bin/opencpm" stop > /dev/null

if [ "$db" = h2 ]; then
  echo "-- baseline: embedded H2 alone, $connections writers, single-row durable commits"
  "$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.H2CommitBaseline "$connections" 10
else
  echo "-- baseline: PostgreSQL alone (pgbench), $connections clients, single-row INSERT commits"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE TABLE bench_consent(id bigserial PRIMARY KEY, subject text, purpose text, state text, at bigint)" "$pgdb"
  printf 'INSERT INTO bench_consent(subject, purpose, state, at) VALUES (md5(random()::text), '"'"'marketing-sms'"'"', '"'"'granted'"'"', 1);\n' > "$work/insert.sql"
  pgbench -n -h 127.0.0.1 -U postgres -c "$connections" -j 2 -T 10 -f "$work/insert.sql" "$pgdb" | grep -E "^tps"
fi
