#!/bin/sh
# docs/scaling.md: one, two and three OpenCPM nodes on one PostgreSQL, on this machine.
# benchmarks/run-nodes.sh [nodes=3] [seconds=20] [connections=64] [subjects=2000]
# Builds and unpacks the distribution (benchmarks/lib.sh, DB=postgresql), grants consent to
# <subjects> phones through node 1, then for n = 1..nodes: starts node n (its own port and data
# folder, the same database, vault keys and checkpoint key), measures decisions/s with wrk spread
# over nodes 1..n (one wrk per node, connections/n each, `wrk/decisions.lua`), and the follower lag:
# a withdrawal recorded on node 1 until node n decides it (curl every few ms), 10 times, while idle.
# Every node and wrk share this machine's cores: more nodes add no CPU here.
set -eu
cd "$(dirname "$0")/.."
nodes=${1:-3}
seconds=${2:-20}
connections=${3:-64}
subjects=${4:-2000}
DB=postgresql
export DB
. benchmarks/lib.sh

rand_key() { head -c 32 /dev/urandom | base64; }
export OPENCPM_SECURITY_VAULT_HASH_KEY="$(rand_key)" OPENCPM_SECURITY_VAULT_PSEUDONYM_KEY="$(rand_key)" \
  OPENCPM_SECURITY_VAULT_SEAL_KEY="$(rand_key)"
export OPENCPM_JAVA_OPTS="-Xms512m -Xmx512m"
pids=""
ports=""
start_node() { # start_node <n>
  p=$(free_port)
  OPENCPM_HTTP_PORT=$p OPENCPM_DATA_DIR=$work/data$1 "$home/bin/opencpm" run > "$work/server$1.log" 2>&1 &
  pids="$pids $!"
  opencpm_await_ready "http://127.0.0.1:$p" "$!" "$work/server$1.log"
  ports="$ports $p"
}
bench_cleanup_nodes() { for p in $pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; bench_cleanup; }
trap bench_cleanup_nodes EXIT

start_node 1
first=$(echo $ports | cut -d' ' -f1)
base="http://127.0.0.1:$first"
bench_catalogue
echo "nodes=$nodes seconds=$seconds connections=$connections subjects=$subjects; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PHONE_BASE=15000000000 OPENCPM_KEY=$key wrk -t1 -c4 -d600s -s benchmarks/wrk/grants.lua "$base" > /dev/null &
wrkpid=$!
# grant until <subjects> phones are in
until [ "$(curl -fs "$base/api/v1/decisions" -H "$auth" -H "Content-Type: application/json" \
      -d "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"$((15000000000 + subjects))\"}]},\"purpose\":\"bench-marketing\"}" \
      | grep -c '"allowed":true')" = 1 ]; do sleep 0.5; done
kill $wrkpid 2>/dev/null || true; wait $wrkpid 2>/dev/null || true

lag_ms() { # lag_ms <port of the node that decides> <phone>: withdraw on node 1, ms until the other node denies
  t0=$(date +%s%N)
  curl -fs "$base/api/v1/consents" -H "$auth" -H "Content-Type: application/json" -d "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"$2\"}]},\"purpose\":\"bench-marketing\",\"action\":\"withdraw\",\"channel\":\"app\",\"method\":\"checkbox\"}" > /dev/null
  until curl -fs "http://127.0.0.1:$1/api/v1/decisions" -H "$auth" -H "Content-Type: application/json" \
      -d "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"$2\"}]},\"purpose\":\"bench-marketing\"}" | grep -q '"allowed":false'; do
    :
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}

phone=$((15000000000 + subjects))
n=1
while [ "$n" -le "$nodes" ]; do
  [ "$n" -eq 1 ] || start_node "$n"
  per=$((connections / n))
  outs=""
  for p in $ports; do
    PHONE_BASE=15000000000 FIRST=1 SUBJECTS=$subjects OPENCPM_KEY=$key wrk -t1 -c"$per" -d"${seconds}s" -s benchmarks/wrk/decisions.lua \
      "http://127.0.0.1:$p" > "$work/wrk-$n-$p.txt" &
    outs="$outs $!"
  done
  for w in $outs; do wait "$w"; done
  total=0; line=""
  for p in $ports; do
    r=$(grep decisions_200 "$work/wrk-$n-$p.txt")
    t=$(echo "$r" | sed 's/.*throughput=\([0-9]*\).*/\1/')
    total=$((total + t)); line="$line [$r]"
  done
  last=$(echo $ports | awk '{print $NF}')
  lags=""
  i=0
  while [ $i -lt 10 ]; do
    phone=$((phone - 1)); lags="$lags $(lag_ms "$last" "$phone")"; i=$((i + 1))
  done
  echo "nodes=$n decisions/s total=$total$line; withdrawal on node 1 -> denied on node $n, ms:$lags; load $(cut -d' ' -f1-3 /proc/loadavg)"
  n=$((n + 1))
done
