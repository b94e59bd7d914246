package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Level-triggered cancellation: once a {@link Timeout} expires or a {@link TaskGroup} aborts, every later
 * await inside the block raises again, even if the code swallowed the first {@link CancelledError}; a
 * cancellation from outside stays edge-triggered, as in asyncio.
 */
class CancelScopeTest {

    @AioTest
    void everyKindOfAwaitRaisesAgainInsideAnExpiredTimeout(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Future<String> pending = loop.createFuture();
        Task<String> other = Aio.createTask(() -> Aio.sleep(100, "other"));
        try (Timeout _ = Aio.timeout(1.0)) {
            try {
                Aio.sleep(5);
            } catch (TimeoutError e) {
                log.add("sleep");
            }
            List<Runnable> awaits = List.of(
                    () -> Aio.sleep(5),
                    () -> Aio.sleep(0),
                    () -> Aio.await(pending),
                    () -> Aio.waitFor(() -> Aio.sleep(5, 1), 10.0),
                    () -> Aio.await(Aio.gather(false, List.of((Coroutine<Integer>) () -> Aio.sleep(5, 1)))),
                    () -> Aio.wait(List.of(other)),
                    () -> Aio.taskGroup(tg -> Aio.sleep(5)));
            for (Runnable r : awaits) {
                CancelledError e = assertThrows(CancelledError.class, r::run);
                assertInstanceOf(TimeoutError.class, e);
                log.add("again");
            }
            assertEquals(1.0, loop.time(), "no time passes: each await raises on the next iteration");
        }
        assertEquals(8, log.size());
        assertTrue(pending.cancelled(), "the future awaited inside the cancelled block was cancelled");
        assertFalse(other.done(), "wait() never cancels what it waits for");
        assertEquals(0, Aio.currentTask().cancelling());
        Aio.sleep(1); // outside the block, awaits are normal again
        assertEquals(2.0, loop.time());
        other.cancel();
    }

    @AioTest
    void theReRaiseIsDeliveredAfterOneLoopIteration(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        try (Timeout _ = Aio.timeout(1.0)) {
            try {
                Aio.sleep(5);
            } catch (TimeoutError e) {
                log.add("first");
            }
            loop.callSoon(() -> log.add("callback scheduled before the await"));
            try {
                Aio.sleep(5);
            } catch (TimeoutError e) {
                log.add("again");
            }
        }
        assertEquals(List.of("first", "callback scheduled before the await", "again"), log);
    }

