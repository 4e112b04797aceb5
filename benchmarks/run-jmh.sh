#!/usr/bin/env bash
# JMH benchmarks of this module (P1: DecisionBench). Builds the module and what it depends on from
# this tree (offline, nothing installed into ~/.m2), then runs org.openjdk.jmh.Main with any
# arguments given, e.g.
#   benchmarks/run-jmh.sh DecisionBench                 # P1, P1' and the HashMap baseline, 2 forks x 3 x 2 s
#   benchmarks/run-jmh.sh DecisionBench -f 1 -p subjects=100000
# P2 is a plain program: benchmarks/run-jmh.sh --memory [subjects] runs DecisionMemoryBench;
# benchmarks/run-jmh.sh --cpu [subjects] [rounds] runs DecisionCpuBench (P1 timed by thread CPU time).
set -euo pipefail
cd "$(dirname "$0")/.."
for jdk in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$jdk" ] && [ -x "$jdk/bin/java" ] && "$jdk/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$jdk"; break
  fi
done
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [ "${1:-}" = "--memory" ]; then
  shift
  exec java -Xms6g -Xmx6g -cp "$cp" org.opencpm.benchmarks.DecisionMemoryBench "$@"
fi
if [ "${1:-}" = "--cpu" ]; then
  shift
  exec java -Xms6g -Xmx6g -cp "$cp" org.opencpm.benchmarks.DecisionCpuBench "$@"
fi
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
