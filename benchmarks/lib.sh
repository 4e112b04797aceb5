# Sourced by benchmarks/run-*.sh from the repository root: finds a JDK 21+, builds the
# distribution and the benchmarks, unpacks the distribution into a temporary folder, picks a free
# port, and on PostgreSQL (DB=postgresql) or MariaDB (DB=mariadb, root without a password on
# 127.0.0.1:3306) creates a database of its own; everything is removed on
# exit. Then bench_start runs the server, bench_catalogue defines the benchmark's purpose and notice.
# Sets: db, cp (the benchmarks' class path), work, home, port, key, base, auth.
. ./.mvn/find-jdk.sh
. ./.mvn/server.sh
opencpm_find_jdk || exit 1
db=${DB:-h2}
# a script that does not use wrk sets bench_wrk=no before sourcing this
[ "${bench_wrk:-yes}" = no ] || command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then  # BENCH_NO_BUILD=1: use what an earlier run built
  ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl distribution,benchmarks -am package
  ./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

work=$(mktemp -d)
pgdb=opencpm_bench_$$
pid=
stubpid=
bench_cleanup() {
  for p in $pid $stubpid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb" postgres > /dev/null 2>&1 || true; fi
  if [ "$db" = mariadb ]; then mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $pgdb" > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap bench_cleanup EXIT
free_port() { opencpm_free_port; }

tar -xzf distribution/target/opencpm-*.tar.gz -C "$work"
home=$(ls -d "$work"/opencpm-*)
port=$(free_port)
key=benchmark-admin-key-000000000000001
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $key"
if [ "$db" = postgresql ]; then
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" postgres
  export OPENCPM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" OPENCPM_DB_USER=postgres OPENCPM_DB_PASSWORD=
fi
if [ "$db" = mariadb ]; then
  mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $pgdb CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  export OPENCPM_DB_URL="jdbc:mariadb://127.0.0.1:3306/$pgdb" OPENCPM_DB_USER=root OPENCPM_DB_PASSWORD=
fi
export OPENCPM_HTTP_PORT=$port OPENCPM_DATA_DIR=$work/data OPENCPM_BOOTSTRAP_ADMIN_KEY=$key

# bench_start [extra server JVM options]: `bin/opencpm run` in the background (log in $work/server.log), until ready.
bench_start() {
  export OPENCPM_JAVA_OPTS="-Xms1g -Xmx1g ${1:-}"
  "$home/bin/opencpm" run > "$work/server.log" 2>&1 &
  pid=$!
  opencpm_await_ready "$base" "$pid" "$work/server.log"
}

# bench_stop: stops the server bench_start started.
bench_stop() {
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

# bench_catalogue: the purpose bench-marketing and the notice bench-policy v1 covering it; then the run's header line.
bench_catalogue() {
  curl -fs -X PUT "$base/api/v1/purposes/bench-marketing" -H "$auth" -H "Content-Type: application/json" \
    -d '{"name":{"en":"Benchmark marketing"},"category":"marketing","legalBasis":"consent","dataElements":["phone"]}' > /dev/null
  curl -fs "$base/api/v1/notices" -H "$auth" -H "Content-Type: application/json" \
    -d '{"code":"bench-policy","version":"1","language":"en","title":"Benchmark","content":"Benchmark notice","purposes":["bench-marketing"]}' > /dev/null
  echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), database $db"
}
