package io.jasyncio.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct receive buffers of one loop thread, which its transports and stream readers share. A socket
 * transport reads into the top buffer and hands it to {@code Protocol.dataReceived}, which may use it only
 * during the call; a stream reader lends one to its transport and then either keeps only the bytes it got
 * or, for {@code StreamReader.readChunk}, takes the buffer itself and gives it back at its next read.
 * Reads happen only in reader callbacks on the loop thread, one at a time, so the top buffer of a size
 * serves every connection of the thread (10,000 idle connections cost no receive memory), and one just
 * given back is the next one used: still in the CPU cache. Direct, so the JDK reads into them without
 * the intermediate copy a heap buffer would need.
 *
 * <p>Buffers come in powers of two from 4 KiB to 256 KiB; each size keeps at most 1 MiB (and at least
 * two buffers) of free ones. Not thread-safe: the loop thread and the tasks it runs use it in turn.
 */
public final class ReadBuffers {

    /** asyncio's {@code max_size}: the most one socket read takes, and the largest buffer. */
    public static final int SIZE = 256 * 1024;
    /** The smallest buffer. */
    public static final int MIN_SIZE = 4 * 1024;

    private static final int RETAINED_BYTES = 1024 * 1024;
    private static final int SIZES = Integer.numberOfTrailingZeros(SIZE) - Integer.numberOfTrailingZeros(MIN_SIZE) + 1;
    private static final ThreadLocal<ReadBuffers> OF_THREAD = ThreadLocal.withInitial(ReadBuffers::new);

    /** Free buffers by size, most recently given back first. */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<ByteBuffer>[] free = new ArrayDeque[SIZES];

    private ReadBuffers() {
        for (int i = 0; i < SIZES; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    /** The current thread's buffers. */
    public static ReadBuffers ofThisThread() {
        return OF_THREAD.get();
    }

    /** This thread's top buffer of the largest size, cleared: for a read whose bytes are used or copied before the next. */
    public static ByteBuffer get() {
        return ofThisThread().lend(SIZE);
    }

    /**
     * Lends the free buffer of the smallest size of at least {@code min} bytes (capped at {@link #SIZE})
     * that was given back last, cleared; it stays free, to be used until the next lend, unless
     * {@link #take} takes it.
     */
    public ByteBuffer lend(int min) {
        int i = sizeIndex(min);
        ArrayDeque<ByteBuffer> stack = free[i];
        ByteBuffer b = stack.peekFirst();
        if (b == null) {
            b = ByteBuffer.allocateDirect(MIN_SIZE << i);
            stack.addFirst(b);
        }
        return b.clear();
    }

    /** Takes {@code lent}, the buffer the last {@link #lend} returned, out of the free ones until {@link #giveBack}. */
    public void take(ByteBuffer lent) {
        ArrayDeque<ByteBuffer> stack = free[sizeIndex(lent.capacity())];
        if (stack.peekFirst() != lent) {
            throw new IllegalStateException("take() of a buffer that was not the last one lent");
        }
        stack.pollFirst();
    }

    /** Returns a taken buffer, which becomes the next one of its size lent (or is dropped if enough are free). */
    public void giveBack(ByteBuffer taken) {
        int i = sizeIndex(taken.capacity());
        ArrayDeque<ByteBuffer> stack = free[i];
        if (stack.size() < Math.max(2, RETAINED_BYTES / (MIN_SIZE << i))) {
            stack.addFirst(taken);
        }
    }

    /** How many free buffers of {@code size} bytes this pool keeps (for tests). */
    public int freeCount(int size) {
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
