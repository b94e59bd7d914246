package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.util.ArrayList;
import java.util.List;

/** asyncio's Semaphore (3.12+): permits in FIFO order, a cancelled waiter never keeps or loses one. */
class SemaphoreTest {

    private static Task<Void> holder(Semaphore sem, List<Integer> order, int n) {
        return Aio.createTask(() -> {
            try (var _ = sem.acquire()) {
                order.add(n);
            }
        });
    }

    @AioTest
    void permitsAreTakenWithoutSuspendingWhileSomeAreFree() {
        Semaphore sem = new Semaphore(2);
        assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
        sem.acquire();
        assertFalse(sem.locked());
        sem.acquire();
        assertTrue(sem.locked());
        assertEquals(0, sem.value());
        sem.release();
        sem.release();
        assertEquals(2, sem.value());
        assertEquals(1, new Semaphore().value());
        assertEquals("Semaphore initial value must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage());
    }

    @AioTest
    void waitersGetPermitsInFifoOrder() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            tasks.add(holder(sem, order, i));
        }
        Aio.sleep(0);
        assertEquals("<Semaphore [locked, waiters:3]>", sem.toString());
        sem.release();
        Aio.sleep(0);
        assertEquals(List.of(1), order);
        sem.release(); // the permit 1 gave back and this one: 2 and 3 both go
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of(1, 2, 3), order);
        assertEquals(2, sem.value());
    }

    @AioTest
    void aNewcomerQueuesBehindWaitersEvenWhenAPermitIsFree() {
        Expect ex = new Expect();
        Semaphore sem = new Semaphore(1);
        Held mine = sem.acquire();
        Task<Void> first = Aio.createTask(() -> {
            try (var _ = sem.acquire()) {
                ex.expect(2);
            }
        });
        Aio.sleep(0);
        mine.close();        // the permit is handed to 'first'
        assertTrue(sem.locked());
        ex.expect(1);
        try (var _ = sem.acquire()) { // suspends behind 'first'
            ex.expect(3);
        }
        Aio.await(first);
        ex.finish(4);
        assertEquals(1, sem.value());
    }

    @AioTest
    void aPermitHandedToACancelledWaiterGoesToTheNext() {
        // gh-90155: release() hands the permit to A; A is cancelled before it runs; B must get it.
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        Task<Void> a = holder(sem, order, 1);
        Task<Void> b = holder(sem, order, 2);
        Aio.sleep(0);
        sem.release();
        a.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(a));
        Aio.await(b);
        assertEquals(List.of(2), order);
        assertEquals(1, sem.value()); // nothing lost, nothing created
        assertFalse(sem.locked());
    }

    @AioTest
    void aWaiterCancelledBeforeAnyReleaseTakesNothing() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        Task<Void> a = holder(sem, order, 1);
        Task<Void> b = holder(sem, order, 2);
        Aio.sleep(0);
        a.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(a));
        assertEquals(0, sem.value());
        sem.release();
        Aio.await(b);
        assertEquals(List.of(2), order);
        assertEquals(1, sem.value());
    }

    @AioTest
    void releasesWakeAsManyWaitersAsThereArePermits() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        int[] inside = {0};
        int[] most = {0};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                try (var _ = sem.acquire()) {
                    inside[0]++;
                    most[0] = Math.max(most[0], inside[0]);
                    Aio.sleep(0);
                    order.add(n);
                    inside[0]--;
                }
            }));
        }
        Aio.sleep(0);
        for (int i = 0; i < 3; i++) {
            sem.release();
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), order);
        assertEquals(3, most[0]);
        assertEquals(3, sem.value());
    }

    @AioTest
    void acquireUnderATimeoutGivesUpOnVirtualTime(SelectorEventLoop loop) {
        Semaphore sem = new Semaphore(0);
        double t0 = loop.time();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> sem.acquire(), 10.0));
        assertEquals(10.0, loop.time() - t0, 1e-9);
        assertEquals("<Semaphore [locked]>", sem.toString());
        sem.release();
        assertFalse(sem.locked());
    }
}
