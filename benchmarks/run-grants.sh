#!/bin/sh
# P5: durable grants over HTTP on the embedded H2, 32 concurrent clients, against the real
# distribution; then the H2 commit baseline on the same machine. Prints both figures.
#   benchmarks/run-grants.sh [clients=32] [seconds=20]
set -eu
cd "$(dirname "$0")/.."
. ./.mvn/find-jdk.sh
opencpm_find_jdk || exit 1
clients=${1:-32}
seconds=${2:-20}

./mvnw -q -B -ntp -Dmaven.test.skip=true -pl distribution,benchmarks -am package
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

work=$(mktemp -d)
trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
tar -xzf distribution/target/opencpm-*.tar.gz -C "$work"
home=$(ls -d "$work"/opencpm-*)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=benchmark-admin-key-000000000000001
OPENCPM_HTTP_PORT=$port OPENCPM_DATA_DIR=$work/data OPENCPM_BOOTSTRAP_ADMIN_KEY=$key \
  OPENCPM_JAVA_OPTS="-Xms1g -Xmx1g" "$home/bin/opencpm" run > "$work/server.log" 2>&1 &
pid=$!
tries=0
until curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "server did not become ready:"; tail -50 "$work/server.log"; exit 1
  fi
  sleep 0.2
done
echo "== $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -m), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.GrantLoad "http://127.0.0.1:$port" "$key" "$clients" "$seconds" 5
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
"$JAVA_HOME/bin/java" -cp "$cp" org.opencpm.benchmarks.H2CommitBaseline "$clients" 10
