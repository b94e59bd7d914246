# bench/lib.sh - what bench/core.sh and bench/sync.sh share: the JDK, Debian's python3 with uvloop,
# CPU pinning, the JMH jar and the versions file. Sourced with NAME (the script's name, for messages)
# and ROOT set; defines say, die, build_jar and write_versions, and sets JAVA_HOME, EXPORTS, PY, CPU,
# QUICK, PIN and JAR.
. "$ROOT/scripts/jdk.sh"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
EXPORTS="--add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED"
PY=/usr/bin/python3
CPU="${CPU:-1}"
QUICK="${QUICK:-}"
JAR="$ROOT/jasyncio-bench/target/benchmarks.jar"

say() { echo "$NAME: $*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$PY" ] || die "$PY is missing: the Python side runs on Debian's python3 (the one python3-uvloop is for)"
if ! "$PY" -c 'import uvloop' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "python3-uvloop is missing; installing it (apt-get)"
    apt-get update -q >&2 && apt-get install -y -q python3-uvloop >&2 \
      || die "apt-get install python3-uvloop failed"
    "$PY" -c 'import uvloop' || die "uvloop still not importable by $PY"
  else
    die "python3-uvloop is missing: run 'sudo apt-get update && sudo apt-get install -y python3-uvloop' (Debian's package, for $PY)"
  fi
fi
PIN=()
if [ "$CPU" != none ]; then
  command -v taskset >/dev/null || die "taskset is missing (util-linux); or run with CPU=none"
  PIN=(taskset -c "$CPU")
fi

build_jar() {  # builds jasyncio-bench/target/benchmarks.jar
  say "building (mvn package, jasyncio-bench and what it needs)"
  (cd "$ROOT" && mvn -q -B -pl jasyncio-bench -am package -DskipTests) >&2
  [ -f "$JAR" ] || die "build did not produce $JAR"
}

write_versions() {  # write_versions FILE: date, command, commit, CPU, kernel, JDK, Python; also to stderr
  {
    echo "date: $(date -Iseconds)"
    echo "command: ${QUICK:+QUICK=1 }CPU=$CPU bench/$NAME"
    echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc), pinned: $CPU"
    echo "kernel: $(uname -r)"
    echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
    echo "python: $("$PY" -c 'import sys, uvloop; print(sys.version.split()[0], "uvloop", uvloop.__version__)')"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "busiest other processes at start (%cpu, command):"
    ps -eo pcpu=,args= --sort=-pcpu | head -4 | cut -c1-160 | sed 's/^/  /'
  } > "$1"
  cat "$1" >&2
}
