#!/usr/bin/env bash
# Only the export scenario: a 1 GiB single-layer image to an OCI tarball vs tar|gzip and tar|pigz.
# Usage: bench/run-export.sh [WORKDIR] [RUNS]   (needs root: the engine's snapshots; pigz installed)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
mvn -B -q -o verify -pl bench -am -DskipTests
work="${1:-$(mktemp -d /var/tmp/kiln-bench.XXXXXX)}"
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.kiln.bench.ExportScenario "$work/export" "${2:-3}"
