#!/bin/sh
# P8: how fast the audit chain verifies and exports on a real database, through the running
# distribution, against the same-run baselines.
#   1. starts the server once (schema, catalogue), stops it, and appends N consent events to its
#      audit chain with AuditSeed (JDBC batches; each event sealed as the server would);
#   2. starts it again, takes a checkpoint, then times, three times each:
#      GET /api/v1/audit/verify (links, hashes, checkpoints, signatures: everything is read back),
#      GET /api/v1/audit/events as NDJSON to a file (the export an auditor takes away);
#   3. times `bin/opencpm audit verify <export> --public-key <file>` (offline) on that export;
#   4. baseline in the same run: sha256sum over the export file (its bytes hashed once, on one core).
#   benchmarks/run-audit.sh [events=1000000];  DB=postgresql benchmarks/run-audit.sh
set -eu
cd "$(dirname "$0")/.."
events=${1:-1000000}
bench_wrk=no
. benchmarks/lib.sh
bench_start
bench_catalogue
bench_stop
echo "-- seeding $events events"
if [ "$db" = h2 ]; then
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.AuditSeed "$work/data" "$events"
else
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" org.opencpm.benchmarks.AuditSeed "$OPENCPM_DB_URL" "$OPENCPM_DB_USER" "${OPENCPM_DB_PASSWORD:-}" "$events"
fi
[ "$db" = postgresql ] && psql -q -h 127.0.0.1 -U postgres -c "VACUUM ANALYZE audit_event" "$pgdb"
bench_start
curl -fs -X POST "$base/api/v1/audit/checkpoints" -H "$auth" > /dev/null
curl -fs "$base/api/v1/audit/public-keys" -H "$auth" \
  | python3 -c 'import json,sys; print("\n".join(k["publicKeyPem"] for k in json.load(sys.stdin)))' > "$work/public.pem"
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f events/s (%.2f s)", n / s, s }'; }
total=$(curl -fs "$base/api/v1/audit/verify" -H "$auth" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- the chain holds $total events"
for i in 1 2 3; do
  t=$(curl -fs -o "$work/verify.json" -w '%{time_total}' "$base/api/v1/audit/verify" -H "$auth")
  grep -q '"valid":true' "$work/verify.json" || { echo "verify said: $(cat "$work/verify.json")"; exit 1; }
  echo "verify over HTTP, run $i: $(rate "$total" "$t")"
done
for i in 1 2 3; do
  t=$(curl -fs -o "$work/export.ndjson" -w '%{time_total}' "$base/api/v1/audit/events" -H "$auth" -H 'Accept: application/x-ndjson')
  echo "NDJSON export over HTTP, run $i: $(rate "$total" "$t"), $(( $(stat -c %s "$work/export.ndjson") / total )) bytes per event"
done
bench_stop
start=$(date +%s.%N)
"$home/bin/opencpm" audit verify "$work/export.ndjson" --public-key "$work/public.pem"
end=$(date +%s.%N)
echo "offline verify of the export: $(rate "$total" "$(echo "$end - $start" | bc -l)")"
start=$(date +%s.%N)
sha256sum "$work/export.ndjson" > /dev/null
end=$(date +%s.%N)
echo "baseline: sha256sum over the export file: $(rate "$total" "$(echo "$end - $start" | bc -l)")"
