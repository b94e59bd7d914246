package io.jasyncio.net;

import java.nio.ByteBuffer;

/**
 * The receive buffer the socket transports of one loop thread share. A transport reads into it and hands
 * it to {@code Protocol.dataReceived}, which may use it only during the call; reads happen only in
 * reader callbacks on the loop thread, one at a time, so one buffer per thread serves every connection
 * (10,000 idle connections cost no receive memory). It is direct, so the JDK reads into it without the
 * intermediate copy a heap buffer would need.
 */
final class ReadBuffers {

    /** asyncio's {@code max_size}: the most one read returns. */
    static final int SIZE = 256 * 1024;

    private static final ThreadLocal<ByteBuffer> SHARED = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE));

    private ReadBuffers() {
    }

    /** This thread's buffer, cleared. */
    static ByteBuffer get() {
        return SHARED.get().clear();
    }
}
