#!/usr/bin/env bash
# Starts MAIN (the kiln CLI or kilnd) on the CLI's classpath with JDK 25's AOT cache
# (cli/target/kiln.aot): classes loaded and linked ahead of time from a training run recorded after
# each build (cli.AotTraining: --version, help, two small embedded builds, which also run the
# daemon's code in-process). kilnd can share it (KILND_AOT=1), as the CLI's classpath includes the daemon.
# The class path and JVM options come from cli.launch.LaunchPrep, run once per build (unsigned
# copies of signed jars, SQLite's library extracted once).
# Extra JVM options come from $KILN_JVM_EXTRA; KILN_AOT=0 turns the cache off.
# Usage: scripts/kiln-jvm.sh MAIN [ARGS...]   (after build-if-stale.sh)
set -euo pipefail
root="$(readlink -f "${BASH_SOURCE[0]}")"; root="${root%/*/*}"
. "$root/scripts/java-env.sh"
main="$1"; shift
built="$root/cli/target/.kiln-built"
launch="$root/cli/target/launch"
# Jars only: the AOT cache cannot cover classes loaded from directories.
# (Globs and reads rather than ls, grep and cat: each process started here delays every command.)
for cli_jar in "$root"/cli/target/kiln-cli-*.jar; do [[ "$cli_jar" == *-tests.jar ]] || break; done
if [ ! -f "$launch/classpath" ] || [ "$built" -nt "$launch/classpath" ]; then
  "$JAVA_HOME/bin/java" -cp "$(cat "$root/cli/target/classpath.txt"):$cli_jar" dev.kiln.cli.launch.LaunchPrep \
    "$root/cli/target/classpath.txt" "$launch" >&2
fi
IFS= read -r cp < "$launch/classpath" || true
cp="$cp:$cli_jar"
aot="$root/cli/target/kiln.aot"
# No -XX:TieredStopAtLevel=1: C1 alone has no SHA-256 intrinsic, and hashing (contexts, layers)
# runs about 15x slower; the AOT cache gives the start-up gain instead.
mapfile -t prepared < "$launch/jvm-options"
opts=(--enable-native-access=ALL-UNNAMED "${prepared[@]}")
if [ "${KILN_AOT:-1}" = 1 ]; then
  if [ ! -f "$aot" ] || [ "$launch/classpath" -nt "$aot" ]; then
    echo "kiln: recording the start-up cache (once per build)..." >&2
    "$JAVA_HOME/bin/java" "${opts[@]}" -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off -cp "$cp" \
      dev.kiln.cli.AotTraining >/dev/null 2>&1 || {
        status=$?
        rm -f "$aot"
        # A JVM stopped by Ctrl-C or SIGTERM exits with 130/143 rather than dying of the signal,
        # so the shell would go on to the command the user just interrupted.
        case $status in 130|143) exit $status ;; esac
      }
  fi
  [ -f "$aot" ] && opts+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
fi
exec "$JAVA_HOME/bin/java" "${opts[@]}" ${KILN_JVM_EXTRA:-} -cp "$cp" "$main" "$@"
