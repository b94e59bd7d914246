package io.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct buffers the stream readers of one loop thread lend to their transports to read into: a
 * socket reads into one (direct, so the JDK makes no copy of its own), then the reader either keeps only
 * the bytes it got, or, for {@link StreamReader#readChunk(int)}, takes the buffer itself and gives it back
 * at its next read. A transport uses a lent buffer between {@code getBuffer} and {@code bufferUpdated},
 * with nothing in between on the same thread, so the top buffer of a size serves every reader of the
 * thread, and one just given back is the next one lent: still in the cache.
 *
 * <p>Buffers come in powers of two from 4 KiB to 256 KiB; each size keeps at most 1 MiB (and at least
 * two buffers) of free ones. A reader holds a buffer only while it holds unread bytes or a chunk, so
 * 10,000 idle connections hold none.
 */
final class ReadStaging {

    /** asyncio's {@code max_size}: the most one socket read takes, and the largest buffer. */
    static final int SIZE = 256 * 1024;
    /** The smallest buffer. */
    static final int MIN_SIZE = 4 * 1024;

    private static final int RETAINED_BYTES = 1024 * 1024;
    private static final int SIZES = Integer.numberOfTrailingZeros(SIZE) - Integer.numberOfTrailingZeros(MIN_SIZE) + 1;
    private static final ThreadLocal<ReadStaging> OF_THREAD = ThreadLocal.withInitial(ReadStaging::new);

    /** Free buffers by size, most recently given back first. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<ByteBuffer>[] free = new ArrayDeque[SIZES];

    private ReadStaging() {
        for (int i = 0; i < SIZES; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    /** The current thread's buffers. */
    static ReadStaging ofThisThread() {
        return OF_THREAD.get();
    }

    /** A cleared buffer of this thread of the largest size (for reads whose bytes the reader copies out). */
    static ByteBuffer get() {
        return ofThisThread().lend(SIZE);
    }

    /**
     * Lends the free buffer of the smallest size of at least {@code min} bytes (capped at {@link #SIZE})
     * that was given back last, cleared; it stays free, to be used until the next lend, unless
     * {@link #take} takes it.
     */
    ByteBuffer lend(int min) {
        ArrayDeque<ByteBuffer> stack = free[sizeIndex(min)];
        ByteBuffer b = stack.peekFirst();
        if (b == null) {
            b = ByteBuffer.allocateDirect(MIN_SIZE << sizeIndex(min));
            stack.addFirst(b);
        }
        return b.clear();
    }

    /** Takes {@code lent}, the buffer the last {@link #lend} returned, out of the free ones until {@link #giveBack}. */
    void take(ByteBuffer lent) {
        ArrayDeque<ByteBuffer> stack = free[sizeIndex(lent.capacity())];
        if (stack.peekFirst() != lent) {
            throw new IllegalStateException("take() of a buffer that was not the last one lent");
        }
        stack.pollFirst();
    }

    /** Returns a taken buffer, which becomes the next one of its size lent (or is dropped if enough are free). */
    void giveBack(ByteBuffer taken) {
        int i = sizeIndex(taken.capacity());
        ArrayDeque<ByteBuffer> stack = free[i];
        if (stack.size() < Math.max(2, RETAINED_BYTES / (MIN_SIZE << i))) {
            stack.addFirst(taken);
        }
    }

    /** How many free buffers of {@code size} bytes this pool keeps (for tests). */
    int freeCount(int size) {
        return free[sizeIndex(size)].size();
    }

    private static int sizeIndex(int min) {
        if (min <= MIN_SIZE) {
            return 0;
        }
        if (min >= SIZE) {
            return SIZES - 1;
        }
        return 32 - Integer.numberOfLeadingZeros(min - 1) - Integer.numberOfTrailingZeros(MIN_SIZE);
    }
}
