#!/usr/bin/env bash
# bench-net-echo.sh - the protocol and streams echo servers (io.jasyncio.bench.EchoProtocolServer,
# EchoStreamServer) side by side
# with the harness's reference servers, interleaved round by round so that machine noise is spread
# over all of them; then a table of medians (docs/net-benchmarks.md explains the columns).
#
#   scripts/bench-net-echo.sh [-b BENCH_DIR] [-r ROUNDS] [-R FIRST_ROUND] [-s SIZES] [-c CONNS] [-d SECS]
#                             [-o OUT.jsonl] [-S] [SERVER...]
#
# SERVER: this project's jasyncio-proto (Protocol), jasyncio-streams (readChunk: the loop's pooled
# direct buffers), jasyncio-streams-direct (readInto a direct ByteBuffer per connection),
# jasyncio-streams-into (readInto a byte[]), jasyncio-streams-read (read(n): a new byte[] per read),
# jasyncio-streams-1k (readExactly(1024) per round), nio-per-conn (plain NIO with a buffer per
# connection, a reference point), and any echo name of BENCH_DIR/lib/servers.sh (default: all but
# jasyncio-streams-1k, then java-nio nio-per-conn netty-nio uvloop-proto asyncio-proto). BENCH_DIR
# defaults to ../shared/bench and must be built (its build.sh). Raw JSON lines are appended to OUT
# (default BENCH_DIR/results/net-echo-DATE.jsonl), so rounds can be added later with -o/-R;
# -S only prints the table of OUT. The servers run in turn, round r starting with the
# ((r-1) mod n)-th of them. Build the jar first:
#   mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/../shared/bench"; ROUNDS=3; FIRST=1; SIZES=1024,10240,102400; CONNS=10,100; DUR=5; OUT=""; ONLY_SUMMARY=0
while getopts "b:r:R:s:c:d:o:S" o; do
    case "$o" in
        b) BENCH="$OPTARG" ;; r) ROUNDS="$OPTARG" ;; R) FIRST="$OPTARG" ;; s) SIZES="$OPTARG" ;; c) CONNS="$OPTARG" ;;
        d) DUR="$OPTARG" ;; o) OUT="$OPTARG" ;; S) ONLY_SUMMARY=1 ;;
        *) sed -n '2,20p' "$0" >&2; exit 1 ;;
    esac
done
shift $((OPTIND - 1))
SERVERS=("$@"); [ ${#SERVERS[@]} -gt 0 ] || SERVERS=(jasyncio-proto jasyncio-streams jasyncio-streams-direct jasyncio-streams-into jasyncio-streams-read java-nio nio-per-conn netty-nio uvloop-proto asyncio-proto)
. "$ROOT/scripts/echo-setup.sh"
[ -n "$OUT" ] || OUT="$BENCH/results/net-echo-$(date +%F-%H%M).jsonl"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
[ "$ONLY_SUMMARY" = 1 ] || for round in $(seq "$FIRST" $((FIRST + ROUNDS - 1))); do
    # Round r starts with the ((r - 1) mod n)-th server, so that no server always runs first or last.
    k=$(( (round - 1) % ${#SERVERS[@]} ))
    for s in "${SERVERS[@]:k}" "${SERVERS[@]:0:k}"; do
        cmd="${ECHO_SERVERS[$s]:-}"
        [ -n "$cmd" ] || { echo "unknown server $s" >&2; exit 1; }
        "$BENCH/run-echo.sh" -n "$s" -t round="$round" -s "$SIZES" -c "$CONNS" -d "$DUR" -w 1 -W 3 -o "$OUT" "$cmd" >/dev/null
    done
done
echo "raw: $OUT" >&2
/usr/bin/python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
order = []
for r in rows:
    if r["server"] not in order:
        order.append(r["server"])
print("| size × conns | server | n | req/s median (min–max) | srv proc µs/req | srv core µs/req | p99 µs | probe ns cpu0/1 |")
print("|---|---|---|---|---|---|---|---|")
for size in sorted({r["size"] for r in rows}):
    for conns in sorted({r["conns"] for r in rows}):
        for s in order:
            g = [r for r in rows if r["server"] == s and r["size"] == size and r["conns"] == conns]
            if not g:
                continue
            med = lambda k: statistics.median(x[k] for x in g)
            rps = [x["rps"] for x in g]
            proc = statistics.median(x["server_cpu_pct"] * 1e4 / x["rps"] for x in g)
            core = statistics.median(x["server_core_busy_pct"] * 1e4 / x["rps"] for x in g)
            print(f"| {size // 1024} KiB × {conns} | {s} | {len(g)} | {statistics.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) "
                  f"| {proc:.1f} | {core:.1f} | {med('lat_p99_us'):,.0f} | {med('probe_ns_cpu0'):.1f}/{med('probe_ns_cpu1'):.1f} |")
PY
