package io.jasyncio.net.ssl;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS arguments of asyncio's {@code create_connection}/{@code create_server}/{@code open_connection}/
 * {@code start_server}: {@code ssl}, {@code server_hostname}, {@code ssl_handshake_timeout},
 * {@code ssl_shutdown_timeout}. Immutable; the {@code with...} methods return changed copies.
 *
 * @param context certificates and trust ({@code null}: on a client, the JDK's default context)
 * @param serverHostname client side: the name the server's certificate must match and that is sent as SNI;
 *     {@code null} means the host connected to, {@code ""} checks the certificate chain only
 * @param handshakeTimeout seconds, {@code null} for 60
 * @param shutdownTimeout seconds, {@code null} for 30
 */
public record SslOptions(SSLContext context, String serverHostname, Double handshakeTimeout, Double shutdownTimeout) {

    /** TLS with {@code context} and the default timeouts. */
    public static SslOptions of(SSLContext context) {
        return new SslOptions(context, null, null, null);
    }

    /** TLS as a client with the JDK's default context (the system's trusted authorities): asyncio's {@code ssl=True}. */
    public static SslOptions defaults() {
        return new SslOptions(null, null, null, null);
    }

    /** A copy with {@code serverHostname}. */
    public SslOptions withServerHostname(String serverHostname) {
        return new SslOptions(context, serverHostname, handshakeTimeout, shutdownTimeout);
    }

    /** A copy with the handshake timeout in seconds. */
    public SslOptions withHandshakeTimeout(double seconds) {
        return new SslOptions(context, serverHostname, seconds, shutdownTimeout);
    }

    /** A copy with the shutdown timeout in seconds. */
    public SslOptions withShutdownTimeout(double seconds) {
        return new SslOptions(context, serverHostname, handshakeTimeout, seconds);
    }

    /** The name a client checks: {@link #serverHostname()}, else {@code host}. */
    String hostnameFor(String host) {
        return serverHostname != null ? serverHostname : Objects.requireNonNullElse(host, "");
    }
}
