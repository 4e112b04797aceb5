#!/bin/sh
# Builds the partner project of connectors/README.md exactly as the guide shows it — every file is
# taken from the guide's code blocks marked <!-- partner-project: <path> --> — with nothing of
# OpenCPM on its class path but the SPI and the test kit, and runs its tests (the conformance
# suite included): the guide cannot drift from what compiles and passes.
#
# OpenCPM's artifacts are installed into a local repository under target/partner-project, chained
# to ~/.m2 for everything else, so the shared ~/.m2 is only read. Pass -o to build offline.
set -eu
cd "$(dirname "$0")/.."
offline="${1:-}"

. ./.mvn/find-jdk.sh
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
