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

/** asyncio's Condition: FIFO signalling, re-acquisition before returning or raising, no lost signal. */
class ConditionTest {

    private static Task<Void> waiter(Condition cond, List<Integer> woken, int n) {
        return Aio.createTask(() -> {
            try (var _ = cond.acquire()) {
                cond.await();
                assertTrue(cond.locked());
                woken.add(n);
            }
        });
    }

    @AioTest
    void signalWakesWaitersOneByOneInFifoOrder() {
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        List<Task<Void>> tasks = List.of(waiter(cond, woken, 1), waiter(cond, woken, 2), waiter(cond, woken, 3));
        Aio.sleep(0);
        assertEquals("<Condition [unlocked, waiters:3]>", cond.toString());
        try (var _ = cond.acquire()) {
            cond.signal();
            assertEquals(List.of(), woken); // woken ones wait for the lock we hold
        }
        Aio.sleep(0);
        Aio.sleep(0);
        assertEquals(List.of(1), woken);
        try (var _ = cond.acquire()) {
            cond.signal(2);
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of(1, 2, 3), woken);
        assertFalse(cond.locked());
    }

    @AioTest
    void signalAllWakesEveryone() {
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            tasks.add(waiter(cond, woken, i));
        }
        Aio.sleep(0);
        try (var _ = cond.acquire()) {
            cond.signalAll();
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of(1, 2, 3, 4), woken);
    }

    @AioTest
    void waitingOrSignallingWithoutTheLockRaises() {
        Condition cond = new Condition();
        assertEquals("cannot wait on un-acquired lock",
                assertThrows(IllegalStateException.class, cond::await).getMessage());
        assertEquals("cannot notify on un-acquired lock",
                assertThrows(IllegalStateException.class, cond::signal).getMessage());
        assertThrows(IllegalStateException.class, cond::signalAll);
    }

    @AioTest
    void waitForChecksThePredicateAfterEachWakeUp() {
        Expect ex = new Expect();
        Condition cond = new Condition();
        int[] value = {0};
        int[] checks = {0};
        Task<Boolean> t = Aio.createTask(() -> {
            try (var _ = cond.acquire()) {
                return cond.waitFor(() -> {
                    checks[0]++;
                    return value[0] == 2;
                });
            }
        });
        Aio.sleep(0);
        ex.expect(1);
        for (int i = 1; i <= 2; i++) {
            try (var _ = cond.acquire()) {
                value[0] = i;
                cond.signal();
            }
            Aio.sleep(0);
            Aio.sleep(0);
        }
        assertTrue(Aio.await(t));
        assertEquals(3, checks[0]); // before waiting, after value 1, after value 2
        ex.finish(2);
    }

    @AioTest
    void cancelledWaitRaisesOnlyAfterReacquiringTheLock() {
        // CPython test_wait_cancel_contested: the lock is held by someone else when the cancel arrives.
        Expect ex = new Expect();
        Condition cond = new Condition();
        Task<Void> t = Aio.createTask(() -> {
            try (var _ = cond.acquire()) {
                ex.expect(1);
                try {
                    cond.await();
                } catch (CancelledError e) {
                    ex.expect(4);
                    assertTrue(cond.locked()); // held by us again
                    throw e;
                }
            }
        });
        Aio.sleep(0);
        Held mine = cond.acquire(); // the waiter released it in await()
        ex.expect(2);
        t.cancel();
        Aio.sleep(0);
        Aio.sleep(0);
        ex.expect(3);   // the cancelled waiter now waits for the lock we hold
        assertFalse(t.done());
        mine.close();
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertFalse(cond.locked());
        ex.finish(5);
    }

    @AioTest
    void cancellationWhileReacquiringIsRaisedOnceTheLockIsHeld() {
        Condition cond = new Condition();
        List<String> events = new ArrayList<>();
        Task<Void> t = Aio.createTask(() -> {
            try (var _ = cond.acquire()) {
                try {
                    cond.await();
                    events.add("returned");
                } catch (CancelledError e) {
                    events.add("cancelled, locked=" + cond.locked());
                    throw e;
                }
            }
        });
        Aio.sleep(0);
        Held mine = cond.acquire();
        cond.signal();     // t is woken, then waits for the lock we hold
        Aio.sleep(0);
        t.cancel();        // arrives while t re-acquires
        Aio.sleep(0);
        assertFalse(t.done());
        mine.close();
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertEquals(List.of("cancelled, locked=true"), events);
        assertFalse(cond.locked());
    }

    @AioTest
    void aSignalToAWaiterCancelledBeforeItRunsGoesToTheNextWaiter() {
        // Python 3.13 (gh-112202): a notify must not be lost because its target was cancelled.
        Condition cond = new Condition();
        List<Integer> woken = new ArrayList<>();
        Task<Void> a = waiter(cond, woken, 1);
        Task<Void> b = waiter(cond, woken, 2);
        Aio.sleep(0);
        try (var _ = cond.acquire()) {
            cond.signal(); // to a
            a.cancel();    // before a runs
        }
        assertThrows(CancelledError.class, () -> Aio.await(a));
        Aio.await(b);      // b got the signal a could not use
        assertEquals(List.of(2), woken);
    }

    @AioTest
    void awaitUnderATimeoutRaisesTimeoutErrorWithTheLockHeld(SelectorEventLoop loop) {
        Condition cond = new Condition();
        double t0 = loop.time();
        try (var _ = cond.acquire()) {
            assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
                cond.await();
                return null;
            }, 0.25));
            assertTrue(cond.locked());
        }
        assertEquals(0.25, loop.time() - t0, 1e-9);
        assertFalse(cond.locked());
    }

    @AioTest(timeoutSeconds = 20)
    void anExpiredTimeoutWaitsForAContendedLockWithoutSpinning(SelectorEventLoop loop) {
        // Inside an expired timeout every await raises again (level-triggered). Re-acquiring the lock
        // must still wait for its holder: without spinning, so that virtual time moves on to the moment
        // the holder lets go (t=5), and only then raise TimeoutError with the lock held.
        Condition cond = new Condition();
        double t0 = loop.time();
        int[] steps = {0};
        try (var _ = cond.acquire()) {
            Aio.createTask(() -> {
                try (var _ = cond.acquire()) { // gets it while we wait
                    Aio.sleep(5);
                }
            });
            Task<Void> counter = Aio.createTask(() -> {
                while (true) {
                    steps[0]++;
                    Aio.sleep(1);
                }
            });
            assertThrows(TimeoutError.class, () -> {
                try (var _ = Aio.timeout(1.0)) {
                    cond.await();
                }
            });
            assertTrue(cond.locked());
            assertEquals(5.0, loop.time() - t0, 1e-9);
            assertEquals(6, steps[0]); // t=0..5: the loop idled between timers, nobody spun
            counter.cancel();
        }
        assertFalse(cond.locked());
    }

    @AioTest
    void conditionsMayShareALock() {
        Lock lock = new Lock();
        Condition notEmpty = new Condition(lock);
        Condition notFull = new Condition(lock);
        try (var _ = notEmpty.acquire()) {
            assertTrue(lock.locked());
            assertTrue(notFull.locked());
        }
        assertFalse(lock.locked());
        assertThrows(NullPointerException.class, () -> new Condition(null));
    }
}
