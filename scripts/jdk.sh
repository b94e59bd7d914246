# Sourced by ./aio, ./test and .ci/run: finds a JDK 25 or newer and exports JAVA_HOME.
jasyncio_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
jasyncio_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(jasyncio_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  local d v
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(jasyncio_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$d"; return 0; fi
  done
  echo "jasyncio: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked under /usr/lib/jvm)." >&2
  echo "jasyncio: install one (for example Temurin 25) or point JAVA_HOME at it." >&2
  return 1
}
jasyncio_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
