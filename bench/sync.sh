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
NAME=sync.sh
. "$ROOT/bench/lib.sh"
OUT="${OUT:-$ROOT/bench/results/sync-$(date +%Y-%m-%d-%H%M%S)}"
mkdir -p "$OUT"

build_jar
write_versions "$OUT/versions.txt"

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
