package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * The protocol of a read pipe ({@code loop.connectReadPipe}): asyncio's {@code Protocol} as a read pipe
 * transport drives it, with a transport that can only read. Every method runs on the loop thread.
 */
public interface ReadPipeProtocol extends BaseProtocol {

    /** Called once, before any data, with the pipe's transport. */
    default void connectionMade(ReadTransport transport) {
    }

    /** Called with each chunk read from the pipe; valid during the call only. */
    default void dataReceived(ByteBuffer data) {
    }

    /**
     * Called once when the writing end closed, before {@link #connectionLost}. The return value is
     * ignored (a pipe has nothing to keep open), as in asyncio.
     */
    default boolean eofReceived() {
        return false;
    }
}
