# shellcheck shell=sh
# Finds a JDK 21 or newer for OpenCPM's scripts (mvnw, ./opencpm, .ci/run) and exports
# JAVA_HOME. Order: JAVA_HOME, the java on PATH, then the usual install folders.
# Sourced, not run: it sets JAVA_HOME or prints why it could not and returns 1.

opencpm_java_major() {
  # prints the feature version (17, 21, 25…) of the java launcher given as $1
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1 |
    awk -F. '{ if ($1 == "1") print $2; else print $1 }'
}

opencpm_find_jdk() {
  _need=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    _v=$(opencpm_java_major "$JAVA_HOME/bin/java")
    if [ -n "$_v" ] && [ "$_v" -ge "$_need" ]; then return 0; fi
  fi
  _candidates=""
  _onpath=$(command -v javac 2>/dev/null || true)
  if [ -n "$_onpath" ]; then
    _resolved=$(readlink -f "$_onpath" 2>/dev/null || echo "$_onpath")
    _candidates="$(dirname "$(dirname "$_resolved")")"
  fi
  _noglob=0; case $- in *f*) _noglob=1; set +f ;; esac
  for _d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$_d" ] && _candidates="$_candidates
$_d"
  done
  [ "$_noglob" = 1 ] && set -f
  _best=""; _bestv=0
  _oldifs=$IFS; IFS='
'
  for _d in $_candidates; do
    [ -x "$_d/bin/java" ] && [ -x "$_d/bin/javac" ] || continue
    _v=$(opencpm_java_major "$_d/bin/java")
    [ -n "$_v" ] || continue
    if [ "$_v" -ge "$_need" ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d; _bestv=$_v; fi
  done
  IFS=$_oldifs
  if [ -z "$_best" ]; then
    echo "OpenCPM needs a JDK $_need or newer, and none was found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$_best
  export JAVA_HOME
}
