#!/bin/sh
# P6 and P7: consent changes through the outbox, the connector runtime (PF4J + Camel) and the
# bundled crm-webhook plugin into a local HTTP stub of a CRM that checks every signature.
#   P6: 100,000 changes over 20,000 subjects written while the connector is paused, then the
#       connector enabled and the backlog's delivery timed (none lost, none out of order).
#   P7: withdrawals at 50/s, each timed from the request to its arrival at the stub.
#   Baseline (same run): wrk against the stub alone, one signed event per request.
#   benchmarks/run-sync.sh [changes=100000] [subjects=20000] [withdrawals=1500] [rate=50]
#   DB=postgresql benchmarks/run-sync.sh
#   BENCH_SERVER_OPTS="-XX:StartFlightRecording=filename=/tmp/sync.jfr,settings=profile" benchmarks/run-sync.sh  (profile the server)
set -eu
cd "$(dirname "$0")/.."
. ./.mvn/find-jdk.sh
opencpm_find_jdk || exit 1
changes=${1:-100000}
subjects=${2:-20000}
withdrawals=${3:-1500}
rate=${4:-50}
db=${DB:-h2}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

./mvnw -q -B -ntp -Dmaven.test.skip=true -pl distribution,benchmarks -am package
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

work=$(mktemp -d)
pgdb=opencpm_sync_$$
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "${stubpid:-}" ]; then kill "$stubpid" 2>/dev/null || true; wait "$stubpid" 2>/dev/null || true; fi
  if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb" postgres > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tar -xzf distribution/target/opencpm-*.tar.gz -C "$work"
home=$(ls -d "$work"/opencpm-*)
port=$(free_port)
stubport=$(free_port)
key=benchmark-admin-key-000000000000001
secret=benchmark-webhook-secret-0123456789abcdef
cat > "$home/conf/connectors/crm-webhook.properties" <<PROPS
enabled=true
url=http://127.0.0.1:$stubport/crm/events
secret=env:BENCH_WEBHOOK_SECRET
${BENCH_CONNECTOR_CONF:-}
PROPS
if [ "$db" = postgresql ]; then
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" postgres
  export OPENCPM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" OPENCPM_DB_USER=postgres OPENCPM_DB_PASSWORD=
fi
export BENCH_WEBHOOK_SECRET=$secret
export OPENCPM_HTTP_PORT=$port OPENCPM_DATA_DIR=$work/data OPENCPM_BOOTSTRAP_ADMIN_KEY=$key OPENCPM_JAVA_OPTS="-Xms1g -Xmx1g ${BENCH_SERVER_OPTS:-}"
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
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.SyncBench run "$base" "$key" "$stubport" "$secret" \
  "$changes" "$subjects" "$withdrawals" "$rate" || {
  echo "-- the benchmark failed; connectors: $(curl -s "$base/api/v1/connectors" -H "$auth")"
  echo "-- server log (last 60 lines):"; tail -60 "$work/server.log"; exit 1
}
echo "-- connectors: $(curl -fs "$base/api/v1/connectors" -H "$auth")"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
cp "$work/server.log" benchmarks/target/sync-server.log

echo "-- baseline: the stub alone, wrk with 16 connections for 10 s (one signed event per request)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.SyncBench stub "$stubport" "$secret" "$work/sample" > "$work/stub.log" 2>&1 &
stubpid=$!
until curl -s -o /dev/null "http://127.0.0.1:$stubport/" 2>/dev/null; do sleep 0.2; done
STUB_SAMPLE=$work/sample wrk -t2 -c16 -d10s --latency -s benchmarks/wrk/stub.lua "http://127.0.0.1:$stubport/crm/events" | grep -E "Requests/sec|99%"
