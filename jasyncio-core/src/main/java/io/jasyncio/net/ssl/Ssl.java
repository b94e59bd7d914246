package io.jasyncio.net.ssl;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.Handle;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.net.ConnectionProtocol;
import io.jasyncio.net.Transport;
import java.io.IOException;
import javax.net.ssl.SSLContext;

/** TLS on a live connection: asyncio's {@code loop.start_tls}. */
public final class Ssl {

    private Ssl() {
    }

    /**
     * Upgrades {@code transport}, which carries {@code protocol}, to TLS (asyncio {@code loop.start_tls}),
     * with the default handshake and shutdown timeouts. See
     * {@link #startTls(Transport, ConnectionProtocol, SSLContext, boolean, String, Double, Double)}.
     */
    public static Transport startTls(Transport transport, ConnectionProtocol protocol, SSLContext sslContext,
            boolean serverSide, String serverHostname) throws IOException {
        return startTls(transport, protocol, sslContext, serverSide, serverHostname, null, null);
    }

    /**
     * Upgrades {@code transport}, which carries {@code protocol}, to TLS (asyncio {@code loop.start_tls}) and
     * returns the new transport: from now on {@code protocol} should write to it, and it receives the
     * decrypted bytes (its {@code connectionMade} is not called again). Reading is paused until the TLS
     * layer is in place, so no byte of the handshake reaches the protocol.
     *
     * @param sslContext certificates and trust; {@code null} on the client side: the JDK's default
     * @param serverSide whether this end is the TLS server
     * @param serverHostname client side: the name the server's certificate must match ({@code ""}: no name
     *     check, the chain is still verified); ignored on the server side
     * @param handshakeTimeout seconds ({@code null}: 60)
     * @param shutdownTimeout seconds ({@code null}: 30)
     *
     * <p>Suspends until the handshake is done and raises its error ({@link javax.net.ssl.SSLHandshakeException},
     * {@link java.net.SocketTimeoutException} after the timeout); the connection is closed then. Cancellable:
     * the connection is closed.
     */
    public static Transport startTls(Transport transport, ConnectionProtocol protocol, SSLContext sslContext,
            boolean serverSide, String serverHostname, Double handshakeTimeout, Double shutdownTimeout)
            throws IOException {
        SelectorEventLoop loop = Aio.getRunningLoop();
        Future<Void> waiter = new Future<>(loop);
        SslProtocol ssl = new SslProtocol(loop, protocol, sslContext, waiter, serverSide,
                serverSide ? null : serverHostname, false, handshakeTimeout, shutdownTimeout);
        // Pause early so that bytes that arrive meanwhile are not given to the plain protocol.
        transport.pauseReading();
        transport.setProtocol(ssl);
        Handle connectionMade = loop.callSoon(() -> ssl.connectionMade(transport));
        Handle resume = loop.callSoon(transport::resumeReading);
        try {
            Aio.await(waiter);
        } catch (Throwable e) {
            transport.close();
            connectionMade.cancel();
            resume.cancel();
            throw e;
        }
        return ssl.appTransport();
    }
}
