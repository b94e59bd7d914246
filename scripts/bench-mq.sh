#!/usr/bin/env bash
# bench-mq.sh - the message-queue brokers of chapter 4 side by side in the load harness: jasyncio's
# prototype (mq-server, the fair counterpart of the book's mq_server.py), jasyncio's improved broker
# (mq-server-plus, for information) and the book's prototype in Python on asyncio and on uvloop
# (jasyncio-examples/src/test/python/mq/mq_server.py), all with per-message printing off. Brokers run
# pinned to CPU 0 (JVMs with the harness's flags), the C load generator scripts/mqload.c on CPU 1;
# rounds are interleaved so that machine noise is spread over all brokers. Then a table of medians
# (scripts/mq-table.py; docs/mq-benchmarks.md explains it).
#
#   scripts/bench-mq.sh [-b BENCH_DIR] [-r ROUNDS] [-R FIRST_ROUND] [-s SIZES] [-c CASES] [-d SECS] [-w SECS]
#                       [-f FANOUT_SUBS] [-o OUT.jsonl] [-S] [BROKER...]
#
# BROKER: jasyncio, jasyncio-plus, uvloop, asyncio (default: all four). CASES: topic (1 sender -> 10
# subscribers of a /topic channel), queue (10 senders -> 10 workers on a /queue channel); default both.
# SIZES: payload bytes (default 100,65536). -d measured seconds per run (5), -w warmup seconds per run (1).
# -f N: instead of the throughput rounds, N subscribers on one broker (10000 in the issue): checks that a
# message reaches all N and reports the broker's memory per subscriber (RSS delta; for the JVM also the
# heap after a full GC). Raw JSON lines are appended to OUT (default bench/build/mq/mq-DATE.jsonl), so
# rounds can be added later with -o/-R; -S only prints the tables of OUT. Build the examples first:
#   mvn -q -B -pl jasyncio-examples -am package -DskipTests
# and run it under the machine's benchmark lock: flock /tmp/bench.lock scripts/bench-mq.sh ...
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/../shared/bench"; ROUNDS=3; FIRST=1; SIZES=100,65536; CASES=topic,queue; DUR=5; WARM=1; FANOUT=0
OUT=""; ONLY_SUMMARY=0
while getopts "b:r:R:s:c:d:w:f:o:S" o; do
    case "$o" in
        b) BENCH="$OPTARG" ;; r) ROUNDS="$OPTARG" ;; R) FIRST="$OPTARG" ;; s) SIZES="$OPTARG" ;; c) CASES="$OPTARG" ;;
        d) DUR="$OPTARG" ;; w) WARM="$OPTARG" ;; f) FANOUT="$OPTARG" ;; o) OUT="$OPTARG" ;; S) ONLY_SUMMARY=1 ;;
        *) sed -n '2,23p' "$0" >&2; exit 1 ;;
    esac
