#!/usr/bin/env bash
# Prints the kiln CLI's classpath: jars only, because an AOT cache (scripts/aot-train.sh) can only
# hold classes loaded from jars, and it must be the very same string at training and at run time.
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar=$(ls "$root"/cli/target/kiln-cli-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -1)
echo "$(cat "$root/cli/target/classpath.txt"):$jar"
