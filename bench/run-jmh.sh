#!/usr/bin/env bash
# Builds the bench module (and what it needs) and runs the JMH benchmarks with modest settings.
# Usage: bench/run-jmh.sh [JMH regexp and options…]   (default: DockerfileConvertBenchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
mvn -B -q -o verify -pl llb,dockerfile,bench -am -DskipTests
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(DockerfileConvertBenchmark)
fi
exec java -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 1s -i 5 -r 1s "${args[@]}"
