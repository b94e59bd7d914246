package io.jasyncio.net;

import static io.jasyncio.net.SocketTransportTest.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.TimerHandle;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bad input and faults (issue 4): peers that reset mid-message, half-close, say nothing, connect and
 * vanish, or flood without reading. Each ends with a clear outcome for its own connection, while a
 * healthy connection keeps its round trips going, and no file descriptor is left behind.
 */
class SocketTransportFaultsTest {

    /**
     * The server of these tests: echoes complete lines; at EOF answers "bye" and closes; aborts a
     * connection idle for {@code idle} seconds, or whose peer has not read for {@code stall} seconds
     * (its writes stay paused). Records one outcome per connection.
     */
    static final class LineServer implements Protocol {
        final SelectorEventLoop loop;
        final double idle;
        final double stall;
        final Map<String, Integer> outcomes;
        final Future<String> done;
        Transport transport;
        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        TimerHandle idleTimer;
        TimerHandle stallTimer;
        String reason;

        LineServer(double idle, double stall, Map<String, Integer> outcomes) {
            this.loop = Aio.getRunningLoop();
            this.idle = idle;
            this.stall = stall;
            this.outcomes = outcomes;
            this.done = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            armIdle();
        }


        private void armIdle() {
            if (idleTimer != null) {
                idleTimer.cancel();
            }
            idleTimer = loop.callLater(idle, () -> giveUp("idle timeout"));
        }

        private void giveUp(String why) {
            reason = why;
            transport.abort();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            armIdle();
            while (data.hasRemaining()) {
                byte b = data.get();
                partial.write(b);
                if (b == '\n') {
                    transport.write(partial.toByteArray());
                    partial.reset();
                }
            }
        }

        @Override
        public boolean eofReceived() {
            reason = partial.size() > 0 ? "eof mid-line" : "eof";
            transport.write("bye\n".getBytes(StandardCharsets.UTF_8));
            return false;
        }

        /** The peer is not reading our echoes: stop reading its input (not idle: we chose to) until it does. */
        @Override
        public void pauseWriting() {
            transport.pauseReading();
            idleTimer.cancel();
            stallTimer = loop.callLater(stall, () -> giveUp("peer not reading"));
        }

        @Override
        public void resumeWriting() {
            stallTimer.cancel();
            armIdle();
            transport.resumeReading();
        }

