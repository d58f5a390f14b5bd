#!/usr/bin/env bash
# Builds (package, without tests; never installs, so worktrees do not share artifacts) when a pom or a main source is newer than the last successful build.
set -euo pipefail
root="$(readlink -f "${BASH_SOURCE[0]}")"; root="${root%/*/*}"
stamp="$root/cli/target/.kiln-built"
if [ -f "$stamp" ] && [ -f "$root/cli/target/classpath.txt" ] && \
   [ -z "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
          \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
. "$root/scripts/java-env.sh" # only to build: every launch runs the check above
echo "kiln: building (sources changed since the last build)..."
log="$(mktemp)"
# Offline first; online only when that failed for another reason than Ctrl-C or SIGTERM (Maven's JVM
# exits with 130/143 then instead of dying of the signal, which the shell would not notice).
status=0
(cd "$root" && mvn -B -q -o package -DskipTests >"$log" 2>&1) || status=$?
if [ $status -ne 0 ] && [ $status -ne 130 ] && [ $status -ne 143 ]; then
  status=0
  (cd "$root" && mvn -B -q package -DskipTests >"$log" 2>&1) || status=$?
fi
if [ $status -eq 130 ] || [ $status -eq 143 ]; then
  rm -f "$log"; exit $status
fi
if [ $status -ne 0 ]; then
  cat "$log"; rm -f "$log"
  echo "kiln: build failed" >&2
  exit 1
fi
rm -f "$log"
touch "$stamp"
