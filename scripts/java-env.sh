# Sourced by the launchers and scripts: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm.

kiln_java_major() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    # read in the shell: a sed process here delayed every launch
    while IFS= read -r v; do [[ "$v" == JAVA_VERSION=* ]] && break; done < "$release" || true
    v="${v#JAVA_VERSION=\"}"; v="${v%%[!0-9]*}"
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

kiln_find_java() {
  local candidate best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(kiln_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    v=$(kiln_java_major "$candidate")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "kiln: no JDK 25 or newer found (checked \$JAVA_HOME${JAVA_HOME:+=$JAVA_HOME} and /usr/lib/jvm/*)." >&2
    echo "kiln: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

kiln_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava calls sun.misc.Unsafe; keep JDK 25 quiet about it.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
