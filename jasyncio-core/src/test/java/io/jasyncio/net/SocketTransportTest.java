package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@link SocketTransport} on real loopback TCP and Unix sockets. */
class SocketTransportTest {

    static int port(Server server) throws Exception {
        return ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
    }

    /** Sends 1 MiB of random bytes in writes of random sizes and checks the echo byte for byte. */
    private static void echoRandomBytes(Transport transport, RecordingProtocol client) {
        Random random = new Random(42);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        while (sent.size() < (1 << 20)) {
            byte[] b = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(b);
            sent.write(b, 0, b.length);
            transport.write(b);
        }
        client.awaitCount(sent.size());
        assertArrayEquals(sent.toByteArray(), client.received());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void tcpEchoReturnsTheExactBytes(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            assertInstanceOf(SocketTransport.class, c.transport());
            assertEquals(List.of("made"), c.protocol().events, "connectionMade ran before createConnection returned");
            echoRandomBytes(c.transport(), c.protocol());
            c.transport().close();
            assertNull(Aio.await(c.protocol().lost));
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void unixEchoReturnsTheExactBytes(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("echo.sock");
        try (Server server = loop.createUnixServer(EchoProtocol::new, path)) {
            Connection<RecordingProtocol> c = loop.createUnixConnection(RecordingProtocol::new, path);
            assertEquals(UnixDomainSocketAddress.of(path), c.transport().getExtraInfo("peername"));
            echoRandomBytes(c.transport(), c.protocol());
            c.transport().close();
            assertNull(Aio.await(c.protocol().lost));
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    /**
     * 48 MiB through an echo server that follows flow control, with a client that stops writing when
     * told: both directions pause and resume at the water marks, and nothing is lost or reordered.
     */
    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void bigTransferFollowsTheWaterMarks(SelectorEventLoop loop) throws Exception {
        List<EchoProtocol> servers = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            EchoProtocol p = new EchoProtocol();
            servers.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::counting, "127.0.0.1", port(server));
            RecordingProtocol client = c.protocol();
            long total = 48L << 20;
            int chunk = 256 * 1024;
            long sent = 0;
            int maxBuffered = 0;
            while (sent < total) {
                client.awaitWritable();
                c.transport().write(Pattern.chunk(sent, chunk));
                sent += chunk;
                maxBuffered = Math.max(maxBuffered, c.transport().getWriteBufferSize());
            }
            client.awaitCount(total);
            assertEquals(total, client.count);
            assertTrue(client.pauses >= 1, "the client was paused at least once");
            assertEquals(client.pauses, client.resumes, "every pause was followed by a resume");
            assertTrue(client.maxBufferAtPause > 64 * 1024, "paused above the high-water mark");
            assertTrue(client.maxBufferAtResume <= 16 * 1024, "resumed at or below the low-water mark: "
                    + client.maxBufferAtResume);
            assertTrue(maxBuffered <= 64 * 1024 + chunk, "the writer never buffered more than high + one chunk: "
                    + maxBuffered);
            assertEquals(0, c.transport().getWriteBufferSize());
            c.transport().close();
            Aio.await(client.lost);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void pausedReadingFillsThePeersBuffer(SelectorEventLoop loop) throws Exception {
        List<RecordingProtocol> accepted = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            RecordingProtocol p = RecordingProtocol.counting();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            while (accepted.isEmpty()) {
                Aio.sleep(0.001);
            }
            RecordingProtocol peer = accepted.getFirst();
            Aio.await(peer.made);
            peer.transport.pauseReading();
            long sent = 0;
            while (!c.protocol().writingPaused) {
                c.transport().write(Pattern.chunk(sent, 64 * 1024));
                sent += 64 * 1024;
                Aio.sleep(0);
            }
            int buffered = c.transport().getWriteBufferSize();
            assertTrue(buffered > 64 * 1024, "our buffer is above the high-water mark: " + buffered);
            Aio.sleep(0.05);
            assertEquals(buffered, c.transport().getWriteBufferSize(), "nothing moves while the peer does not read");
            assertEquals(0, peer.count);
            peer.transport.resumeReading();
            peer.awaitCount(sent);
            c.protocol().awaitWritable();
            assertEquals(1, c.protocol().resumes);
            c.transport().close();
            Aio.await(peer.lost);
        }
    }

    /** A buffered protocol that records where the bytes went. */
    static final class Collector implements BufferedProtocol {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final List<Integer> hints = new ArrayList<>();
        int updates;
        final Future<Void> lost = Aio.getRunningLoop().createFuture();
        boolean empty;

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            hints.add(sizeHint);
            return empty ? ByteBuffer.allocate(0) : buffer.clear();
        }

        @Override
        public void bufferUpdated(int nbytes) {
            updates++;
            assertEquals(nbytes, buffer.position(), "the bytes were read straight into our buffer");
            buffer.flip();
            byte[] b = new byte[nbytes];
            buffer.get(b);
            got.write(b, 0, nbytes);
        }

        @Override
        public void connectionLost(Throwable error) {
            lost.setResult(null);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void bufferedProtocolReceivesIntoItsOwnBuffer(SelectorEventLoop loop) throws Exception {
        List<Collector> collectors = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            Collector col = new Collector();
            collectors.add(col);
            return col;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            byte[] data = Pattern.chunk(0, 100_000).array();
            c.transport().write(data);
            c.transport().close();
            while (collectors.isEmpty()) {
                Aio.sleep(0.001);
            }
            Collector col = collectors.getFirst();
            Aio.await(col.lost);
            assertArrayEquals(data, col.got.toByteArray());
            assertTrue(col.updates >= 100_000 / 4096, "the 4 KiB buffer was filled many times: " + col.updates);
            assertTrue(col.hints.stream().allMatch(h -> h == -1));
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void theProtocolCanBeSwitchedToABufferedOneMidStream(SelectorEventLoop loop) throws Exception {
        List<RecordingProtocol> accepted = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            RecordingProtocol p = new RecordingProtocol();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            c.transport().write("first".getBytes(StandardCharsets.UTF_8));
            while (accepted.isEmpty() || accepted.getFirst().count < 5) {
                Aio.sleep(0.001);
            }
            RecordingProtocol first = accepted.getFirst();
            Collector second = new Collector();
            first.transport.setProtocol(second);
            assertSame(second, first.transport.getProtocol());
            c.transport().write("second".getBytes(StandardCharsets.UTF_8));
            c.transport().close();
            Aio.await(second.lost);
            assertEquals("first", first.text());
            assertEquals("second", second.got.toString(StandardCharsets.UTF_8));
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aFailingProtocolLosesItsConnectionOnly(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        List<RecordingProtocol> accepted = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            RecordingProtocol p = new RecordingProtocol();
            p.onData = data -> {
                if (data.get(0) == 'X') {
                    throw new IllegalStateException("bad input");
                }
            };
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> bad = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            Connection<RecordingProtocol> good = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            while (accepted.size() < 2) {
                Aio.sleep(0.001);
            }
            bad.transport().write("X".getBytes(StandardCharsets.UTF_8));
            Throwable error = Aio.await(accepted.get(0).lost);
            assertInstanceOf(IllegalStateException.class, error);
            assertEquals(1, reports.size());
            assertEquals("Fatal error: protocol.dataReceived() call failed.", reports.getFirst().message());
            Aio.await(bad.protocol().eof);
            // The other connection carries on.
            good.transport().write("fine".getBytes(StandardCharsets.UTF_8));
            accepted.get(1).awaitCount(4);
            assertEquals("fine", accepted.get(1).text());
            assertFalse(accepted.get(1).transport.isClosing());
            good.transport().close();
            Aio.await(accepted.get(1).lost);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void anEmptyBufferFromGetBufferIsAClearError(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        List<Collector> collectors = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            Collector col = new Collector();
            col.empty = true;
            collectors.add(col);
            return col;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            c.transport().write(new byte[] {1});
            while (collectors.isEmpty()) {
                Aio.sleep(0.001);
            }
            Aio.await(collectors.getFirst().lost);
            assertEquals("Fatal error: protocol.getBuffer() call failed.", reports.getFirst().message());
            assertTrue(reports.getFirst().exception().getMessage().contains("empty buffer"));
            Aio.await(c.protocol().lost);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aFailingConnectionMadeFailsCreateConnection(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.createConnection(() -> new Protocol() {
                        @Override
                        public void connectionMade(Transport transport) {
                            throw new IllegalStateException("no thanks");
                        }
                    }, "127.0.0.1", port(server)));
            assertEquals("no thanks", e.getMessage());
            assertEquals(1, reports.size());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void writesAfterTheConnectionIsLostAreDropped(SelectorEventLoop loop) throws Exception {
        List<RecordingProtocol> accepted = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            RecordingProtocol p = new RecordingProtocol();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            while (accepted.isEmpty()) {
                Aio.sleep(0.001);
            }
            accepted.getFirst().transport.abort();
            Throwable error = Aio.await(c.protocol().lost);
            assertInstanceOf(java.io.IOException.class, error, "a reset is an error for the peer");
            c.transport().write(new byte[] {1, 2, 3}); // neither raises nor buffers
            assertEquals(0, c.transport().getWriteBufferSize());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void extraInfoGivesBothAddressesAndTheChannel(SelectorEventLoop loop) throws Exception {
        List<RecordingProtocol> accepted = new ArrayList<>();
        try (Server server = loop.createServer(() -> {
            RecordingProtocol p = new RecordingProtocol();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            while (accepted.isEmpty()) {
                Aio.sleep(0.001);
            }
            Aio.await(accepted.getFirst().made);
            Transport s = accepted.getFirst().transport;
            assertEquals(c.transport().getExtraInfo("sockname"), s.getExtraInfo("peername"));
            assertEquals(c.transport().getExtraInfo("peername"), s.getExtraInfo("sockname"));
            assertEquals(new InetSocketAddress("127.0.0.1", port(server)), c.transport().getExtraInfo("peername"));
            SocketChannel ch = (SocketChannel) c.transport().getExtraInfo("socket");
            assertTrue(ch.isOpen());
            assertTrue(c.transport().toString().contains("read=polling"), c.transport().toString());
            c.transport().close();
            Aio.await(c.protocol().lost);
            assertFalse(ch.isOpen());
            Aio.await(accepted.getFirst().lost);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void laterWritesOfAnIterationAreHeldAndSentTogetherOnTheNext(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            Transport t = c.transport();
            Aio.sleep(0);
            byte[] a = "first ".getBytes(StandardCharsets.US_ASCII);
            byte[] b = "second ".getBytes(StandardCharsets.US_ASCII);
            byte[] d = "fourth".getBytes(StandardCharsets.US_ASCII);
            long iteration = loop.iterations();
            t.write(a);
            assertEquals(0, t.getWriteBufferSize(), "the iteration's first write goes to the socket at once");
            t.write(b);
            t.writelines(List.of(ByteBuffer.wrap("third ".getBytes(StandardCharsets.US_ASCII))));
            assertEquals(b.length + 6, t.getWriteBufferSize(), "later writes of the same iteration are held");
            assertEquals(iteration, loop.iterations());
            Aio.sleep(0);
            assertEquals(0, t.getWriteBufferSize(), "sent at the start of the next iteration");
            Aio.sleep(0); // that flush was this iteration's write to the socket; the next one is free
            t.writelines(List.of(ByteBuffer.wrap("<".getBytes(StandardCharsets.US_ASCII)), ByteBuffer.wrap(d)));
            assertEquals(0, t.getWriteBufferSize(), "writelines goes out in one gathering write");
            t.write(b);
            assertEquals(b.length, t.getWriteBufferSize());
            c.protocol().awaitCount(6 + 7 + 6 + 1 + 6 + 7);
            assertEquals("first second third <fourthsecond ", new String(c.protocol().received(), StandardCharsets.US_ASCII));
            t.close();
            Aio.await(c.protocol().lost);
        }
    }

    @AioTest
    void writelinesWithEmptyBuffersOrNoneSendsExactlyTheRest(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            Transport t = c.transport();
            Aio.sleep(0);
            t.writelines(List.of());
            t.writelines(List.of(ByteBuffer.wrap("ab".getBytes(StandardCharsets.US_ASCII)), ByteBuffer.allocate(0)));
            assertEquals(0, t.getWriteBufferSize(), "everything went in the iteration's first write");
            Aio.sleep(0);
            Aio.sleep(0);
            t.writelines(List.of(ByteBuffer.allocate(0), ByteBuffer.wrap("cd".getBytes(StandardCharsets.US_ASCII))));
            c.protocol().awaitCount(4);
            assertEquals("abcd", new String(c.protocol().received(), StandardCharsets.US_ASCII));
            t.close();
            Aio.await(c.protocol().lost);
        }
    }
}
