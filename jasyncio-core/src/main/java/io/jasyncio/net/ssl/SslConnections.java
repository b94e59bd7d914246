package io.jasyncio.net.ssl;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.Connection;
import io.jasyncio.net.ConnectionProtocol;
import io.jasyncio.net.Connections;
import io.jasyncio.net.Server;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * TLS connections and servers: asyncio's {@code create_connection(..., ssl=...)} and
 * {@code create_server(..., ssl=...)}, made by putting an {@link SslProtocol} between the socket transport
 * of {@link Connections} and the application's protocol. The application sees an {@link SslTransport}.
 */
public final class SslConnections {

    private SslConnections() {
    }

    /**
     * Connects to {@code host:port} and shakes hands (asyncio {@code create_connection} with {@code ssl}).
     * The server's certificate must match {@code ssl.serverHostname()}, or {@code host} when that is
     * {@code null}. Suspends until the handshake is done; raises its error, the connection then closed
     * ({@link javax.net.ssl.SSLHandshakeException}, {@link java.net.SocketTimeoutException} after the
     * handshake timeout). Cancellable: the connection is closed.
     */
    public static <P extends ConnectionProtocol> Connection<P> createConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, String host, int port, SslOptions ssl) throws IOException {
        P app = factory.get();
        Future<Void> handshake = new Future<>(loop);
        SslProtocol tls = new SslProtocol(loop, app, ssl.context(), handshake, false, ssl.hostnameFor(host), true,
                ssl.handshakeTimeout(), ssl.shutdownTimeout());
        Connection<SslProtocol> raw = Connections.createConnection(loop, () -> tls, host, port);
        return finishHandshake(raw, tls, handshake, app);
    }

    /**
     * Connects to the Unix socket at {@code path} with TLS (asyncio {@code create_unix_connection} with
     * {@code ssl}); {@code ssl.serverHostname()} is required (there is no host to default to). Suspends
     * until the handshake is done; cancellable.
     */
    public static <P extends ConnectionProtocol> Connection<P> createUnixConnection(SelectorEventLoop loop,
            Supplier<? extends P> factory, Path path, SslOptions ssl) throws IOException {
        if (ssl.serverHostname() == null) {
            throw new IllegalArgumentException("you have to pass serverHostname when using ssl over a Unix socket");
        }
        P app = factory.get();
        Future<Void> handshake = new Future<>(loop);
        SslProtocol tls = new SslProtocol(loop, app, ssl.context(), handshake, false, ssl.serverHostname(), true,
                ssl.handshakeTimeout(), ssl.shutdownTimeout());
        Connection<SslProtocol> raw = Connections.createUnixConnection(loop, () -> tls, path);
        return finishHandshake(raw, tls, handshake, app);
    }

    private static <P extends ConnectionProtocol> Connection<P> finishHandshake(Connection<SslProtocol> raw,
            SslProtocol tls, Future<Void> handshake, P app) {
        try {
            Aio.await(handshake);
        } catch (Throwable e) {
            raw.transport().close();
            throw e;
        }
        return new Connection<>(tls.appTransport(), app);
    }

    /**
     * Listens on {@code host:port} and serves each connection over TLS with a protocol from {@code factory}
     * (asyncio {@code create_server} with {@code ssl}); {@code ssl.context()} must hold the server's
     * certificate. A client whose handshake fails is disconnected; the application never sees it. Suspends
     * only to resolve a host name.
     */
    public static Server createServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
            String host, int port, SslOptions ssl) throws IOException {
        return Connections.createServer(loop, serverSide(loop, factory, ssl), host, port);
    }

    /** {@link #createServer} on a Unix socket at {@code path} (asyncio {@code create_unix_server} with {@code ssl}). */
    public static Server createUnixServer(SelectorEventLoop loop, Supplier<? extends ConnectionProtocol> factory,
            Path path, SslOptions ssl) throws IOException {
        return Connections.createUnixServer(loop, serverSide(loop, factory, ssl), path);
    }

    private static Supplier<SslProtocol> serverSide(SelectorEventLoop loop,
            Supplier<? extends ConnectionProtocol> factory, SslOptions ssl) {
        if (ssl.context() == null) {
            throw new IllegalArgumentException("Server side SSL needs a valid SSLContext");
        }
        return () -> new SslProtocol(loop, factory.get(), ssl.context(), null, true, null, true,
                ssl.handshakeTimeout(), ssl.shutdownTimeout());
    }
}
