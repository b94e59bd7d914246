#!/usr/bin/env bash
# echo-sched.sh - the scheduling side of an echo server's kernel time: the server pinned to CPU 0, the
# harness's echoload on CPU 1, and over 5 s of load `perf stat` counts, per echoed message (at the load's
# mean rate), how often the load generator's thread was switched out, which on its own core means it went to
# sleep (each sleep is a wake-up some later server write pays for), and how many messages each of the
# server's epoll_wait calls served; /proc gives the server's user and system time over the same 5 s.
#
#   scripts/echo-sched.sh [-b BENCH_DIR] [-s SIZE] [-c CONNS] [-r REPEATS] SERVER...
#
# SERVER: a name of scripts/echo-servers.sh or of BENCH_DIR/lib/servers.sh, or NAME=COMMAND with {port}.
# Defaults: 10240 bytes, 100 connections, 1 repeat; servers alternate within each repeat. One line per run:
# CPU µs per message (server core, as the harness counts it), user-space share of the server process's
# time, client sleeps per message, messages per server epoll_wait. Single runs vary by ±15% here: repeat.
# Needs perf (linux-perf) and root; build the jar first: mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/../shared/bench"; SIZE=10240; CONNS=100; REPEATS=1
while getopts "b:s:c:r:" o; do
    case "$o" in
        b) BENCH="$OPTARG" ;; s) SIZE="$OPTARG" ;; c) CONNS="$OPTARG" ;; r) REPEATS="$OPTARG" ;;
        *) sed -n '2,14p' "$0" >&2; exit 1 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,14p' "$0" >&2; exit 1; }
. "$ROOT/scripts/echo-setup.sh"
require_echoload
command -v perf >/dev/null || { echo "perf is missing: apt-get install -y linux-perf" >&2; exit 1; }
PORT=25411
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

ticks() { awk '{print $14, $15}' "/proc/$1/stat"; }

run_one() { # NAME COMMAND
    local name="$1" cmd="${2//\{port\}/$PORT}" spid lpid ppid t0 t1
    eval "taskset -c 0 $cmd" >"$TMP/server.log" 2>&1 &
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
    spid="$(pgrep -f -- "$PORT" | head -1)"
    taskset -c 1 "$BENCH/build/echoload" -p "$PORT" -c "$CONNS" -s "$SIZE" -d 2 -w 3 >/dev/null 2>&1 # JIT warm-up
    taskset -c 1 "$BENCH/build/echoload" -p "$PORT" -c "$CONNS" -s "$SIZE" -d 8 -w 1 -P "$spid" >"$TMP/load.json" 2>/dev/null &
    lpid=$!
    sleep 1.5
    t0="$(ticks "$spid")"
    perf stat -x, -p "$spid" -e syscalls:sys_enter_epoll_wait -- sleep 5 2>"$TMP/srv.perf" &
    ppid=$!
    perf stat -x, -p "$lpid" -e sched:sched_switch -- sleep 5 2>"$TMP/cli.perf"
    wait "$ppid" || true
    t1="$(ticks "$spid")"
    wait "$lpid" || true
    pkill -f -- "$PORT" || true; sleep 1; pkill -9 -f -- "$PORT" 2>/dev/null || true
    /usr/bin/python3 - "$name" "$TMP" "$t0" "$t1" <<'PY'
import json, sys
name, tmp, t0, t1 = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
load = json.loads(next(l for l in open(f"{tmp}/load.json") if l.startswith("{")))
count = lambda f: int(open(f).read().split(",")[0])
msgs = load["rps"] * 5
user, system = int(t1[0]) - int(t0[0]), int(t1[1]) - int(t0[1])
print(f"{name:28s} {load['rps']:9.0f} req/s  core {load['cpu_busy_pct'][0] * 1e4 / load['rps']:5.2f} µs/msg"
      f"  user share {user / max(1, user + system):.3f}  client sleeps/msg {count(f'{tmp}/cli.perf') / msgs:.4f}"
      f"  msgs/server epoll_wait {msgs / max(1, count(f'{tmp}/srv.perf')):5.1f}  steal {load['cpu_steal_pct']}")
PY
}

for r in $(seq 1 "$REPEATS"); do
    for s in "$@"; do
        if [[ "$s" == *=* ]]; then run_one "${s%%=*}" "${s#*=}"; else
            [ -n "${ECHO_SERVERS[$s]:-}" ] || { echo "unknown server $s" >&2; exit 1; }
            run_one "$s" "${ECHO_SERVERS[$s]}"
        fi
    done
done
