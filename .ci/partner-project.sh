#!/bin/sh
# Builds the partner project of connectors/README.md exactly as the guide shows it — every file is
# taken from the guide's code blocks marked <!-- partner-project: <path> --> — with nothing of
# OpenCPM on its class path but the SPI and the test kit, and runs its tests (the conformance
# suite included): the guide cannot drift from what compiles and passes. Then installs the zip in the
# distribution built in distribution/target (./mvnw verify builds it), as the guide's "Install it"
# says, and checks that it starts and that a consent granted over the API reaches a local stand-in
# for the CRM with the configured token.
#
# OpenCPM's artifacts are installed into a local repository under target/partner-project, chained
# to ~/.m2 for everything else, so the shared ~/.m2 is only read. Pass -o to build offline.
set -eu
cd "$(dirname "$0")/.."
offline="${1:-}"

. ./.mvn/find-jdk.sh
. ./.mvn/server.sh
opencpm_find_jdk

work="target/partner-project"
rm -rf "$work/acme-crm"
mkdir -p "$work/acme-crm"
repo="$(pwd)/$work/repo"
tail="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

# Each marked block: the fenced lines after the marker, up to the closing fence.
awk -v out="$work/acme-crm" '
  /^<!-- partner-project: .* -->$/ { path = $3; want = 1; next }
  want && /^```/ { want = 0; inside = 1; file = out "/" path; dir = file; sub(/\/[^\/]*$/, "", dir);
                   system("mkdir -p \"" dir "\""); printf "" > file; next }
  inside && /^```$/ { inside = 0; close(file); next }
  inside { print >> file }
' connectors/README.md
for f in pom.xml plugin.xml src/main/plugin/plugin.properties src/main/java/com/acme/opencpm/AcmeCrmConnector.java \
         src/test/java/com/acme/opencpm/AcmeCrmConnectorTest.java; do
  [ -s "$work/acme-crm/$f" ] || { echo "connectors/README.md has no block for $f" >&2; exit 1; }
done

echo "== OpenCPM's SPI and kit, into $repo"
./mvnw -B -q $offline -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail" \
  -pl connectors/connector-testkit -am install -DskipTests

echo "== the guide's partner project: mvn verify"
./mvnw -B -q $offline -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail" -f "$work/acme-crm/pom.xml" verify

zip="$work/acme-crm/target/opencpm-acme-crm-1.0.0.zip"
unzip -l "$zip" | grep -q ' plugin.properties$' || { echo "$zip has no plugin.properties" >&2; exit 1; }
unzip -l "$zip" | grep -q ' lib/opencpm-acme-crm-1.0.0.jar$' || { echo "$zip has no lib/opencpm-acme-crm-1.0.0.jar" >&2; exit 1; }
unzip -l "$zip" | grep -q 'opencpm-connector' && { echo "$zip carries OpenCPM's own jars" >&2; exit 1; }
echo "== partner project: compiled, conformance suite passed, $zip built"

# The zip in the real distribution: dropped into plugins/, configured as the guide's "Install it"
# says, started; a consent granted over the API reaches a local stand-in for the CRM.
dist=$(ls distribution/target/opencpm-*.tar.gz 2>/dev/null | head -1)
[ -n "$dist" ] || { echo "no distribution in distribution/target: build it first (./mvnw verify)" >&2; exit 1; }
echo "== the partner's zip in the distribution ($dist)"
run="$(pwd)/$work/distribution"
rm -rf "$run"
mkdir -p "$run"
tar -xzf "$dist" -C "$run"
home=$(ls -d "$run"/opencpm-*)
cp "$zip" "$home/plugins/"
port=$(opencpm_free_port)
crmport=$(opencpm_free_port)
key=partner-project-admin-key-0000000001
base="http://127.0.0.1:$port"
cat > "$home/conf/connectors/acme-crm.properties" <<PROPS
enabled=true
baseUrl=http://127.0.0.1:$crmport
apiToken=env:ACME_CRM_TOKEN
PROPS
# the CRM: answers 200 to every POST and keeps what it got, with the token it was sent
python3 - "$crmport" "$run/crm.log" <<'PY' &
import sys, http.server
port, log = int(sys.argv[1]), sys.argv[2]
class Crm(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(log, "ab") as f:
            f.write(self.path.encode() + b" " + self.headers.get("Authorization", "").encode() + b" " + body + b"\n")
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"{}")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Crm).serve_forever()
PY
crmpid=$!
serverpid=
stop_all() {
  [ -z "$serverpid" ] || { kill "$serverpid" 2>/dev/null || true; wait "$serverpid" 2>/dev/null || true; }
  kill "$crmpid" 2>/dev/null || true
}
trap stop_all EXIT
ACME_CRM_TOKEN=acme-token-1 OPENCPM_HTTP_PORT=$port OPENCPM_DATA_DIR="$run/data" OPENCPM_BOOTSTRAP_ADMIN_KEY=$key \
  "$home/bin/opencpm" run > "$run/server.log" 2>&1 &
serverpid=$!
opencpm_await_ready "$base" "$serverpid" "$run/server.log"
plugins=$(curl -fs "$base/api/v1/plugins" -H "Authorization: Bearer $key")
echo "$plugins" | python3 -c '
import json, sys
plugins = json.load(sys.stdin)
acme = [p for p in plugins if p.get("id") == "acme-crm"]
if not acme or acme[0].get("state") != "started" or "acme-crm" not in acme[0].get("connectors", []):
    sys.exit("acme-crm is not loaded and started: " + json.dumps(plugins))
' || { tail -40 "$run/server.log" >&2; exit 1; }
auth="Authorization: Bearer $key"
curl -fs -X PUT "$base/api/v1/purposes/partner-marketing" -H "$auth" -H "Content-Type: application/json" \
  -d '{"name":{"en":"Partner marketing"},"category":"marketing","legalBasis":"consent","dataElements":["phone"]}' > /dev/null
curl -fs "$base/api/v1/notices" -H "$auth" -H "Content-Type: application/json" \
  -d '{"code":"partner-policy","version":"1","language":"en","title":"Partner","content":"Partner notice","purposes":["partner-marketing"]}' > /dev/null
curl -fs "$base/api/v1/consents" -H "$auth" -H "Content-Type: application/json" \
  -d '{"subject":{"identifiers":[{"type":"phone","value":"13800138000"}]},"purpose":"partner-marketing","action":"grant","notice":{"code":"partner-policy","version":"1"},"channel":"app","method":"checkbox"}' > /dev/null
tries=0
until grep -q '"mobile":"+8613800138000".*"state":"granted"' "$run/crm.log" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 150 ]; then
    echo "the grant never reached the CRM stand-in; connectors: $(curl -s "$base/api/v1/connectors" -H "$auth")" >&2
    tail -40 "$run/server.log" >&2; exit 1
  fi
  sleep 0.2
done
grep -q '^/api/consents Bearer acme-token-1 ' "$run/crm.log" || { echo "the CRM got the change without its token or at another path:" >&2; cat "$run/crm.log" >&2; exit 1; }
echo "== partner project: loaded by the distribution, started, and a grant reached the CRM"