    @AioTest
    void awaitingAFutureThatIsDoneDoesNotRaise(SelectorEventLoop loop) {
        // As asyncio: awaiting a done future does not suspend, so it is not a point of cancellation.
        Future<String> done = loop.createFuture();
        done.setResult("ready");
        try (Timeout _ = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(5));
            assertEquals("ready", Aio.await(done));
        }
    }

    @AioTest
    void awaitingATaskInsideAnExpiredTimeoutCancelsItAndWaitsForIt(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<String> child = Aio.createTask(() -> {
            try {
                return Aio.sleep(100, "child");
            } catch (CancelledError e) {
                Aio.sleep(2);
                log.add("child cleaned up@" + loop.time());
                throw e;
            }
        });
        try (Timeout _ = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(5));
            assertThrows(TimeoutError.class, () -> Aio.await(child));
            log.add("raised@" + loop.time());
        }
        assertEquals(List.of("child cleaned up@3.0", "raised@3.0"), log);
        assertTrue(child.cancelled());
    }

    @AioTest
    void aNewTimeoutInsideAnExpiredOneIsCancelledToo(SelectorEventLoop loop) {
        Timeout[] inner = new Timeout[1];
        try (Timeout outer = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(5));
            assertThrows(TimeoutError.class, () -> {
                try (Timeout t = Aio.timeout(10.0)) {
                    inner[0] = t;
                    Aio.sleep(5);
                }
            });
            assertTrue(outer.expired());
        }
        assertFalse(inner[0].expired(), "the TimeoutError is the outer timeout's");
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void anAbortedGroupRaisesCancelledErrorAtEveryAwaitOfItsBlock(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        assertThrows(ExceptionGroup.class, () -> Aio.taskGroup(tg -> {
            tg.createTask(() -> {
                Aio.sleep(1);
                throw new IllegalStateException("child");
            });
            for (int i = 0; i < 3; i++) {
                try {
                    Aio.sleep(5);
                    log.add("slept");
                } catch (CancelledError e) {
                    log.add(e.getClass().getSimpleName() + "@" + loop.time());
                }
            }
        }));
        assertEquals(List.of("CancelledError@1.0", "CancelledError@1.0", "CancelledError@1.0"), log);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aGroupWhoseBlockSwallowedTheTimeoutIsAbortedWhenItStartsWaiting(SelectorEventLoop loop) {
        // The group's wait for its tasks is an await inside the expired timeout: it raises at once,
        // which aborts the group; the group then waits for its cancelled tasks and raises TimeoutError.
        List<String> log = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.taskGroup(tg -> {
                    tg.createTask(() -> {
                        try {
                            Aio.sleep(5);
                        } catch (CancelledError e) {
                            log.add("child cancelled@" + loop.time());
                            Aio.sleep(1);
                            throw e;
                        }
                    });
                    try {
                        Aio.sleep(5);
                    } catch (TimeoutError e) {
                        log.add("block swallowed@" + loop.time());
                    }
                });
            }
        });
        assertEquals(List.of("block swallowed@1.0", "child cancelled@1.0"), log);
        assertEquals(2.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void anOutsideCancelInsideATimeoutIsEdgeTriggered(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        try (Timeout t = Aio.timeout(10.0)) {
            me.cancel();
            assertThrows(CancelledError.class, () -> Aio.sleep(1));
            Aio.sleep(1); // swallowed: the next await goes on, as in asyncio
            assertFalse(t.expired());
        }
        assertEquals(1.0, loop.time());
        assertEquals(1, me.cancelling());
    }

    @AioTest
    void tasksCreatedInsideAnExpiredBlockAreNotCancelled(SelectorEventLoop loop) {
        Task<String> child;
        try (Timeout _ = Aio.timeout(1.0)) {
            assertThrows(TimeoutError.class, () -> Aio.sleep(5));
            child = Aio.createTask(() -> Aio.sleep(2, "child"));
        }
        assertEquals("child", Aio.await(child));
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void scopesBelongToTheirTask(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> a = Aio.createTask(() -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                Aio.sleep(5);
            } catch (TimeoutError e) {
                log.add("a timed out@" + loop.time());
            }
        });
        Task<Void> b = Aio.createTask(() -> {
            Aio.sleep(3);
            log.add("b slept@" + loop.time());
        });
        Aio.wait(List.of(a, b));
        assertEquals(List.of("a timed out@1.0", "b slept@3.0"), log);
    }

    @AioTest
    void aTimeoutClosedOutOfOrderStopsCountingAndLeavesTheOtherActive(SelectorEventLoop loop) {
        Timeout a = Aio.timeout(1.0);
        Timeout b = Aio.timeout(5.0);
        a.close(); // not the innermost: it is unlinked where it is
        Aio.sleep(2);
        assertFalse(a.expired());
        assertThrows(TimeoutError.class, () -> Aio.sleep(10));
        assertTrue(b.expired());
        b.close();
        assertEquals(5.0, loop.time());
        Aio.sleep(1);
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aCancelWithdrawnBeforeTheSleepingTaskRunsIsStillDelivered(SelectorEventLoop loop) {
        // CPython: the sleep's future is cancelled by cancel(), so the task gets CancelledError whatever
        // uncancel() does afterwards ("cancelled at 0.0"); awaiting a plain future behaves so here too.
        Task<String> t = Aio.createTask(() -> {
            try {
                Aio.sleep(5);
                return "slept until " + loop.time();
            } catch (CancelledError e) {
                return "cancelled at " + loop.time();
            }
        });
        Aio.sleep(0);
        t.cancel();
        assertEquals(0, t.uncancel());
        assertEquals("cancelled at 0.0", Aio.await(t)); // jasyncio: "slept until 0.0"
    }

    @AioTest
    void aCancelWithdrawnBeforeTheTaskAwaitingAFutureRunsIsStillDelivered(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> t = Aio.createTask(() -> {
            try {
                return Aio.await(f);
            } catch (CancelledError e) {
                return "cancelled";
            }
        });
        Aio.sleep(0);
        t.cancel();
        t.uncancel();
        assertEquals("cancelled", Aio.await(t));
        assertTrue(f.cancelled());
    }

    @AioTest
    void aCatchAllThatSwallowsTheTimeoutCannotLoopForever(SelectorEventLoop loop) {
        // The classic bug the level trigger guards against: catch (Exception e) { retry } inside a timeout.
        int attempts = 0;
        try (Timeout _ = Aio.timeout(2.5)) {
            while (attempts < 1000) { // a poll loop: sleep, check, sleep again
                attempts++;
                try {
                    Aio.sleep(1);
                } catch (Exception e) {
                    if (attempts > 3) {
                        throw e;
                    }
                }
            }
        } catch (TimeoutError e) {
            // expected
        }
        assertEquals(4, attempts);
        assertEquals(2.5, loop.time());
    }
}
