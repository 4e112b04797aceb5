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
changes=${1:-100000}
subjects=${2:-20000}
withdrawals=${3:-1500}
rate=${4:-50}
command -v wrk > /dev/null || bench_wrk=no  # wrk is only for the baseline at the end
. benchmarks/lib.sh
stubport=$(free_port)
secret=benchmark-webhook-secret-0123456789abcdef
cat > "$home/conf/connectors/crm-webhook.properties" <<PROPS
enabled=true
url=http://127.0.0.1:$stubport/crm/events
secret=env:BENCH_WEBHOOK_SECRET
${BENCH_CONNECTOR_CONF:-}
PROPS
export BENCH_WEBHOOK_SECRET=$secret
bench_start "${BENCH_SERVER_OPTS:-}"
bench_catalogue
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.SyncBench run "$base" "$key" "$stubport" "$secret" \
  "$changes" "$subjects" "$withdrawals" "$rate" || {
  echo "-- the benchmark failed; connectors: $(curl -s "$base/api/v1/connectors" -H "$auth")"
  echo "-- server log (last 60 lines):"; tail -60 "$work/server.log"; exit 1
}
echo "-- connectors: $(curl -fs "$base/api/v1/connectors" -H "$auth")"
bench_stop
cp "$work/server.log" benchmarks/target/sync-server.log

if [ "${bench_wrk:-yes}" = no ]; then echo "-- baseline skipped: wrk is not installed (apt-get install -y wrk)"; exit 0; fi
echo "-- baseline: the stub alone, wrk with 16 connections for 10 s (one signed event per request)"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.SyncBench stub "$stubport" "$secret" "$work/sample" > "$work/stub.log" 2>&1 &
stubpid=$!
until curl -s -o /dev/null "http://127.0.0.1:$stubport/" 2>/dev/null; do sleep 0.2; done
STUB_SAMPLE=$work/sample wrk -t2 -c16 -d10s --latency -s benchmarks/wrk/stub.lua "http://127.0.0.1:$stubport/crm/events" | grep -E "Requests/sec|99%"
