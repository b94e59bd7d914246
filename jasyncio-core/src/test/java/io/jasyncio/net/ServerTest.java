package io.jasyncio.net;

import static io.jasyncio.net.SocketTransportTest.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link Server}: serving, closing, waiting, on real sockets. */
class ServerTest {

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void serveForeverRunsUntilCancelledThenClosesAndWaitsForConnections(SelectorEventLoop loop) throws Exception {
        Expect ex = new Expect();
        List<RecordingProtocol> accepted = new ArrayList<>();
        Server server = loop.createServer(() -> {
            RecordingProtocol p = new RecordingProtocol();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0, 100, false);
        int port = port(server);
        Task<Void> serving = Aio.createTask(() -> {
            ex.expect(1);
            try {
                server.serveForever();
            } catch (CancelledError e) {
                ex.expect(4);
                throw e;
            }
        });
        Aio.sleep(0);
        assertTrue(server.isServing());
        assertThrows(IllegalStateException.class, server::serveForever, "only one task may serve forever");
        Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        while (accepted.isEmpty()) {
            Aio.sleep(0.001);
        }
        ex.expect(2);
        serving.cancel();
        Aio.sleep(0.02);
        assertFalse(server.isServing());
        assertTrue(server.sockets().isEmpty());
        assertFalse(serving.done(), "serveForever waits for the accepted connection to go");
        assertEquals(1, server.activeConnections());
        ex.expect(3);
        c.transport().close();
        assertThrows(CancelledError.class, () -> Aio.await(serving));
        ex.finish(5);
        assertTrue(serving.cancelled());
        assertEquals(0, server.activeConnections());
        server.waitClosed(); // already closed and empty: returns at once
        assertThrows(IllegalStateException.class, server::serveForever);
        assertThrows(IllegalStateException.class, server::startServing);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void closeStopsAcceptingAndWaitClosedWaitsForTheClients(SelectorEventLoop loop) throws Exception {
        Server server = loop.createServer(RecordingProtocol::new, "127.0.0.1", 0);
        int port = port(server);
        Connection<RecordingProtocol> c1 = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        Connection<RecordingProtocol> c2 = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        while (server.activeConnections() < 2) {
            Aio.sleep(0.001);
        }
        server.close();
        server.close(); // idempotent
        assertFalse(server.isServing());
        assertThrows(ConnectException.class, () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", port));
        Task<Void> waiter = Aio.createTask(server::waitClosed);
        Aio.sleep(0.02);
        assertFalse(waiter.done(), "two connections are still open");
        c1.transport().write("still works".getBytes(StandardCharsets.UTF_8));
        server.closeClients();
        Aio.await(waiter);
        Aio.await(c1.protocol().lost);
        assertEquals(List.of("made", "eof", "lost"), c1.protocol().events);
        Aio.await(c2.protocol().lost);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void abortClientsResetsTheConnections(SelectorEventLoop loop) throws Exception {
        Server server = loop.createServer(RecordingProtocol::new, "127.0.0.1", 0);
        Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
        while (server.activeConnections() < 1) {
            Aio.sleep(0.001);
        }
        server.close();
        server.abortClients();
        server.waitClosed();
        assertTrue(Aio.await(c.protocol().lost) instanceof java.io.IOException);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aServerCreatedNotServingQueuesConnectionsUntilStartServing(SelectorEventLoop loop) throws Exception {
        List<RecordingProtocol> accepted = new ArrayList<>();
        Server server = Connections.createServer(loop, () -> {
            RecordingProtocol p = new RecordingProtocol();
            accepted.add(p);
            return p;
        }, "127.0.0.1", 0, 10, false, false);
        try (server) {
            assertFalse(server.isServing());
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            c.transport().write("queued".getBytes(StandardCharsets.UTF_8));
            Aio.sleep(0.02);
            assertTrue(accepted.isEmpty(), "the kernel holds the connection until we serve");
            server.startServing();
            server.startServing(); // idempotent
            assertTrue(server.isServing());
            while (accepted.isEmpty()) {
                Aio.sleep(0.001);
            }
            accepted.getFirst().awaitCount(6);
            assertEquals("queued", accepted.getFirst().text());
            c.transport().close();
        }
        server.waitClosed();
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aNullHostListensOnAllInterfacesOnAnEphemeralPort(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, null, 0)) {
            int port = port(server);
            assertTrue(port > 0);
            Connection<RecordingProtocol> v4 = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            v4.transport().write("v4".getBytes(StandardCharsets.UTF_8));
            v4.protocol().awaitCount(2);
            v4.transport().close();
            if (hasIpv6Loopback()) {
                Connection<RecordingProtocol> v6 = loop.createConnection(RecordingProtocol::new, "::1", port);
                v6.transport().write("v6".getBytes(StandardCharsets.UTF_8));
                v6.protocol().awaitCount(2);
                v6.transport().close();
            }
        }
    }

    private static boolean hasIpv6Loopback() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            return lo != null && lo.inetAddresses().anyMatch(a -> a instanceof Inet6Address);
        } catch (Exception e) {
            return false;
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aTakenPortIsABindErrorNamingTheAddressUnlessReusePort(SelectorEventLoop loop) throws Exception {
        try (Server first = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            int port = port(first);
            BindException e = assertThrows(BindException.class,
                    () -> loop.createServer(EchoProtocol::new, "127.0.0.1", port));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
        try (Server a = loop.createServer(EchoProtocol::new, "127.0.0.1", 0, 100, true);
             Server b = loop.createServer(EchoProtocol::new, "127.0.0.1", port(a), 100, true)) {
            assertEquals(port(a), port(b), "SO_REUSEPORT lets two servers share the port");
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aUnixServerReplacesAStaleSocketAndRemovesItsFile(SelectorEventLoop loop) throws Exception {
        Path dir = Files.createTempDirectory("jasyncio-unix");
        Path path = dir.resolve("s.sock");
        try {
            // A stale socket file, as a crashed server leaves it.
            try (var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                stale.bind(java.net.UnixDomainSocketAddress.of(path));
            }
            assertTrue(Files.exists(path));
            Server server = loop.createUnixServer(EchoProtocol::new, path);
            Connection<RecordingProtocol> c = loop.createUnixConnection(RecordingProtocol::new, path);
            c.transport().write("x".getBytes(StandardCharsets.UTF_8));
            c.protocol().awaitCount(1);
            c.transport().close();
            server.close();
            assertFalse(Files.exists(path), "closing the server removes its socket file");
            server.waitClosed();
            // Any other file at the path is not ours to remove.
            Files.writeString(path, "not a socket");
            assertThrows(BindException.class, () -> loop.createUnixServer(EchoProtocol::new, path));
            assertEquals("not a socket", Files.readString(path));
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aFailingFactoryDropsThatConnectionAndKeepsServing(SelectorEventLoop loop) throws Exception {
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
        int[] calls = {0};
        try (Server server = loop.createServer(() -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("factory failed");
            }
            return new EchoProtocol();
        }, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> first = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            Aio.await(first.protocol().lost);
            assertEquals("Error on transport creation for incoming connection", reports.getFirst().message());
            Connection<RecordingProtocol> second = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            second.transport().write("ok".getBytes(StandardCharsets.UTF_8));
            second.protocol().awaitCount(2);
            second.transport().close();
            assertTrue(server.isServing());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void tryWithResourcesClosesTheServer(SelectorEventLoop loop) throws Exception {
        Server kept;
        try (Server server = loop.createServer(EchoProtocol::new, "localhost", 0)) {
            kept = server;
            assertFalse(server.sockets().isEmpty());
            assertTrue(server.toString().contains("serving"), server.toString());
        }
        assertTrue(kept.sockets().isEmpty());
        assertFalse(kept.isServing());
        kept.waitClosed();
        assertTrue(kept.toString().contains("closed"));
        assertTrue(kept.getLoop() == loop);
    }
}
