package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** asyncio's Lock: fair FIFO hand-over, cancellation never leaves it held, try-with-resources. */
class LockTest {

    @AioTest
    void freeLockIsTakenWithoutSuspending() {
        Expect ex = new Expect();
        Lock lock = new Lock();
        Aio.createTask(() -> ex.expect(3));
        ex.expect(1);
        assertFalse(lock.locked());
        Held held = lock.acquire();
        ex.expect(2); // no suspension: the other task has not run
        assertTrue(lock.locked());
        held.close();
        assertFalse(lock.locked());
        Aio.sleep(0);
        ex.finish(4);
    }

    @AioTest
    void waitersAcquireInFifoOrder() {
        Expect ex = new Expect();
        Lock lock = new Lock();
        List<Integer> order = new ArrayList<>();
        lock.acquire();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                ex.expect(n);           // 1, 2, 3: each queues in turn
                try (var _ = lock.acquire()) {
                    ex.expect(4 + n);   // 5, 6, 7: served in the same order
                    order.add(n);
                    Aio.sleep(0);       // hold it across an await
                }
            }));
        }
        Aio.sleep(0);
        ex.expect(4);
        assertEquals("<Lock [locked, waiters:3]>", lock.toString());
        lock.release();
        Aio.await(Aio.gather(tasks));
        ex.finish(8);
        assertEquals(List.of(1, 2, 3), order);
        assertFalse(lock.locked());
        assertEquals("<Lock [unlocked]>", lock.toString());
    }

    @AioTest
    void aTaskArrivingAfterAReleaseQueuesBehindTheWokenWaiter() {
        // The lock is free for an instant after release(), but the woken waiter has the first claim.
        Expect ex = new Expect();
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> first = Aio.createTask(() -> {
            ex.expect(1);
            try (var _ = lock.acquire()) {
                ex.expect(3);
            }
        });
        Aio.sleep(0);
        lock.release();
        assertFalse(lock.locked());
        ex.expect(2);
        try (var _ = lock.acquire()) { // suspends: 'first' is served before us
            ex.expect(4);
        }
        Aio.await(first);
        ex.finish(5);
    }

    @AioTest
    void cancelledWaiterIsForgottenAndTheLockStaysWithItsHolder() {
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> waiter = Aio.createTask(() -> {
            lock.acquire();
        });
        Aio.sleep(0);
        assertEquals(1, lock.waiterCount());
        waiter.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(waiter));
        assertEquals(0, lock.waiterCount());
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
        // With only cancelled waiters left, a newcomer takes the free lock at once.
        lock.acquire();
        lock.release();
    }

    @AioTest
    void waiterCancelledAfterBeingWokenPassesTheLockToTheNext() {
        // CPython's test_cancel_release_race: release() wakes A, A is cancelled before it runs;
        // the lock must go to B, never stay held by nobody nor by A.
        Expect ex = new Expect();
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> a = Aio.createTask(() -> {
            try (var _ = lock.acquire()) {
                ex.expectUnreached();
            }
        });
        Task<Void> b = Aio.createTask(() -> {
            try (var _ = lock.acquire()) {
                ex.expect(2);
                assertTrue(lock.locked());
            }
        });
        Aio.sleep(0);
        lock.release(); // wakes a
        a.cancel();     // before a runs
        ex.expect(1);
        assertThrows(CancelledError.class, () -> Aio.await(a));
        Aio.await(b);
        ex.finish(3);
        assertFalse(lock.locked());
        assertEquals(0, lock.waiterCount());
    }

    @AioTest
    void cancellationOfAWokenWaiterDoesNotReleaseALockTakenMeanwhile() {
        // A is cancelled while it waits, then the lock is released and taken by a newcomer (only
        // cancelled waiters: no queue to respect). When A finally runs its cancellation, it must not
        // touch the lock the newcomer holds.
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> a = Aio.createTask(() -> {
            lock.acquire();
        });
        Aio.sleep(0);
        a.cancel();
        lock.release();                 // a's future is cancelled: nobody to wake
        Held held = lock.acquire();     // all waiters cancelled: taken at once
        assertThrows(CancelledError.class, () -> Aio.await(a));
        assertTrue(lock.locked());      // still ours
        held.close();
    }

    @AioTest
    void tryWithResourcesReleasesOnException() {
        Lock lock = new Lock();
        assertThrows(IllegalArgumentException.class, () -> {
            try (var _ = lock.acquire()) {
                assertTrue(lock.locked());
                throw new IllegalArgumentException("boom");
            }
        });
        assertFalse(lock.locked());
    }

    @AioTest
    void acquireReturnsTheSameHeldEachTime() {
        Lock lock = new Lock();
        Held a = lock.acquire();
        a.close();
        Held b = lock.acquire();
        assertSame(a, b); // nothing allocated per acquisition
        b.close();
    }

    @AioTest
    void releasingAnUnlockedLockRaises() {
        Lock lock = new Lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
    }

    @AioTest
    void acquireUnderATimeoutRaisesTimeoutErrorAndLeavesNoWaiter(SelectorEventLoop loop) {
        Lock lock = new Lock();
        lock.acquire();
        double t0 = loop.time();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> lock.acquire(), 1.5));
        assertEquals(1.5, loop.time() - t0, 1e-9);
        assertEquals(0, lock.waiterCount());
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
    }

    @AioTest
    void thousandContendingTasksEachGetTheLockOnceInOrder() {
        Lock lock = new Lock();
        List<Integer> order = new ArrayList<>();
        int[] inside = {0};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                try (var _ = lock.acquire()) {
                    inside[0]++;
                    assertEquals(1, inside[0]);
                    Aio.sleep(0);
                    order.add(n);
                    inside[0]--;
                }
            }));
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(1000, order.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, order.get(i));
        }
        assertFalse(lock.locked());
    }

    @AioTest
    void aLockBoundToOneLoopCannotWaitOnAnother() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        Task<Void> waiter = Aio.createTask(() -> {
            lock.acquire(); // binds the lock to this loop
        });
        Aio.sleep(0);
        AtomicReference<Throwable> other = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                VirtualTime.run(() -> {
                    lock.acquire();
                });
            } catch (Throwable e) {
                other.set(e);
            }
        });
        t.start();
        t.join();
        assertTrue(other.get() instanceof IllegalStateException, String.valueOf(other.get()));
        assertTrue(other.get().getMessage().endsWith("is bound to a different event loop"));
        waiter.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(waiter));
    }
}
