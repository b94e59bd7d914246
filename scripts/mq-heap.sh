#!/usr/bin/env bash
# mq-heap.sh PID [LABEL] - one JSON object on stdout: the resident set of process PID and, if it is a JVM,
# its heap in use right after a full GC (jcmd GC.run, then GC.heap_info, with the jcmd of the JVM's own
# JDK). scripts/mqload.c -F runs it (-x) before connecting its subscribers and with all of them connected.
set -u
pid="$1"
rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
exe="$(readlink "/proc/$pid/exe" 2>/dev/null)"
heap=""
if [ "$(basename "$exe")" = java ] && [ -x "$(dirname "$exe")/jcmd" ]; then
    jcmd="$(dirname "$exe")/jcmd"
    "$jcmd" "$pid" GC.run >/dev/null 2>&1
    # SerialGC prints "DefNew total 157248K, used 2797K [...]" and "Tenured total ..., used ...K"
    heap="$("$jcmd" "$pid" GC.heap_info 2>/dev/null | grep 'total [0-9]*K, used' | grep -o 'used [0-9]*K' | awk '{s += $2 + 0} END {print s}')"
fi
printf '{"rss_kib":%s' "${rss:-null}"
[ -z "$heap" ] || printf ',"heap_used_kib":%s' "$heap"
printf '}\n'
