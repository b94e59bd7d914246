package io.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The loop thread's pool of receive buffers: sizes, last-given-back-first-lent, what it keeps. */
class ReadBuffersTest {

    /** Runs {@code body} with the pool of a fresh thread. */
    private static void withFreshPool(Consumer<ReadBuffers> body) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                body.accept(ReadBuffers.ofThisThread());
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        done.get();
    }

    @Test
    void aLendIsTheSmallestPowerOfTwoOfAtLeastTheSizeAskedFrom4KiBTo256KiB() throws Exception {
        withFreshPool(pool -> {
            assertEquals(4096, pool.lend(1).capacity());
            assertEquals(4096, pool.lend(4096).capacity());
            assertEquals(8192, pool.lend(4097).capacity());
            assertEquals(65536, pool.lend(65536).capacity());
            assertEquals(262144, pool.lend(200_000).capacity());
            assertEquals(262144, pool.lend(10_000_000).capacity(), "256 KiB at most");
            ByteBuffer b = pool.lend(100);
            assertTrue(b.isDirect());
            b.position(10).limit(20);
            assertSame(b, pool.lend(100), "not taken: the same buffer is lent again");
            assertEquals(0, b.position(), "cleared");
            assertEquals(4096, b.limit());
            assertSame(ReadBuffers.get(), pool.lend(ReadBuffers.SIZE), "get() is the top 256 KiB buffer");
        });
    }

    @Test
    void theBufferGivenBackLastIsTheNextOneLent() throws Exception {
        withFreshPool(pool -> {
            ByteBuffer a = pool.lend(65536);
            pool.take(a);
            ByteBuffer b = pool.lend(65536);
            assertNotSame(a, b, "a taken buffer is not lent");
            pool.take(b);
            pool.giveBack(a);
            pool.giveBack(b);
            assertSame(b, pool.lend(65536));
            pool.take(b);
            assertSame(a, pool.lend(65536));
        });
    }

    @Test
    void eachSizeKeepsAtMostOneMebibyteOrTwoBuffers() throws Exception {
        withFreshPool(pool -> {
            List<ByteBuffer> taken = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ByteBuffer b = pool.lend(65536);
                pool.take(b);
                taken.add(b);
            }
            taken.forEach(pool::giveBack);
            assertEquals(16, pool.freeCount(65536), "16 x 64 KiB = 1 MiB; the other 4 are dropped");
            taken.clear();
            for (int i = 0; i < 6; i++) {
                ByteBuffer b = pool.lend(ReadBuffers.SIZE);
                pool.take(b);
                taken.add(b);
            }
            taken.forEach(pool::giveBack);
            assertEquals(4, pool.freeCount(ReadBuffers.SIZE));
            assertEquals(0, pool.freeCount(4096));
        });
    }

    @Test
    void takingABufferThatWasNotTheLastLentIsRefused() throws Exception {
        withFreshPool(pool -> {
            ByteBuffer a = pool.lend(4096);
            pool.take(a);
            assertEquals("take() of a buffer that was not the last one lent",
                    assertThrows(IllegalStateException.class, () -> pool.take(a)).getMessage());
        });
    }
}
