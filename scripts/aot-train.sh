#!/usr/bin/env bash
# Creates the kiln CLI's AOT cache (JDK 25, JEP 483/514/515: classes loaded and linked, lambdas
# resolved and method profiles recorded ahead of time) from one training run: an embedded build of
# a tiny context into an OCI tarball, in a throwaway state directory. It roughly halves the wall
# time of a short `kiln build`. Best effort: if training fails, kiln simply runs without the cache.
# Usage: scripts/aot-train.sh   (the launcher calls it after each build)
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/java-env.sh"
cache="$root/cli/target/kiln.aot"
rm -f "$cache"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiln-aot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/context"
printf 'FROM scratch\nARG NOTE=training\nCOPY a.txt /etc/\nLABEL note=$NOTE\n' > "$work/context/Dockerfile"
echo "AOT training input" > "$work/context/a.txt"
if ! timeout 300 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$cache" \
    -cp "$("$root/scripts/cli-classpath.sh")" dev.kiln.cli.Main build "$work/context" \
    --root "$work/state" --progress plain -o "type=oci,dest=$work/out.tar" >"$work/log" 2>&1; then
  echo "kiln: AOT training run failed (kiln works, only starts slower); its log:" >&2
  tail -5 "$work/log" >&2
  rm -f "$cache"
fi
exit 0
