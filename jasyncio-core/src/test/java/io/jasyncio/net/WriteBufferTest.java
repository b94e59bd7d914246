package io.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import org.junit.jupiter.api.Test;

/** WriteBuffer and its chunk pool: bytes leave in order across chunk boundaries, chunks are reused and bounded. */
class WriteBufferTest {

    /** A channel that takes at most {@code budget} bytes per write call and records them. */
    static final class SlowChannel implements GatheringByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int budget;

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(budget, src.remaining());
            for (int i = 0; i < n; i++) {
                taken.write(src.get());
            }
            budget -= n;
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void bytesLeaveInOrderAcrossChunksAndPartialWrites() throws IOException {
        WriteBuffer buffer = new WriteBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] b = pattern(50_000 + i * 7_001, i); // straddles 64 KiB chunk boundaries
            expected.writeBytes(b);
            ByteBuffer src = ByteBuffer.wrap(b);
            buffer.append(src);
            assertFalse(src.hasRemaining(), "append consumes its input");
        }
        assertEquals(expected.size(), buffer.size());
        SlowChannel channel = new SlowChannel();
        while (!buffer.isEmpty()) {
            channel.budget = 30_001;
            buffer.flushTo(channel);
        }
        assertArrayEquals(expected.toByteArray(), channel.taken.toByteArray());
    }

    @Test
    void sentChunksGoBackToTheThreadsPoolAndAreReused() throws IOException {
        WriteChunks pool = WriteChunks.get();
        WriteBuffer buffer = new WriteBuffer();
        buffer.append(ByteBuffer.wrap(pattern(3 * WriteChunks.SIZE, 1)));
        int freeWhileHeld = pool.freeCount();
        SlowChannel channel = new SlowChannel();
        channel.budget = Integer.MAX_VALUE;
        buffer.flushTo(channel);
        assertTrue(buffer.isEmpty());
        assertEquals(3 * WriteChunks.SIZE, channel.taken.size());
        assertEquals(freeWhileHeld + 3, pool.freeCount(), "three chunks came back");
        buffer.append(ByteBuffer.wrap(pattern(10, 2)));
        assertEquals(freeWhileHeld + 2, pool.freeCount(), "a write takes a pooled chunk instead of allocating");
        buffer.clear();
        assertEquals(freeWhileHeld + 3, pool.freeCount(), "clear gives the chunks back too");
    }

    @Test
    void directChunksAreBoundedPerThreadThenHeapChunksServe() throws Exception {
        Thread t = new Thread(() -> {
            WriteBuffer buffer = new WriteBuffer();
            byte[] big = pattern(WriteChunks.MAX_DIRECT * WriteChunks.SIZE + 100_000, 3);
            buffer.append(ByteBuffer.wrap(big));
            SlowChannel channel = new SlowChannel();
            channel.budget = Integer.MAX_VALUE;
            try {
                while (!buffer.isEmpty()) {
                    channel.budget = Integer.MAX_VALUE;
                    buffer.flushTo(channel);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertArrayEquals(big, channel.taken.toByteArray());
            assertEquals(WriteChunks.MAX_DIRECT, WriteChunks.get().freeCount(), "only direct chunks are kept");
        });
        t.start();
        t.join();
    }
}
