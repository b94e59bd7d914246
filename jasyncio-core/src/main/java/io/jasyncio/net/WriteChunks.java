package io.jasyncio.net;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct chunks the write buffers of one loop thread reuse. A socket writes a direct buffer without
 * the copy the JDK makes of a heap one, and a reused chunk is warm in the cache where a new heap array
 * is not; so a transport whose socket refuses part of a write keeps the rest here. At most
 * {@link #MAX_DIRECT} chunks (16 MiB) are ever made per thread, so direct memory stays bounded however
 * many connections are backed up; past that, chunks are plain heap buffers, left to the garbage collector.
 */
final class WriteChunks {

    /** The size of a direct chunk. */
    static final int SIZE = 64 * 1024;
    /** The most direct chunks one thread makes. */
    static final int MAX_DIRECT = 256;
    /** The smallest heap chunk, made when the thread has made all its direct chunks. */
    private static final int MIN_HEAP = 16 * 1024;

    private static final ThreadLocal<WriteChunks> POOL = ThreadLocal.withInitial(WriteChunks::new);

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int made;

    private WriteChunks() {
    }

    /** This thread's chunks. */
    static WriteChunks get() {
        return POOL.get();
    }

    /** An empty chunk in read mode (position and limit 0) for at least one of {@code wanted} bytes. */
    ByteBuffer take(int wanted) {
        ByteBuffer chunk = free.pollLast();
        if (chunk == null) {
            if (made < MAX_DIRECT) {
                made++;
                chunk = ByteBuffer.allocateDirect(SIZE);
            } else {
                chunk = ByteBuffer.allocate(Math.max(wanted, MIN_HEAP));
            }
        }
        return chunk.limit(0);
    }

    /** Gives back a chunk no longer in use: a direct one is kept for the next write, a heap one dropped. */
    void give(ByteBuffer chunk) {
        if (chunk.isDirect() && chunk.capacity() == SIZE) {
            free.addLast(chunk.clear());
        }
    }

    /** How many chunks are free for reuse. */
    int freeCount() {
        return free.size();
    }
}
