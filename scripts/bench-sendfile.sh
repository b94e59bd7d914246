#!/usr/bin/env bash
# bench-sendfile.sh [-s MiB] [-r ROUNDS] [-n REPEATS] - sending a file over loopback TCP: jasyncio's
# loop.sendfile (sendfile(2)) and a Java write loop, against CPython asyncio's and uvloop's
# loop.sendfile and write+drain loops. The sender runs on CPU 0, a sink that discards (socat to
# /dev/null, one connection at a time) on CPU 1. Each line: GB/s and the sender's CPU seconds per GiB.
# Build first: mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
MIB=1024; ROUNDS=4; REPEATS=3
while getopts "s:r:n:" o; do
    case "$o" in s) MIB="$OPTARG" ;; r) ROUNDS="$OPTARG" ;; n) REPEATS="$OPTARG" ;; *) sed -n '2,6p' "$0" >&2; exit 1 ;; esac
done
JAR="$ROOT/jasyncio-bench/target/benchmarks.jar"
[ -f "$JAR" ] || { echo "build first: mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests" >&2; exit 1; }
command -v socat >/dev/null || { echo "socat is needed for the sink (apt-get install socat)" >&2; exit 1; }
/usr/bin/python3 -c 'import uvloop' 2>/dev/null || { echo "python3-uvloop is needed (apt-get install python3-uvloop)" >&2; exit 1; }
FILE="$(mktemp /tmp/sendfile-XXXXXX.bin)"
PORT=25300
trap 'rm -f "$FILE"; kill $SINK 2>/dev/null || true' EXIT
head -c "$((MIB * 1024 * 1024))" /dev/urandom > "$FILE"
cat "$FILE" > /dev/null   # in the page cache before anything is measured
taskset -c 1 socat -u -b 1048576 TCP-LISTEN:$PORT,bind=127.0.0.1,reuseaddr,fork,rcvbuf=4194304 OPEN:/dev/null &
SINK=$!
sleep 0.5
J=(taskset -c 0 "$JAVA_HOME/bin/java" -Xms256m -Xmx256m -XX:+UseSerialGC --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -cp "$JAR" io.jasyncio.bench.SendfileProbe)
P=(taskset -c 0 /usr/bin/python3 "$ROOT/bench/py/sendfile_probe.py")
for n in $(seq 1 "$REPEATS"); do
    "${J[@]}" $PORT "$FILE" sendfile "$ROUNDS"
    "${J[@]}" $PORT "$FILE" write "$ROUNDS"
    "${P[@]}" $PORT "$FILE" sendfile "$ROUNDS" --loop uvloop
    "${P[@]}" $PORT "$FILE" write "$ROUNDS" --loop uvloop
    "${P[@]}" $PORT "$FILE" sendfile "$ROUNDS" --loop asyncio
    "${P[@]}" $PORT "$FILE" write "$ROUNDS" --loop asyncio
done