        @Override
        public void connectionLost(Throwable error) {
            idleTimer.cancel();
            if (stallTimer != null) {
                stallTimer.cancel();
            }
            String outcome = reason != null ? reason
                    : error instanceof SocketException && String.valueOf(error.getMessage()).contains("reset")
                    ? "reset" : error != null ? "error: " + error : "closed";
            outcomes.merge(outcome, 1, Integer::sum);
            done.setResult(outcome);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Round trips on a healthy connection, recording the slowest one. */
    private static Task<Double> healthyClient(SelectorEventLoop loop, int port, int rounds) {
        return Aio.createTask(() -> {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            double slowest = 0;
            for (int i = 0; i < rounds; i++) {
                double t0 = loop.time();
                String line = "ping " + i + "\n";
                long before = c.protocol().count;
                c.transport().write(utf8(line));
                c.protocol().awaitCount(before + line.length());
                slowest = Math.max(slowest, loop.time() - t0);
                Aio.sleep(0.002);
            }
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < rounds; i++) {
                expected.append("ping ").append(i).append('\n');
            }
            assertEquals(expected.toString(), c.protocol().text());
            c.transport().close();
            Aio.await(c.protocol().lost);
            return slowest;
        }, "healthy");
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void eachFaultyPeerGetsItsOwnClearOutcomeWhileOthersCarryOn(SelectorEventLoop loop) throws Exception {
        Map<String, Integer> outcomes = new HashMap<>();
        List<LineServer> servers = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            LineServer s = new LineServer(1.0, 1.0, outcomes);
            servers.add(s);
            return s;
        }, "127.0.0.1", 0)) {
            int port = port(server);
            Task<Double> healthy = healthyClient(loop, port, 150);
            Aio.sleep(0.01);

            // Resets in the middle of a line.
            Connection<RecordingProtocol> reset = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            reset.transport().write(utf8("half a li"));
            Aio.sleep(0.01);
            reset.transport().abort();
            assertEquals("reset", Aio.await(servers.get(1).done));

            // Half-closes: still gets its echo and the server's answer.
            Connection<RecordingProtocol> half = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            half.protocol().keepOpenOnEof = true;
            half.transport().write(utf8("one line\nand a half"));
            half.transport().writeEof();
            Aio.await(half.protocol().eof);
            assertEquals("one line\nbye\n", half.protocol().text());
            assertEquals("eof mid-line", Aio.await(servers.get(2).done));
            half.transport().close();

            // Connects and vanishes.
            Connection<RecordingProtocol> vanish = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            vanish.transport().close();
            String vanished = Aio.await(servers.get(3).done);
            assertTrue(vanished.equals("eof") || vanished.equals("reset"), vanished);

            // Floods without ever reading: the server stops reading, then gives up on it.
            Connection<RecordingProtocol> flood = loop.createConnection(RecordingProtocol::counting, "127.0.0.1", port);
            flood.transport().pauseReading();
            byte[] lines = utf8("flood flood flood flood flood flood flood flood flood flood flood flood\n".repeat(900));
            long flooded = 0;
            while (!servers.get(4).done.done() && !flood.transport().isClosing()) {
                if (!flood.protocol().writingPaused) {
                    flood.transport().write(lines);
                    flooded += lines.length;
                }
                Aio.sleep(0.001);
            }
            assertEquals("peer not reading", Aio.await(servers.get(4).done));
            assertTrue(flooded > 1 << 20, "the flooder got some megabytes in first: " + flooded);
            assertTrue(servers.get(4).transport.getWriteBufferSize() == 0, "the aborted server side dropped its buffer");

            // Says nothing: the idle timeout frees it.
            double t0 = loop.time();
            Connection<RecordingProtocol> silent = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            assertEquals("idle timeout", Aio.await(servers.get(5).done));
            assertTrue(loop.time() - t0 >= 0.95, "not before the idle timeout");
            assertTrue(Aio.await(silent.protocol().lost) instanceof SocketException, "the silent peer sees a reset");

            double slowest = Aio.await(healthy);
            assertTrue(slowest < 1.0, "the healthy connection was never stalled: slowest round trip " + slowest);
            assertEquals("eof", Aio.await(servers.getFirst().done), "the healthy connection ended normally");
            assertEquals(6, outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes::toString);
            for (Connection<RecordingProtocol> c : List.of(reset, half, vanish, flood, silent)) {
                Aio.await(c.protocol().lost);
            }
        }
    }

    /** What the clients of the descriptor test do. */
    private enum Kind { ECHO, RESET_MID_MESSAGE, HALF_CLOSE, SILENT, VANISH, VANISH_WITH_RESET }

    /** Runs one client to its end; every wait is on connectionLost, so a client can never hang. */
    private static void runClient(SelectorEventLoop loop, int port, Kind kind) throws Exception {
        Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        Transport t = c.transport();
        switch (kind) {
            case ECHO -> {
                t.write(utf8("hello\n"));
                c.protocol().awaitCount(6);
                t.close();
            }
            case RESET_MID_MESSAGE -> {
                t.write(utf8("hel"));
                t.abort();
            }
            case HALF_CLOSE -> {
                t.write(utf8("hi\nthere"));
                t.writeEof();
                Aio.await(c.protocol().lost);
                assertEquals(List.of("made", "eof", "lost"), c.protocol().events);
                assertEquals("hi\nbye\n", c.protocol().text());
            }
            case SILENT -> {
                // the server's idle timeout ends it
            }
            case VANISH -> t.close();
            case VANISH_WITH_RESET -> t.abort();
        }
        Aio.await(c.protocol().lost);
    }

    /**
     * 10,000 faulty connections against one server, 64 clients at a time (the silent ones wait for the
     * idle timeout on the side, all together): afterwards every server-side connection has ended with
     * the outcome its client caused, and the process has as many descriptors open as before.
     */
    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void tenThousandFaultyConnectionsLeakNoDescriptor(SelectorEventLoop loop) throws Exception {
        int total = 10_000;
        int workers = 64;
        Map<String, Integer> outcomes = new HashMap<>();
        int[] accepted = {0};
        // Warm up first, so that descriptors the JVM opens once, lazily, are not counted as leaks.
        try (Server warm = loop.createServer(() -> new LineServer(1.0, 1.0, new HashMap<>()), "127.0.0.1", 0)) {
            for (Kind k : Kind.values()) {
                if (k != Kind.SILENT) {
                    runClient(loop, port(warm), k);
                }
            }
        }
        Aio.sleep(0.05);
        int before = FdCount.now();
        List<String> beforeTargets = FdCount.targets();
        Server server = loop.createServer(() -> {
            accepted[0]++;
            return new LineServer(1.0, 1.0, outcomes);
        }, "127.0.0.1", 0, 1024, false);
        int port = port(server);
        int[] next = {0};
        List<String> clientFailures = new ArrayList<>();
        Kind[] kinds = Kind.values();
        double t0 = loop.time();
        Aio.taskGroup(tg -> {
            for (int w = 0; w < workers; w++) {
                tg.createTask(() -> {
                    while (next[0] < total) {
                        int i = next[0]++;
                        Kind kind = kinds[i % kinds.length];
                        io.jasyncio.Coroutine<Void> client = () -> {
                            try {
                                runClient(loop, port, kind);
                            } catch (Exception | AssertionError e) {
                                clientFailures.add(kind + " #" + i + ": " + e
                                        + (e.getCause() != null ? " caused by " + e.getCause() : ""));
                            }
                            return null;
                        };
                        if (kind == Kind.SILENT) {
                            tg.createTask(client);
                        } else {
                            client.call();
                        }
                    }
                    return null;
                });
            }
        });
        server.close();
        server.waitClosed();
        double elapsed = loop.time() - t0;
        Aio.sleep(0.05); // descriptors closed while registered are released by the next select
        int after = FdCount.now();
        assertEquals(List.of(), clientFailures.subList(0, Math.min(5, clientFailures.size())),
                clientFailures.size() + " clients failed; outcomes " + outcomes);
        assertEquals(total, accepted[0]);
        assertEquals(total, outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes::toString);
        int silent = (int) java.util.stream.IntStream.range(0, total).filter(i -> kinds[i % kinds.length] == Kind.SILENT).count();
        assertEquals(silent, outcomes.get("idle timeout"), outcomes::toString);
        List<String> added = FdCount.targets();
        added.removeAll(beforeTargets);
        assertTrue(after <= before, "descriptors before " + before + ", after " + after + ", new: " + added);
        System.out.printf("10,000 faulty connections in %.2f s; outcomes %s; fds %d -> %d%n", elapsed, outcomes, before, after);
    }
}
