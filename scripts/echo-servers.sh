# echo-servers.sh - source it after BENCH_DIR/lib/servers.sh, with BENCH (the harness directory) and JAR
# (this project's benchmarks jar) set: adds this project's echo servers to ECHO_SERVERS (see
# scripts/bench-net-echo.sh for what each one is).
# jrun.sh adds --enable-native-access=ALL-UNNAMED on JDK 24+; with the sun.nio.ch export, socket transports
# read and write through libc (io.jasyncio.internal.SocketIo); the -channel servers keep SocketChannel's calls.
_JX="$BENCH/lib/jrun.sh 25 --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED -cp $JAR"
ECHO_SERVERS[jasyncio-proto]="$_JX io.jasyncio.bench.EchoProtocolServer {port}"
ECHO_SERVERS[jasyncio-streams]="$_JX io.jasyncio.bench.EchoStreamServer {port} chunk 262144"
ECHO_SERVERS[jasyncio-proto-channel]="$_JX -Djasyncio.io=channel io.jasyncio.bench.EchoProtocolServer {port}"
ECHO_SERVERS[jasyncio-streams-channel]="$_JX -Djasyncio.io=channel io.jasyncio.bench.EchoStreamServer {port} chunk 262144"
ECHO_SERVERS[jasyncio-streams-direct]="$_JX io.jasyncio.bench.EchoStreamServer {port} direct 262144"
ECHO_SERVERS[jasyncio-streams-into]="$_JX io.jasyncio.bench.EchoStreamServer {port} into 262144"
ECHO_SERVERS[jasyncio-streams-1k]="$_JX io.jasyncio.bench.EchoStreamServer {port} exactly 1024"
ECHO_SERVERS[jasyncio-streams-read]="$_JX io.jasyncio.bench.EchoStreamServer {port} read 262144"
ECHO_SERVERS[nio-per-conn]="$BENCH/lib/jrun.sh 25 -cp $JAR io.jasyncio.bench.NioPerConnectionEchoServer {port}"
