#!/bin/sh
# P11: a bulk import of consent events through POST /api/v1/consents:batch, 1,000 events a
# request, against the real distribution on its embedded H2 — or on PostgreSQL (DB=postgresql) or
# MariaDB (DB=mariadb). Each event grants consent for a person not seen before (EVIDENCE=1: with
# the ip and user agent a collection point records, sealed under a key made for the person). Then:
#   - the audit chain is verified (GET /api/v1/audit/verify) and its growth compared with the events;
#   - the database's size per event is measured (H2: data/db/opencpm.mv.db after a clean stop,
#     which compacts it; PostgreSQL pg_database_size; MariaDB its InnoDB files);
#   - the baseline: the same database alone taking the same rows as raw JDBC batched INSERTs
#     (ImportBaseline: no HTTP, no rules, no hashing, no chain), with H2 in OpenCPM's URL options.
#   benchmarks/run-import.sh [events=1000000] [connections=2] [batch=1000]
#   DB=postgresql benchmarks/run-import.sh
set -eu
cd "$(dirname "$0")/.."
events=${1:-1000000}
connections=${2:-2}
batch=${3:-1000}
bench_wrk=no
. benchmarks/lib.sh

db_bytes() {
  case "$db" in
    h2) stat -c %s "$work/data/db/opencpm.mv.db" ;;
    postgresql) psql -tA -h 127.0.0.1 -U postgres -c "SELECT pg_database_size('$pgdb')" postgres ;;
    mariadb) mariadb -N -h 127.0.0.1 -u root -e "SELECT SUM(ALLOCATED_SIZE) FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME LIKE '$pgdb/%'" ;;
  esac
}

# the server's CPU time so far (user + system, in clock ticks): a figure other processes on the machine
# do not change as much as they change the elapsed time
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

bench_start
bench_catalogue
before=$(db_bytes)
chain_before=$(curl -fs "$base/api/v1/audit/verify" -H "$auth" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- import: $events events, $batch a request, $connections connections"
cpu0=$(cpu_ticks)
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.ImportBench "$base" "$key" "$events" "$batch" "$connections" \
  "$([ "${EVIDENCE:-0}" = 1 ] && echo true || echo false)"
cpu1=$(cpu_ticks)
echo "-- server CPU: $(( (cpu1 - cpu0) * 1000000 / $(getconf CLK_TCK) / events )) µs per event (user + system, all its threads)"
t0=$(date +%s)
verify=$(curl -fs "$base/api/v1/audit/verify" -H "$auth")
t1=$(date +%s)
chain_after=$(echo "$verify" | sed 's/.*"events":\([0-9]*\).*/\1/')
echo "-- audit chain: $(echo "$verify" | sed 's/.*"valid":\([a-z]*\).*/valid=\1/'), grew by $((chain_after - chain_before)) events for $events imported (verified in $((t1 - t0)) s)"
echo "-- right after the import: $(( ($(db_bytes) - before) / events )) bytes per event"
bench_stop
echo "-- after a clean stop: $(( ($(db_bytes) - before) / events )) bytes per event ($(db_bytes) bytes in all)"

case "$db" in
  h2)
    echo "-- baseline: embedded H2 alone ($connections writers), raw batched INSERTs of the same rows"
    "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.ImportBaseline \
      "jdbc:h2:file:$work/baseline/db;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;COMPRESS=TRUE" sa "" "$events" "$batch" "$connections" ;;
  postgresql)
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE ${pgdb}_base" postgres
    echo "-- baseline: PostgreSQL alone ($connections writers), raw batched INSERTs of the same rows"
    "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.ImportBaseline \
      "jdbc:postgresql://127.0.0.1:5432/${pgdb}_base" postgres "" "$events" "$batch" "$connections" || true
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${pgdb}_base" postgres ;;
  mariadb)
    mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE ${pgdb}_base"
    echo "-- baseline: MariaDB alone ($connections writers), raw batched INSERTs of the same rows"
    "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.opencpm.benchmarks.ImportBaseline \
      "jdbc:mariadb://127.0.0.1:3306/${pgdb}_base" root "" "$events" "$batch" "$connections" || true
    mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS ${pgdb}_base" ;;
esac
