package io.jasyncio.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a stream transport accepted but the socket has not taken yet: a queue of chunks in read mode,
 * direct ones the loop thread reuses ({@link WriteChunks}). Each byte is copied once, into the tail chunk;
 * small writes share a chunk, so a burst of tiny writes makes few buffers, and the queue is flushed with
 * one gathering write. Chunks go back to the thread's pool as they are sent, so an idle connection keeps
 * none. Used on the loop thread only.
 */
final class WriteBuffer {

    /** At most this many chunks go into one gathering write. */
    private static final int GATHER = 64;

    /** Made on first use: an idle connection does not pay for it. */
    private ArrayDeque<ByteBuffer> chunks;
    private ByteBuffer[] gather;
    private int size;

    /** How many bytes are waiting. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Copies the remaining bytes of {@code data} to the end of the queue, consuming them. */
    void append(ByteBuffer data) {
        int len = data.remaining();
        if (len == 0) {
            return;
        }
        if (chunks == null) {
            chunks = new ArrayDeque<>(4);
        }
        ByteBuffer tail = chunks.peekLast();
        int from = data.position();
        int left = len;
        while (left > 0) {
            if (tail == null || tail.limit() == tail.capacity()) {
                tail = WriteChunks.get().take(left);
                chunks.addLast(tail);
            }
            int at = tail.limit();
            int k = Math.min(left, tail.capacity() - at);
            tail.limit(at + k);
            tail.put(at, data, from, k);
            from += k;
            left -= k;
        }
        data.position(data.limit());
        size += len;
    }

    /** Writes as much as {@code channel} takes now; returns how many bytes went. */
    long flushTo(GatheringByteChannel channel) throws IOException {
        if (size == 0) {
            return 0;
        }
        long n;
        if (chunks.size() == 1) {
            n = channel.write(chunks.peekFirst());
        } else {
            if (gather == null) {
                gather = new ByteBuffer[GATHER];
            }
            int count = 0;
            for (ByteBuffer b : chunks) {
                gather[count++] = b;
                if (count == GATHER) {
                    break;
                }
            }
            n = channel.write(gather, 0, count);
            java.util.Arrays.fill(gather, 0, count, null);
        }
        size -= (int) n;
        ByteBuffer head;
        while ((head = chunks.peekFirst()) != null && !head.hasRemaining()) {
            WriteChunks.get().give(chunks.pollFirst());
        }
        if (size == 0) {
            clear(); // drained: an idle connection keeps nothing
        }
        return n;
    }

    /** Drops everything. */
    void clear() {
        if (chunks != null) {
            WriteChunks pool = WriteChunks.get();
            for (ByteBuffer chunk : chunks) {
                pool.give(chunk);
            }
        }
        chunks = null;
        gather = null;
        size = 0;
    }
}
