package io.jasyncio.net;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The writing side of a transport (asyncio {@code WriteTransport}): writes never block; what the
 * socket cannot take at once is buffered, and the protocol is told to pause when the buffer passes the
 * high-water mark and to resume when it drains below the low-water mark.
 */
public interface WriteTransport extends BaseTransport {

    /**
     * Sends {@code data} (its remaining bytes; the transport copies what it cannot send at once, so the
     * caller may reuse the buffer when this returns). Raises {@link IllegalStateException} after
     * {@link #writeEof()} or {@link #close()}.
     */
    void write(ByteBuffer data);

    /** Sends {@code data}; see {@link #write(ByteBuffer)}. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Sends each buffer in turn (asyncio {@code writelines}). */
    default void writelines(List<ByteBuffer> data) {
        for (ByteBuffer b : data) {
            write(b);
        }
    }

    /** Closes the writing side after the buffered data is sent (a TCP half-close), if {@link #canWriteEof()}. */
    void writeEof();

    /** Whether this transport supports {@link #writeEof()} (TLS does not). */
    boolean canWriteEof();

    /** Closes at once, dropping buffered data; the protocol's {@code connectionLost(null)} follows. */
    void abort();

    /** How many bytes are buffered, waiting for the socket. */
    /**
     * Whether this transport has told its protocol to pause writing and not yet to resume it (asyncio keeps
     * this as the private {@code _protocol_paused}; {@code loop.sendfile}'s fallback needs it to take flow
     * control over from the protocol and hand it back).
     */
    boolean isWritingPaused();

    int getWriteBufferSize();

    /**
     * Sets the write buffer's water marks: {@code pauseWriting} above {@code high}, {@code resumeWriting}
     * at or below {@code low}. {@code null} picks asyncio's defaults (64 KiB high, a quarter of it low).
     */
    void setWriteBufferLimits(Integer high, Integer low);

    /** The water marks as {@code [low, high]}. */
    int[] getWriteBufferLimits();
}
