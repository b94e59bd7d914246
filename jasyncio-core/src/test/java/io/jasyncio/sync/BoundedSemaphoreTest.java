package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;

/** asyncio's BoundedSemaphore: a release beyond the initial value is an error. */
class BoundedSemaphoreTest {

    @AioTest
    void releasingMoreThanAcquiredRaises() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        assertEquals(2, sem.value());
        try (var _ = sem.acquire()) {
            assertEquals(1, sem.value());
        }
        assertEquals(2, sem.value());
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals("<BoundedSemaphore [unlocked, value:2]>", sem.toString());
    }

    @AioTest
    void behavesAsASemaphoreOtherwise() {
        BoundedSemaphore sem = new BoundedSemaphore();
        StringBuilder sb = new StringBuilder();
        sem.acquire();
        Task<Void> t = Aio.createTask(() -> {
            try (var _ = sem.acquire()) {
                sb.append("in");
            }
        });
        Aio.sleep(0);
        sb.append("release;");
        sem.release();
        Aio.await(t);
        assertEquals("release;in", sb.toString());
        assertEquals(1, sem.value());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }
}
