#!/bin/sh
# P10: how many bytes of database a consent event leaves, everything it writes included (subject,
# identifier, consent row, audit event, outbox change and its pending delivery to a connector),
# after 100,000 events, against the real distribution on its embedded H2 — or on PostgreSQL
# (DB=postgresql) or MariaDB (DB=mariadb).
#   1. starts the server with the crm-webhook connector configured, and pauses it (deliveries stay
#      pending, so each event keeps its delivery row);
#   2. writes the events through consents:batch, 250 a request (StorageBench: grant, withdraw, grant… per subject);
#   3. steady state, online: waits while the database's own housekeeping runs (until its size has
#      not changed for 10 s, at most 3 min), then measures: H2 the file data/db/opencpm.mv.db,
#      PostgreSQL pg_database_size, MariaDB the size of the database's InnoDB files;
#   4. stops the server (H2 compacts its file on a clean stop) and measures again.
#   benchmarks/run-storage.sh [events=100000] [subjects=20000] [writers=4] [batch=250]
#   DB=postgresql benchmarks/run-storage.sh;  DB=mariadb benchmarks/run-storage.sh
set -eu
cd "$(dirname "$0")/.."
events=${1:-100000}
subjects=${2:-20000}
writers=${3:-4}
batch=${4:-250}
bench_wrk=no
. benchmarks/lib.sh
cat > "$home/conf/connectors/crm-webhook.properties" <<PROPS
enabled=true
url=http://127.0.0.1:$(free_port)/crm/events
secret=env:BENCH_WEBHOOK_SECRET
PROPS
export BENCH_WEBHOOK_SECRET=benchmark-webhook-secret-0123456789abcdef

db_bytes() {
  case "$db" in
    h2) stat -c %s "$work/data/db/opencpm.mv.db" ;;
    postgresql) psql -tA -h 127.0.0.1 -U postgres -c "SELECT pg_database_size('$pgdb')" postgres ;;
    mariadb) mariadb -N -h 127.0.0.1 -u root -e "SELECT SUM(ALLOCATED_SIZE) FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME LIKE '$pgdb/%'" ;;
  esac
}

bench_start
bench_catalogue
curl -fs -X POST "$base/api/v1/plugins/crm-webhook:disable" -H "$auth" > /dev/null
before=$(db_bytes)
echo "-- database before: $before bytes"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.StorageBench "$base" "$key" "$events" "$subjects" "$writers" "$batch"
echo "-- right after the writes: $(( ($(db_bytes) - before) / events )) bytes per event"
verify=$(curl -fs "$base/api/v1/audit/verify" -H "$auth")
echo "-- audit chain: $(echo "$verify" | sed 's/.*"valid":\([a-z]*\).*/valid=\1/'), events $(echo "$verify" | sed 's/.*"events":\([0-9]*\).*/\1/')"
last=$(db_bytes); same=0; waited=0
while [ "$same" -lt 10 ] && [ "$waited" -lt 180 ]; do
  sleep 1; waited=$((waited + 1)); now=$(db_bytes)
  if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; last=$now; fi
done
steady=$(db_bytes)
echo "-- steady state, online, ${waited} s after the writes: $steady bytes, $(( (steady - before) / events )) bytes per event"
echo "-- disk metric: $(curl -fs "$base/metrics" -H "$auth" -H 'Accept: text/plain' | grep '^opencpm_data_disk_free_bytes' | head -1)"
bench_stop
stopped=$(db_bytes)
echo "-- after a clean stop: $stopped bytes, $(( (stopped - before) / events )) bytes per event"