done
shift $((OPTIND - 1))
BROKERS=("$@"); [ ${#BROKERS[@]} -gt 0 ] || BROKERS=(jasyncio jasyncio-plus uvloop asyncio)
BENCH="$(cd "$BENCH" && pwd)"
BUILD="$ROOT/bench/build/mq"
[ -n "$OUT" ] || OUT="$BUILD/mq-$(date +%F-%H%M).jsonl"
mkdir -p "$BUILD/lib" "$BUILD/build" "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
if [ "$ONLY_SUMMARY" = 1 ]; then
    exec /usr/bin/python3 "$ROOT/scripts/mq-table.py" "$OUT"
fi

# The harness's helpers and core-speed probe, copied (the shared harness is never modified in place).
cp "$BENCH/lib/common.sh" "$BENCH/lib/jrun.sh" "$BUILD/lib/"
gcc -O2 -Wall -o "$BUILD/build/cpuprobe" "$BENCH/cpuprobe.c"
gcc -O2 -Wall -o "$BUILD/mqload" "$ROOT/scripts/mqload.c"
export LOG_DIR="$BUILD/logs"
. "$BUILD/lib/common.sh"
ulimit -n "$(ulimit -Hn)"

JAR="$ROOT/jasyncio-examples/target/jasyncio-examples-0.1.0-SNAPSHOT.jar"
CP_FILE="$ROOT/jasyncio-examples/target/classpath.txt"
[ -f "$JAR" ] && [ -f "$CP_FILE" ] || { echo "build first: mvn -q -B -pl jasyncio-examples -am package -DskipTests" >&2; exit 1; }
JVM="$BUILD/lib/jrun.sh 25 --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED -cp $JAR:$(cat "$CP_FILE") io.jasyncio.examples.Main"
PYMQ="/usr/bin/python3 $ROOT/jasyncio-examples/src/test/python/mq/mq_server.py"
declare -A CMDS=(
    [jasyncio]="$JVM mq-server --port {port} --quiet true"
    [jasyncio-plus]="$JVM mq-server-plus --port {port} --quiet true"
    [uvloop]="$PYMQ --port {port} --quiet --uvloop"
    [asyncio]="$PYMQ --port {port} --quiet"
)
PORT=25300
LOAD="$BUILD/mqload"

trap 'stop_server' EXIT
trap 'exit 130' INT TERM

# mqload_run NAME ARGS... : one run of the load generator pinned to CPU 1; prints its JSON line
mqload_run() {
    local name="$1"; shift
    timeout -k 5 300 taskset -c "$CLIENT_CPU" "$LOAD" -p "$PORT" -N "$name" -K "$SERVER_REAL_PID" "$@" \
        2>>"$LOG_DIR/mqload-$name.err"
}

start() {
    local b="$1" cmd="${CMDS[$1]:-}"
    [ -n "$cmd" ] || { echo "unknown broker $b" >&2; exit 1; }
    start_server "$b" "$PORT" "$cmd"
    # the JIT's warmup, and for Python the first allocations: 3 s of small topic messages
    mqload_run warmup -c "/topic/warmup-$RANDOM" -s 100 -S 10 -P 1 -d 3 -w 0 >/dev/null || true
}

if [ "$FANOUT" -gt 0 ]; then
    for b in "${BROKERS[@]}"; do
        start "$b" || exit 1
        sleep 1
        line="$(mqload_run "$b" -F -S "$FANOUT" -c "/topic/fanout" -s 100 -d 120 -x "$ROOT/scripts/mq-heap.sh $SERVER_REAL_PID")" || true
        [ -n "$line" ] || { log "ERROR: mqload -F produced no result for $b"; exit 1; }
        merged="$(json_merge "$line" suite=mq-fanout broker="$b" "server_cmd=${CMDS[$b]}" "date=$(date -u +%FT%TZ)")"
        echo "$merged" >>"$OUT"
        echo "$merged"
        stop_server
    done
    echo "raw: $OUT" >&2
    exec /usr/bin/python3 "$ROOT/scripts/mq-table.py" "$OUT"
fi

IFS=, read -ra SZ <<<"$SIZES"
IFS=, read -ra CS <<<"$CASES"
for round in $(seq "$FIRST" $((FIRST + ROUNDS - 1))); do
    for b in "${BROKERS[@]}"; do
        start "$b" || exit 1
        for c in "${CS[@]}"; do
            for s in "${SZ[@]}"; do
                kill -0 "$SERVER_PID" 2>/dev/null || { log "ERROR: broker $b died"; exit 1; }
                case "$c" in
                    topic) args=(-c "/topic/r$round-$s" -S 10 -P 1) ;;
                    queue) args=(-c "/queue/r$round-$s" -S 10 -P 10) ;;
                    *) echo "unknown case $c" >&2; exit 1 ;;
                esac
                probe="{$(cpu_probe)}"
                line="$(mqload_run "$b" "${args[@]}" -s "$s" -d "$DUR" -w "$WARM")" && rc=0 || rc=$?
                [ -n "$line" ] || { log "ERROR: mqload produced no result (rc $rc)"; continue; }
                merged="$(json_merge "$line" suite=mq case="$c" broker="$b" round="$round" "server_cmd=${CMDS[$b]}" \
                    "date=$(date -u +%FT%TZ)" server_core="$SERVER_CPU" client_core="$CLIENT_CPU" client_rc="$rc" "+=$probe")"
                echo "$merged" >>"$OUT"
                log "$b $c $s B: $(echo "$line" | grep -o '"msgs_per_s":[0-9.]*')"
                sleep 0.5 # the previous run's last bytes leave the broker
            done
        done
        stop_server
    done
done
echo "raw: $OUT" >&2
/usr/bin/python3 "$ROOT/scripts/mq-table.py" "$OUT"
