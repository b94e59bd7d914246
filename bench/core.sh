#!/usr/bin/env bash
# bench/core.sh - jasyncio against CPython asyncio and uvloop on the core measures of issue 2,
# side by side in one run, and a markdown table of the results.
#
#   (a) one `await sleep(0)` switch        JMH SleepZeroBenchmark     | core_bench.py sleep0
#   (b) create+run+await 1,000,000 tasks   JMH TaskCreateRunAwait...  | core_bench.py tasks
#   (c) gather of 100,000 coroutines       JMH GatherBenchmark        | core_bench.py gather
#   (d) memory of 1,000,000 sleeping tasks MemoryProbe                | core_bench.py memory
#
# Usage: bench/core.sh            (about 8 minutes on a quiet host)
#        QUICK=1 bench/core.sh    (smoke test: short JMH runs, N/10 on the Python side; ~2 minutes)
# Environment: CPU=1 pins every process to that CPU with taskset (CPU=none: no pinning);
#              OUT=dir for the raw results (default bench/results/core-<date>);
#              JMH_ARGS to add/override JMH options (e.g. "-f 1 -i 3").
# Needs: JDK 25 (found as scripts/jdk.sh finds it), Maven, /usr/bin/python3 with python3-uvloop
# (installed with apt-get when run as root, else a clear error).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME=core.sh
. "$ROOT/bench/lib.sh"
STAMP="$(date +%Y-%m-%d-%H%M%S)"
OUT="${OUT:-$ROOT/bench/results/core-$STAMP}"
mkdir -p "$OUT"

# Optional noise signal: the shared harness's cpuprobe (ns per iteration of a fixed integer loop on
# the pinned core; about 2.6 quiet, above 3 when the host takes time). Skipped if it cannot be built.
PROBE=""
PROBE_SRC="${CPUPROBE_SRC:-$ROOT/../shared/bench/cpuprobe.c}"
if [ -f "$PROBE_SRC" ] && command -v cc >/dev/null; then
  mkdir -p "$ROOT/bench/build"
  if cc -O2 -o "$ROOT/bench/build/cpuprobe" "$PROBE_SRC" 2>/dev/null; then PROBE="$ROOT/bench/build/cpuprobe"; fi
fi
probe() {  # probe LABEL: one line "LABEL ns" into probes.txt
  [ -n "$PROBE" ] || return 0
  echo "$1 $("${PIN[@]}" "$PROBE" 20000000 3 200 | sort -n | sed -n 2p)" >> "$OUT/probes.txt"
}

# ---- build -----------------------------------------------------------------------------------------
build_jar
write_versions "$OUT/versions.txt"

# ---- the measures, one at a time -------------------------------------------------------------------
# Each measure runs on all three back to back (jasyncio, asyncio, uvloop), so that the three figures
# of one row are taken close together in time: the host's noise drifts over minutes.
# JMH iterations come from the benchmarks' annotations (3 warmup + 5 measured, 1-3 s each); two forks.
JMH_OPTS=(-f 2)
if [ -n "$QUICK" ]; then JMH_OPTS=(-f 1 -wi 2 -w 1 -i 3 -r 1); fi
N_MEM=1000000; [ -n "$QUICK" ] && N_MEM=100000
: > "$OUT/py-asyncio.jsonl"
: > "$OUT/py-uvloop.jsonl"
JMH_FILES=()

jmh() {  # jmh NAME REGEX
  say "jasyncio: JMH $1"
  local tries=0
  # JMH refuses to start while another JMH run holds /tmp/jmh.lock (another benchmark on this machine):
  # wait for it, up to 10 minutes, rather than measure two benchmarks against each other.
  until "${PIN[@]}" "$JAVA_HOME/bin/java" $EXPORTS -jar "$JAR" "$2" \
      "${JMH_OPTS[@]}" ${JMH_ARGS:-} -jvmArgsAppend "$EXPORTS" \
      -rf json -rff "$OUT/jmh-$1.json" > "$OUT/jmh-$1.txt" 2>&1; do
    if grep -q 'Unable to acquire the JMH lock' "$OUT/jmh-$1.txt" && [ $((tries += 1)) -le 40 ]; then
      say "another JMH run holds /tmp/jmh.lock; waiting 15 s ($tries/40)"
      sleep 15
      continue
    fi
    tail -30 "$OUT/jmh-$1.txt" >&2
    die "JMH $1 failed"
  done
  sed -n '/^Benchmark /,$p' "$OUT/jmh-$1.txt" >&2
  JMH_FILES+=("$OUT/jmh-$1.json")
}

python_side() {  # python_side ONLY
  for loop in asyncio uvloop; do
    say "python: $loop, $1"
    "${PIN[@]}" "$PY" "$ROOT/bench/py/core_bench.py" --loop "$loop" --only "$1" ${QUICK:+--quick} \
      >> "$OUT/py-$loop.jsonl" || die "core_bench.py --loop $loop --only $1 failed"
  done
}

probe a-sleep0
jmh sleep0 'io\.jasyncio\.bench\.(SleepZero|FiberSwitch)Benchmark'
python_side sleep0

probe b-tasks
jmh tasks 'io\.jasyncio\.bench\.TaskCreateRunAwaitBenchmark'
python_side tasks

probe c-gather
jmh gather 'io\.jasyncio\.bench\.GatherBenchmark'
python_side gather

probe d-memory
say "jasyncio: MemoryProbe (d), $N_MEM sleeping tasks"
"${PIN[@]}" "$JAVA_HOME/bin/java" $EXPORTS -cp "$JAR" io.jasyncio.bench.MemoryProbe --n "$N_MEM" --histogram \
  > "$OUT/memory-jasyncio.jsonl" 2> "$OUT/memory-jasyncio-histogram.txt" \
  || { cat "$OUT/memory-jasyncio-histogram.txt" >&2; die "MemoryProbe failed"; }
cat "$OUT/memory-jasyncio.jsonl" "$OUT/memory-jasyncio-histogram.txt" >&2
python_side memory
probe end

# ---- table -----------------------------------------------------------------------------------------
"$PY" "$ROOT/bench/py/core_report.py" --jmh "${JMH_FILES[@]}" \
  --jsonl "$OUT/memory-jasyncio.jsonl" "$OUT/py-asyncio.jsonl" "$OUT/py-uvloop.jsonl" > "$OUT/table.md"
if [ -f "$OUT/probes.txt" ]; then
  { echo; echo "Host noise, cpuprobe ns/iteration on CPU $CPU before each phase (about 2.6 quiet, above 3 noisy):" \
      "$(tr '\n' ' ' < "$OUT/probes.txt" | sed 's/ $//; s/ \([a-z]\)/, \1/g')." \
      "Load average at start and end: $(sed -n 's/^load average at start: //p' "$OUT/versions.txt"); $(cut -d' ' -f1-3 /proc/loadavg)."; } >> "$OUT/table.md"
fi
say "raw results in ${OUT#$ROOT/}"
cat "$OUT/table.md"
