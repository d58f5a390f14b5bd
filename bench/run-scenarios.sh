#!/usr/bin/env bash
# Scenario benchmarks that compare Kiln with a peer tool side by side on this machine.
# Usage: bench/run-scenarios.sh [WORKDIR] [RUNS]   (WORKDIR defaults to a temp dir on /var/tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
mvn -B -q -o verify -pl bench -am -DskipTests
work="${1:-$(mktemp -d /var/tmp/kiln-bench.XXXXXX)}"
runs="${2:-3}"
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.kiln.bench.ContextIoScenario "$work" "$runs"
java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.kiln.bench.ExecOverheadScenario "$work/exec"
java --enable-native-access=ALL-UNNAMED -cp "$cp" dev.kiln.bench.ExportScenario "$work/export" "$runs"
