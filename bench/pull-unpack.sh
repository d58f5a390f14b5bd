#!/usr/bin/env bash
# Times Kiln's pull + unpack of a 3-layer ~300 MB image from a local registry against
# `skopeo copy` + `umoci unpack` of the same image, and prints both times and their ratio.
# Needs: root (overlayfs, owners), docker-registry, skopeo, umoci, python3, a built engine
# (packaged offline by the script, which also records a JDK AOT cache for Kiln with one untimed pull). Usage: bench/pull-unpack.sh [RUNS]  (best of RUNS, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
RUNS=${1:-3}
WORK=$(mktemp -d /var/tmp/kiln-bench.XXXXXX)
REGISTRY_PID=
cleanup() {
  [ -n "$REGISTRY_PID" ] && kill "$REGISTRY_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

echo "== building the image layout (deterministic) in $WORK"
python3 bench/make-layout.py "$WORK/layout" bench

echo "== starting docker-registry on 127.0.0.1"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/registry.yml" <<YAML
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $WORK/registry}}
http: {addr: 127.0.0.1:$PORT, secret: kiln-bench}
YAML
/usr/bin/docker-registry serve "$WORK/registry.yml" >"$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
REF=127.0.0.1:$PORT/bench/image:v1
skopeo --insecure-policy copy --quiet --preserve-digests --dest-tls-verify=false "oci:$WORK/layout:bench" "docker://$REF"

echo "== packaging the engine and its test classes (offline)"
mvn -B -q -o -pl engine -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log"; exit 1; }
# Jars only, so the AOT cache covers Kiln's own classes too.
engine_jar="$(ls engine/target/kiln-engine-*.jar | grep -v -- -tests.jar | head -1)"
CP="$(ls engine/target/kiln-engine-*-tests.jar):$engine_jar:$(cat "$WORK/cp.txt")"

# As ./kiln does after each build, Kiln runs with a JDK AOT cache (classes loaded and linked ahead
# of time) recorded by one untimed training pull into a throwaway state.
echo "== recording the AOT cache (one untimed pull)"
java --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$WORK/pull.aot" -Xlog:aot=off -Xlog:cds=off -cp "$CP" \
  dev.kiln.engine.bench.PullUnpackMain "$WORK/train-state" "$REF" overlayfs >"$WORK/train.log" 2>&1
rm -rf "$WORK/train-state"

best_kiln=; best_peer=
echo "== timing (each run: fresh Kiln state; fresh skopeo destination and umoci bundle)"
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/state" "$WORK/pulled" "$WORK/bundle"
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  t0=$(now_ms)
  java --enable-native-access=ALL-UNNAMED -XX:AOTCache="$WORK/pull.aot" -Xlog:aot=off -Xlog:cds=off -cp "$CP" \
    dev.kiln.engine.bench.PullUnpackMain "$WORK/state" "$REF" overlayfs
  t1=$(now_ms)
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  t2=$(now_ms)
  skopeo --insecure-policy copy --quiet --src-tls-verify=false "docker://$REF" "oci:$WORK/pulled:bench"
  umoci unpack --image "$WORK/pulled:bench" "$WORK/bundle" >/dev/null
  t3=$(now_ms)
  kiln=$((t1 - t0)); peer=$((t3 - t2))
  echo "run $run: kiln (JVM start included) ${kiln} ms, skopeo+umoci ${peer} ms"
  [ -z "$best_kiln" ] || [ "$kiln" -lt "$best_kiln" ] && best_kiln=$kiln
  [ -z "$best_peer" ] || [ "$peer" -lt "$best_peer" ] && best_peer=$peer
done
echo "== best of $RUNS: kiln ${best_kiln} ms, skopeo copy + umoci unpack ${best_peer} ms," \
  "ratio kiln/peer $(python3 -c "print(f'{$best_kiln/$best_peer:.2f}')")"
