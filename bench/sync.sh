#!/usr/bin/env bash
# bench/sync.sh - jasyncio's Queue, Lock and runInExecutor against CPython asyncio and uvloop, side by side in one
# run, and a markdown table of the results with the ratio to uvloop.
#
#   queue put/get between two tasks, maxsize=1 (hand-off)   JMH QueueBench.putGet(maxsize=1)   | sync_bench.py queue_handoff
#   queue put/get between two tasks, maxsize=100 (buffer)   JMH QueueBench.putGet(maxsize=100) | sync_bench.py queue_buffered
#   lock acquire/release under contention of 1,000 tasks    JMH LockBench.contended            | sync_bench.py lock_contended
#   runInExecutor round trip, default executor (not in-loop) JMH ExecutorBench.roundTrip       | sync_bench.py executor_roundtrip
#
# Usage: bench/sync.sh            (about 4 minutes)
#        QUICK=1 bench/sync.sh    (smoke test: short JMH runs, N/10 on the Python side)
# Environment: CPU=1 pins every process to that CPU with taskset (CPU=none: no pinning);
#              OUT=dir for the raw results (default bench/results/sync-<date>);
#              JMH_ARGS to add/override JMH options.
# Needs: JDK 25 (found as scripts/jdk.sh finds it), Maven, /usr/bin/python3 with python3-uvloop.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
EXPORTS="--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
PY=/usr/bin/python3
CPU="${CPU:-1}"
QUICK="${QUICK:-}"
OUT="${OUT:-$ROOT/bench/results/sync-$(date +%Y-%m-%d-%H%M%S)}"
JAR="$ROOT/jasyncio-bench/target/benchmarks.jar"

say() { echo "sync.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$PY" ] || die "$PY is missing: the Python side runs on Debian's python3 (the one python3-uvloop is for)"
if ! "$PY" -c 'import uvloop' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "python3-uvloop is missing; installing it (apt-get)"
    apt-get update -q >&2 && apt-get install -y -q python3-uvloop >&2 || die "apt-get install python3-uvloop failed"
  else
    die "python3-uvloop is missing: run 'sudo apt-get install -y python3-uvloop'"
  fi
fi
PIN=()
if [ "$CPU" != none ]; then
  command -v taskset >/dev/null || die "taskset is missing (util-linux); or run with CPU=none"
  PIN=(taskset -c "$CPU")
fi
mkdir -p "$OUT"

say "building (mvn package, jasyncio-bench and what it needs)"
(cd "$ROOT" && mvn -q -B -pl jasyncio-bench -am package -DskipTests) >&2
[ -f "$JAR" ] || die "build did not produce $JAR"

{
  echo "date: $(date -Iseconds)"
  echo "command: ${QUICK:+QUICK=1 }CPU=$CPU bench/sync.sh"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc), pinned: $CPU"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "python: $("$PY" -c 'import sys, uvloop; print(sys.version.split()[0], "uvloop", uvloop.__version__)')"
} > "$OUT/versions.txt"
cat "$OUT/versions.txt" >&2

# ---- jasyncio: JMH -----------------------------------------------------------------------------------
JMH_OPTS=(-f 2)
if [ -n "$QUICK" ]; then JMH_OPTS=(-f 1 -wi 2 -w 1 -i 3 -r 1); fi
say "jasyncio: JMH QueueBench, LockBench, ExecutorBench"
"${PIN[@]}" "$JAVA_HOME/bin/java" $EXPORTS -jar "$JAR" 'io\.jasyncio\.bench\.(QueueBench|LockBench|ExecutorBench)\.' \
  "${JMH_OPTS[@]}" ${JMH_ARGS:-} -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1 \
  || { tail -30 "$OUT/jmh.txt" >&2; die "JMH failed"; }
sed -n '/^Benchmark /,$p' "$OUT/jmh.txt" >&2

# ---- Python: asyncio and uvloop ---------------------------------------------------------------------
for loop in asyncio uvloop; do
  say "python: $loop"
  "${PIN[@]}" "$PY" "$ROOT/bench/py/sync_bench.py" --loop "$loop" ${QUICK:+--quick} > "$OUT/py-$loop.jsonl" \
    || die "sync_bench.py --loop $loop failed"
done

# ---- table ------------------------------------------------------------------------------------------
"$PY" "$ROOT/bench/py/sync_report.py" --jmh "$OUT/jmh.json" \
  --jsonl "$OUT/py-asyncio.jsonl" "$OUT/py-uvloop.jsonl" > "$OUT/table.md"
say "raw results in ${OUT#$ROOT/}"
cat "$OUT/table.md"
