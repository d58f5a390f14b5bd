#!/usr/bin/env bash
# CLI start-up through the ./kiln launcher: `kiln --version`, and a fully cached embedded build of
# examples/hello (the first, uncached build is not timed). Prints each run and the median, in seconds.
# Usage: bench/run-startup.sh [RUNS]   (root needed for the example's RUN steps)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
state="$(mktemp -d /var/tmp/kiln-startup.XXXXXX)"
trap 'rm -rf "$state"' EXIT
./examples/prepare >/dev/null
./kiln --version >/dev/null                                            # builds and records the AOT cache if needed
./kiln build examples/hello --root "$state" --progress quiet 2>/dev/null # fills the build cache

measure() { # NAME COMMAND...
  local name="$1"; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%-34s %s  median %s\n' "$name" "${times[*]}" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}
measure "kiln --version" ./kiln --version
measure "kiln build examples/hello (cached)" ./kiln build examples/hello --root "$state" --progress quiet
measure "the same without the AOT cache" env KILN_AOT=0 ./kiln build examples/hello --root "$state" --progress quiet
