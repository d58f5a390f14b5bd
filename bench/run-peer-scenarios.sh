#!/usr/bin/env bash
# Scenario benchmarks S1–S7 (issue "Scenario benchmarks"): the same generated contexts built by
# Kiln (embedded and through kilnd) and by buildah, alternating run by run, each ending with an
# OCI tarball with gzip layers. S8 (only with --only S8: about 15 minutes) carries a 20-step
# build's cache (500 MB of layers) through the loopback registry: Kiln's --export-cache/--import-cache
# type=registry against buildah's --cache-to/--cache-from. Prints medians, ranges, CPU seconds, peak RSS and Kiln/buildah
# ratios. Needs root (runc, overlayfs); installs buildah, docker-registry, umoci, skopeo and
# busybox-static with apt-get when missing.
# Usage: bench/run-peer-scenarios.sh [--runs N] [--only S1,S3] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

packages=(buildah runc docker-registry busybox-static skopeo umoci)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "run-peer-scenarios: needs root to install ${missing[*]}" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

. scripts/java-env.sh
scripts/build-if-stale.sh >&2
# The launcher records its AOT start-up cache on the first run after a build (its training builds
# images for about 15 s): do it now, not inside the first timed build.
./kiln --help >/dev/null

work=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
work="${work:-$(mktemp -d /var/tmp/kiln-scenarios.XXXXXX)}"
mkdir -p "$work"
registry_pid=
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true; }
trap cleanup EXIT

# A loopback registry holding the base image: busybox-static with all its applets, one layer.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port, secret: kiln-bench}
YAML
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

base="$work/base"
rm -rf "$base" && mkdir -p "$base"
umoci init --layout "$base/layout" >/dev/null
umoci new --image "$base/layout:busybox" >/dev/null
umoci unpack --image "$base/layout:busybox" "$base/bundle" >/dev/null
mkdir -p "$base/bundle/rootfs/bin" "$base/bundle/rootfs/etc" "$base/bundle/rootfs/tmp"
cp /bin/busybox "$base/bundle/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$base/bundle/rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$base/bundle/rootfs/etc/passwd"
printf 'root:x:0:\n' > "$base/bundle/rootfs/etc/group"
umoci repack --image "$base/layout:busybox" "$base/bundle" >/dev/null
umoci config --image "$base/layout:busybox" --config.cmd sh >/dev/null
skopeo --insecure-policy copy --quiet --dest-tls-verify=false "oci:$base/layout:busybox" \
  "docker://127.0.0.1:$port/bench/busybox:latest"

cp="bench/target/classes:$(cat bench/target/classpath.txt)"
"$JAVA_HOME/bin/java" -cp "$cp" dev.kiln.bench.scenario.PeerScenarios \
  --kiln "$root/kiln" --kilnd "$root/kilnd" --base "127.0.0.1:$port/bench/busybox:latest" \
  --work "$work" "${args[@]}"
