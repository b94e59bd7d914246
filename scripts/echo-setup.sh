# echo-setup.sh - source it from a script that runs echo servers, with ROOT (this project) and BENCH (the
# harness directory) set: makes BENCH absolute, sets JAR (this project's benchmarks jar, unless JAR is
# given, so that a copy can be measured while the tree is rebuilt), checks that the jar is built, and loads
# ECHO_SERVERS (the harness's echo servers and this project's); require_echoload stops a script that runs
# load when the harness's load generator is not built.
BENCH="$(cd "$BENCH" && pwd)"
JAR="${JAR:-$ROOT/jasyncio-bench/target/benchmarks.jar}"
[ -f "$JAR" ] || { echo "build first: mvn -q package -pl jasyncio-core,jasyncio-bench -am -DskipTests" >&2; exit 1; }
. "$BENCH/lib/servers.sh"
. "$ROOT/scripts/echo-servers.sh"

require_echoload() {
    [ -x "$BENCH/build/echoload" ] || { echo "build the harness first: $BENCH/build.sh" >&2; exit 1; }
}
