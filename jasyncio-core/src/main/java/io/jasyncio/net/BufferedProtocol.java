package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * A stream protocol that owns the receive buffer (asyncio {@code BufferedProtocol}): the transport reads
 * from the socket straight into the buffer {@link #getBuffer(int)} returns, with no copy in between.
 */
public interface BufferedProtocol extends ConnectionProtocol {

    /**
     * The buffer to read the next bytes into: the transport fills it from its position up to its limit.
     * {@code sizeHint} is how much the transport would like (-1: no preference).
     */
    ByteBuffer getBuffer(int sizeHint);

    /** {@code nbytes} bytes were written into the buffer from {@link #getBuffer(int)}, ending at its new position. */
    void bufferUpdated(int nbytes);
}
