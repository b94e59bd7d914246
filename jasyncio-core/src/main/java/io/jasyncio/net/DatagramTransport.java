package io.jasyncio.net;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A UDP endpoint (asyncio {@code DatagramTransport}). */
public interface DatagramTransport extends BaseTransport {

    /**
     * Sends one datagram to {@code address}, or to the connected peer when {@code address} is
     * {@code null}; buffered if the socket cannot take it at once.
     */
    void sendto(ByteBuffer data, SocketAddress address);

    /** Closes at once, dropping buffered datagrams. */
    void abort();

    /** How many bytes of datagrams are buffered. */
    int getWriteBufferSize();
}
