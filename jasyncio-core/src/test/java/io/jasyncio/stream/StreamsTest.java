package io.jasyncio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Server;
import io.jasyncio.net.ssl.SslOptions;
import io.jasyncio.net.ssl.SslTransport;
import io.jasyncio.net.ssl.TestPki;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** openConnection, startServer and their Unix and TLS variants, on real sockets. */
class StreamsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The book's echo server: lines in, the same lines upper-cased out, until EOF. */
    static final ClientConnectedCallback UPPER = (reader, writer) -> {
        try (writer) {
            for (byte[] line : reader) {
                writer.write(s(line).toUpperCase().getBytes(StandardCharsets.UTF_8));
                writer.drain();
            }
        }
    };

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void anEchoServerAndItsClientsOverTcp(SelectorEventLoop loop) throws Exception {
        try (Server server = Streams.startServer(UPPER, "127.0.0.1", 0)) {
            int port = port(server);
            List<Task<String>> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                clients.add(Aio.createTask(() -> {
                    StreamPair c = Streams.openConnection("127.0.0.1", port);
                    c.writer().write(b("hello " + n + "\n"));
                    String first = s(c.reader().readline());
                    c.writer().write(b("bye\n"));
                    c.writer().writeEof();
                    String rest = s(c.reader().read());
                    c.writer().close();
                    c.writer().waitClosed();
                    return first + rest;
                }));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("HELLO " + i + "\nBYE\n", Aio.await(clients.get(i)));
            }
            assertEquals("127.0.0.1", ((InetSocketAddress) Streams.openConnection("127.0.0.1", port).writer()
                    .getExtraInfo("peername")).getHostString());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void megabytesBothWaysWithDrain(SelectorEventLoop loop) throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        try (Server server = Streams.startServer((reader, writer) -> {
            while (true) {
                byte[] block = reader.read(65536);
                if (block.length == 0) {
                    break;
                }
                writer.write(block);
                writer.drain();
            }
            writer.close();
        }, "127.0.0.1", 0)) {
            StreamPair c = Streams.openConnection("127.0.0.1", port(server));
            Task<Void> send = Aio.createTask(() -> {
                for (int off = 0; off < payload.length; off += 100_000) {
                    c.writer().write(java.nio.ByteBuffer.wrap(payload, off, Math.min(100_000, payload.length - off)));
                    c.writer().drain();
                }
                c.writer().writeEof();
            });
            byte[] back = c.reader().read();
            Aio.await(send);
            assertTrue(java.util.Arrays.equals(payload, back));
            c.writer().close();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void aRefusedConnectionRaises(SelectorEventLoop loop) throws Exception {
        int port;
        try (Server server = Streams.startServer(UPPER, "127.0.0.1", 0)) {
            port = port(server);
        }
        assertThrows(ConnectException.class, () -> Streams.openConnection("127.0.0.1", port));
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void theReaderLimitIsPassedOn(SelectorEventLoop loop) throws Exception {
        try (Server server = Streams.startServer((reader, writer) -> {
            try {
                reader.readline();
            } catch (IllegalArgumentException tooLong) {
                writer.write(b("too long: " + tooLong.getMessage() + "\n"));
            }
            writer.close();
        }, "127.0.0.1", 0, 8, null)) {
            StreamPair c = Streams.openConnection("127.0.0.1", port(server));
            c.writer().write(b("0123456789abcdef\n"));
            assertEquals("too long: Separator is found, but chunk is longer than limit\n", s(c.reader().readline()));
            assertEquals(16, Streams.openConnection("127.0.0.1", port(server), 16, null).reader().limit());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void unixSockets(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("echo.sock");
        try (Server server = Streams.startUnixServer(UPPER, path)) {
            StreamPair c = Streams.openUnixConnection(path);
            c.writer().write(b("over unix\n"));
            assertEquals("OVER UNIX\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
        Files.deleteIfExists(path);
        Files.delete(dir);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void tlsStreamsOverTcp(SelectorEventLoop loop) throws Exception {
        TestPki pki = TestPki.get();
        try (Server server = Streams.startServer(UPPER, "127.0.0.1", 0, StreamReader.DEFAULT_LIMIT,
                SslOptions.of(pki.serverContext()))) {
            StreamPair c = Streams.openConnection("127.0.0.1", port(server), StreamReader.DEFAULT_LIMIT,
                    SslOptions.of(pki.clientContext()).withServerHostname("localhost"));
            assertInstanceOf(SslTransport.class, c.writer().transport());
            c.writer().write(b("secret\n"));
            assertEquals("SECRET\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void tlsStreamsOverUnixSockets(SelectorEventLoop loop) throws Exception {
        TestPki pki = TestPki.get();
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("tls.sock");
        try (Server server = Streams.startUnixServer(UPPER, path, StreamReader.DEFAULT_LIMIT,
                SslOptions.of(pki.serverContext()))) {
            StreamPair c = Streams.openUnixConnection(path, StreamReader.DEFAULT_LIMIT,
                    SslOptions.of(pki.clientContext()).withServerHostname("localhost"));
            c.writer().write(b("unix and tls\n"));
            assertEquals("UNIX AND TLS\n", s(c.reader().readline()));
            c.writer().close();
        }
        Files.deleteIfExists(path);
        Files.delete(dir);
    }
}
