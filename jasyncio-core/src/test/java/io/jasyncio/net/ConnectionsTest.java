package io.jasyncio.net;

import static io.jasyncio.net.SocketTransportTest.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link Connections}: connecting, resolving, binding, cancelling. */
class ConnectionsTest {

    private static int freePort() throws Exception {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aRefusedConnectionNamesTheAddress(SelectorEventLoop loop) throws Exception {
        int port = freePort();
        ConnectException e = assertThrows(ConnectException.class,
                () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", port));
        assertTrue(e.getMessage().startsWith("Connect call failed /127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void eachResolvedAddressIsTriedInTurn(SelectorEventLoop loop) throws Exception {
        // "localhost" may resolve to ::1 and 127.0.0.1; only the IPv4 one listens.
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "localhost", port(server));
            assertEquals(new InetSocketAddress("127.0.0.1", port(server)), c.transport().getExtraInfo("peername"));
            c.transport().close();
        }
        List<InetSocketAddress> all = Connections.resolve(loop, "localhost", 7);
        assertFalse(all.isEmpty());
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 7)),
                Connections.resolve(loop, "10.1.2.3", 7), "a literal needs no lookup");
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void theSocketCanBeBoundToALocalAddress(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            int local = freePort();
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server),
                    new InetSocketAddress("127.0.0.1", local));
            assertEquals(new InetSocketAddress("127.0.0.1", local), c.transport().getExtraInfo("sockname"));
            c.transport().close();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aConnectedChannelCanBeWrapped(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            SocketChannel ch = SocketChannel.open();
            loop.sockConnect(ch, new InetSocketAddress("127.0.0.1", port(server)));
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, ch);
            c.transport().write("wrapped".getBytes(StandardCharsets.UTF_8));
            c.protocol().awaitCount(7);
            assertEquals("wrapped", c.protocol().text());
            c.transport().close();
            Aio.await(c.protocol().lost);
            assertFalse(ch.isOpen());
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aMissingUnixSocketIsAConnectErrorNamingThePath(SelectorEventLoop loop) throws Exception {
        Path path = Files.createTempDirectory("jasyncio-unix").resolve("none.sock");
        ConnectException e = assertThrows(ConnectException.class,
                () -> loop.createUnixConnection(RecordingProtocol::new, path));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        Files.delete(path.getParent());
    }

    /**
     * A connect that hangs (the listener's accept queue is full, so the kernel drops our SYN) is
     * cancellable: the task ends cancelled and the socket is closed.
     */
    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void aPendingConnectIsCancellable(SelectorEventLoop loop) throws Exception {
        List<SocketChannel> fillers = new ArrayList<>();
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            InetSocketAddress address = (InetSocketAddress) full.getLocalAddress();
            for (int i = 0; i < 8; i++) {
                SocketChannel f = SocketChannel.open();
                f.configureBlocking(false);
                f.connect(address);
                fillers.add(f);
            }
            Aio.sleep(0.05);
            int before = FdCount.now();
            Task<Connection<RecordingProtocol>> connecting = Aio.createTask(
                    () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", address.getPort()));
            Aio.sleep(0.1);
            assertFalse(connecting.done(), "the connect is stuck behind the full accept queue");
            connecting.cancel();
            assertThrows(CancelledError.class, () -> Aio.await(connecting));
            Aio.sleep(0.01);
            assertEquals(before, FdCount.now(), "the half-open socket was closed");
        } finally {
            for (SocketChannel f : fillers) {
                f.close();
            }
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 20)
    void theResultCarriesTheFactorysProtocolType(SelectorEventLoop loop) throws Exception {
        try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
            Connection<RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
            RecordingProtocol p = c.protocol();
            assertInstanceOf(SocketTransport.class, p.transport);
            assertEquals(c.transport(), p.transport);
            c.transport().close();
        }
    }
}
