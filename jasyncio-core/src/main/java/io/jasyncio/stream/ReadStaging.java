package io.jasyncio.stream;

import java.nio.ByteBuffer;

/**
 * The buffer the stream readers of one loop thread lend to their transports to read into: a socket reads
 * into it (direct, so the JDK makes no copy of its own), then the reader keeps only the bytes it got. So
 * a reader holds a buffer only while it holds unread bytes, sized to them, and 10,000 idle connections
 * hold none. A transport uses it between {@code getBuffer} and {@code bufferUpdated}, with nothing in
 * between on the same thread, so one buffer serves every reader of the thread.
 */
final class ReadStaging {

    /** asyncio's {@code max_size}: the most one socket read takes. */
    static final int SIZE = 256 * 1024;

    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE));

    private ReadStaging() {
    }

    /** This thread's buffer, cleared. */
    static ByteBuffer get() {
        return STAGING.get().clear();
    }
}
