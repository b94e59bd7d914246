package io.jasyncio.net;

/**
 * What every transport offers (asyncio {@code BaseTransport}): closing, and facts about the
 * connection. Transports are not thread-safe: use them on their loop's thread.
 */
public interface BaseTransport extends AutoCloseable {

    /**
     * A fact about the transport by asyncio's key, or {@code null}: {@code peername} and {@code sockname}
     * (a {@code SocketAddress}), {@code socket} (the channel), {@code sslcontext}, {@code peercert},
     * {@code ssl_object}, {@code cipher}, {@code pipe}, {@code subprocess}.
     */
    Object getExtraInfo(String name);

    /** {@link #getExtraInfo(String)} with a default for a missing key. */
    default Object getExtraInfo(String name, Object defaultValue) {
        Object v = getExtraInfo(name);
        return v != null ? v : defaultValue;
    }

    /** Whether the transport is closing or closed. */
    boolean isClosing();

    /**
     * Closes the transport: buffered data is still sent, then the protocol's {@code connectionLost(null)}
     * is called (asynchronously). Calling it again does nothing.
     */
    @Override
    void close();
}
