package io.jasyncio.net.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.Connections;
import io.jasyncio.net.Protocol;
import io.jasyncio.net.Server;
import io.jasyncio.net.Transport;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

/** TLS connections and servers over real TCP on 127.0.0.1, at the transport and protocol level. */
class SslConnectionsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Upper-cases what it receives and sends it back. */
    private static final class Upper implements Protocol {
        private Transport transport;
        static final List<Upper> made = new ArrayList<>();

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            made.add(this);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(b(StandardCharsets.UTF_8.decode(data).toString().toUpperCase()));
        }
    }

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().getFirst().getLocalAddress()).getPort();
    }

    private static SslOptions client() {
        return SslOptions.of(TestPki.get().clientContext()).withServerHostname("localhost");
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void aTlsConnectionOverTcp(SelectorEventLoop loop) throws Exception {
        try (Server server = SslConnections.createServer(loop, Upper::new, "127.0.0.1", 0,
                SslOptions.of(TestPki.get().serverContext()))) {
            Connection<Recorder> c = SslConnections.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server), client());
            assertInstanceOf(SslTransport.class, c.transport());
            assertEquals(List.of("made"), c.protocol().events, "connectionMade ran before the call returned");
            c.transport().write(b("over tcp"));
            while (c.protocol().bytes < 8) {
                Aio.sleep(0.01);
            }
            assertEquals("OVER TCP", c.protocol().data.toString());
            InetSocketAddress peer = (InetSocketAddress) c.transport().getExtraInfo("peername");
            assertEquals(port(server), peer.getPort(), "socket facts come from the socket underneath");
            c.transport().close();
            assertEquals(null, Aio.await(c.protocol().lost));
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void aFailedHandshakeAffectsOnlyItsConnection(SelectorEventLoop loop) throws Exception {
        Upper.made.clear();
        try (Server server = SslConnections.createServer(loop, Upper::new, "127.0.0.1", 0,
                SslOptions.of(TestPki.get().serverContext()))) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> SslConnections.createConnection(
                    loop, () -> new Recorder(loop), "127.0.0.1", port(server),
                    SslOptions.of(TestPki.get().clientContext()).withServerHostname("other.example")));
            assertTrue(e.getMessage().contains("other.example"), e.getMessage());
            // Someone who speaks no TLS at all.
            try (SocketChannel plain = SocketChannel.open()) {
                plain.configureBlocking(false);
                loop.sockConnect(plain, new InetSocketAddress("127.0.0.1", port(server)));
                loop.sockSendall(plain, ByteBuffer.wrap(b("GET / HTTP/1.0\r\n\r\n")));
                while (true) {
                    byte[] got = loop.sockRecv(plain, 4096);
                    if (got.length == 0) {
                        break; // the server sent its alert and closed
                    }
                }
            }
            Connection<Recorder> good = SslConnections.createConnection(loop, () -> new Recorder(loop), "127.0.0.1",
                    port(server), client());
            good.transport().write(b("fine"));
            while (good.protocol().bytes < 4) {
                Aio.sleep(0.01);
            }
            assertEquals("FINE", good.protocol().data.toString());
            assertEquals(1, Upper.made.size(), "the server's application saw only the good client");
            good.transport().close();
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void theHandshakeTimesOutAgainstAServerThatSaysNothing(SelectorEventLoop loop) throws Exception {
        Future<Throwable> serverLost = loop.createFuture();
        try (Server silent = Connections.createServer(loop, () -> new Protocol() {
            @Override
            public void connectionLost(Throwable error) {
                serverLost.setResult(error);
            }
        }, "127.0.0.1", 0)) {
            double start = loop.time();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> SslConnections.createConnection(loop, () -> new Recorder(loop), "127.0.0.1", port(silent),
                            client().withHandshakeTimeout(0.3)));
            assertEquals("SSL handshake is taking longer than 0.3 seconds: aborting the connection", e.getMessage());
            assertTrue(loop.time() - start >= 0.3);
            Aio.waitFor(serverLost, 5.0); // the socket was closed
        }
    }

    @AioTest(virtualTime = false, timeoutSeconds = 30)
    void cancellingTheConnectClosesTheSocket(SelectorEventLoop loop) throws Exception {
        Future<Throwable> serverLost = loop.createFuture();
        try (Server silent = Connections.createServer(loop, () -> new Protocol() {
            @Override
            public void connectionLost(Throwable error) {
                serverLost.setResult(error);
            }
        }, "127.0.0.1", 0)) {
            Task<Connection<Recorder>> connect = Aio.createTask(() -> SslConnections.createConnection(loop,
                    () -> new Recorder(loop), "127.0.0.1", port(silent), client()));
            Aio.sleep(0.2);
            connect.cancel();
            assertThrows(CancelledError.class, () -> Aio.await(connect));
            Aio.waitFor(serverLost, 5.0);
        }
    }

    @AioTest
    void argumentsAreChecked(SelectorEventLoop loop) {
        assertEquals("you have to pass serverHostname when using ssl over a Unix socket",
                assertThrows(IllegalArgumentException.class, () -> SslConnections.createUnixConnection(loop,
                        () -> new Recorder(loop), Path.of("/nonexistent.sock"),
                        SslOptions.of(TestPki.get().clientContext()))).getMessage());
        assertEquals("Server side SSL needs a valid SSLContext", assertThrows(IllegalArgumentException.class,
                () -> SslConnections.createServer(loop, Upper::new, "127.0.0.1", 0, SslOptions.defaults()))
                .getMessage());
    }
}
