package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code asyncio.wait_for} as in Python 3.12 (a {@code timeout()} block around the await): on timeout the
 * awaited work is cancelled and waited for, then {@link TimeoutError} is raised.
 */
class WaitForTest {

    @AioTest
    void returnsTheResultWhenItComesBeforeTheTimeout(SelectorEventLoop loop) {
        assertEquals("x", Aio.waitFor(() -> Aio.sleep(1, "x"), 2.0));
        assertEquals(1.0, loop.time());
        assertEquals(0, loop.scheduledTimerCount(), "the deadline's timer is cancelled");
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aCoroutineRunsInlineAndIsCancelledAtTheDeadline(SelectorEventLoop loop) {
        Task<?> me = Aio.currentTask();
        List<String> log = new ArrayList<>();
        TimeoutError e = assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
            assertSame(me, Aio.currentTask(), "the coroutine runs in the calling task");
            try {
                Aio.sleep(10);
                return "slept";
            } finally {
                log.add("finally at " + loop.time());
            }
        }, 2.0));
        assertEquals(List.of("finally at 2.0"), log);
        assertEquals(2.0, loop.time());
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(0, me.cancelling());
        Aio.sleep(1); // the task is not cancelled any more
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void aTaskIsCancelledAtTheDeadlineAndItsCleanupIsAwaited(SelectorEventLoop loop) {
        Expect x = new Expect();
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                x.expect(1);
                assertEquals(2.0, loop.time());
                Aio.sleep(1);
                x.expect(2);
                throw e;
            }
        });
        assertThrows(TimeoutError.class, () -> Aio.waitFor(inner, 2.0));
        x.finish(3);
        assertEquals(3.0, loop.time());
        assertTrue(inner.cancelled());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aTaskThatSwallowsTheCancellationGivesItsResult(SelectorEventLoop loop) {
        // Python 3.12+: the timeout() block ends without an exception, so wait_for returns the value.
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                Aio.sleep(1);
                return "swallowed";
            }
        });
        assertEquals("swallowed", Aio.waitFor(inner, 2.0));
        assertEquals(3.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void aCoroutineThatSwallowsTheTimeoutWithoutAwaitingGivesItsResult(SelectorEventLoop loop) {
        String r = Aio.waitFor(() -> {
            try {
                return Aio.sleep(10, "slept");
            } catch (TimeoutError e) {
                return "swallowed";
            }
        }, 1.0);
        assertEquals("swallowed", r);
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
        Aio.sleep(1);
    }

    @AioTest
    void anExceptionRaisedWhileCancellingReplacesTheTimeout(SelectorEventLoop loop) {
        IOException cleanupFailed = new IOException("cleanup failed");
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                throw cleanupFailed;
            }
        });
        IOException e = assertThrows(IOException.class, () -> Aio.waitFor(inner, 1.0));
        assertSame(cleanupFailed, e);
        assertEquals(1.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void theInnerExceptionPropagatesUnchanged(SelectorEventLoop loop) {
        IOException boom = new IOException("boom");
        IOException e = assertThrows(IOException.class, () -> Aio.waitFor(() -> {
            Aio.sleep(1);
            throw boom;
        }, 5.0));
        assertSame(boom, e);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void aCoroutineThatNeverSuspendsReturnsAtOnce(SelectorEventLoop loop) {
        assertEquals("done", Aio.waitFor(() -> "done", 0.01));
        assertEquals("done", Aio.waitFor(() -> "done", null));
        assertEquals(0.0, loop.time());
        assertEquals(0, loop.scheduledTimerCount());
    }

    @AioTest
    void aCancelArrivingWithTheResultIsNotLost(SelectorEventLoop loop) {
        // GH-86296: the result and the caller's cancellation arrive in the same loop iteration; the
        // caller must end cancelled, not return the result and forget the cancel.
        Future<String> f = loop.createFuture();
        List<String> log = new ArrayList<>();
        Task<?>[] caller = new Task<?>[1];
        caller[0] = Aio.createTask(() -> {
            String r = Aio.waitFor(f, 5.0);
            log.add("returned " + r);
            return r;
        });
        loop.callLater(1, () -> {
            f.setResult("x");
            caller[0].cancel();
        });
        assertThrows(CancelledError.class, () -> Aio.await(caller[0]));
        assertTrue(caller[0].cancelled());
        assertEquals(List.of(), log);
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void noTimeoutWaitsAsLongAsItTakes(SelectorEventLoop loop) {
        assertEquals(7, Aio.waitFor(() -> Aio.sleep(1000, 7), null));
        assertEquals(1000.0, loop.time());
    }

    @AioTest
    void aPlainFutureIsCancelledAtTheDeadline(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(f, 1.5));
        assertTrue(f.cancelled());
        assertEquals(1.5, loop.time());
    }

    @AioTest
    void zeroTimeoutReturnsTheResultOfADoneFuture(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("ready");
        assertEquals("ready", Aio.waitFor(f, 0.0));
        Future<String> failed = loop.createFuture();
        IOException boom = new IOException("boom");
        failed.setException(boom);
        assertSame(boom, assertThrows(IOException.class, () -> Aio.waitFor(failed, 0.0)));
    }

    @AioTest
    void zeroTimeoutCancelsAPendingFutureAndRaisesTimeoutError(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        TimeoutError e = assertThrows(TimeoutError.class, () -> Aio.waitFor(f, 0.0));
        assertTrue(f.cancelled());
        assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals(0.0, loop.time());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void zeroTimeoutNeverStartsACoroutine(SelectorEventLoop loop) {
        List<String> ran = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
            ran.add("ran");
            return 5;
        }, 0.0));
        assertEquals(List.of(), ran);
    }

    @AioTest
    void negativeTimeoutIsLikeZero(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(10, "inner"));
        Aio.sleep(0);
        assertThrows(TimeoutError.class, () -> Aio.waitFor(inner, -1.0));
        assertTrue(inner.cancelled());
        assertEquals(0.0, loop.time());
    }

    @AioTest
    void zeroTimeoutWaitsForTheCancelledTasksCleanup(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                Aio.sleep(1);
                throw e;
            }
        });
        Aio.sleep(0);
        assertThrows(TimeoutError.class, () -> Aio.waitFor(inner, 0.0));
        assertTrue(inner.cancelled());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void zeroTimeoutGivesTheResultOfATaskThatSwallowsTheCancellation(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                return "swallowed";
            }
        });
        Aio.sleep(0);
        assertEquals("swallowed", Aio.waitFor(inner, 0.0));
    }

    @AioTest
    void zeroTimeoutRaisesTimeoutErrorEvenInATaskThatWasCancelledBefore(SelectorEventLoop loop) {
        // The task swallowed an earlier cancellation without uncancel(): cancelling() stays 1, but the
        // expired wait_for must still raise TimeoutError (asyncio: raise TimeoutError from fut.result()).
        Task<?> me = Aio.currentTask();
        me.cancel();
        assertThrows(CancelledError.class, () -> Aio.sleep(0));
        assertEquals(1, me.cancelling());
        Future<String> f = loop.createFuture();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(f, 0.0));
        assertEquals(1, me.cancelling());
    }

    @AioTest
    void cancellingTheCallerRaisesCancelledErrorNotTimeoutError(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> Aio.sleep(10, "inner"));
        Task<String> caller = Aio.createTask(() -> Aio.waitFor(inner, 5.0));
        Aio.sleep(1);
        caller.cancel("caller stop");
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(caller));
        assertFalse(e instanceof TimeoutError);
        assertTrue(caller.cancelled());
        assertTrue(inner.cancelled(), "cancelling wait_for cancels the awaited task");
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void cancellingTheCallerDuringAZeroTimeoutCleanupRaisesCancelledError(SelectorEventLoop loop) {
        Task<String> inner = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "inner");
            } catch (CancelledError e) {
                Aio.sleep(5);
                throw e;
            }
        });
        Aio.sleep(0);
        Task<String> caller = Aio.createTask(() -> Aio.waitFor(inner, 0.0));
        Aio.sleep(1);
        caller.cancel();
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(caller));
        assertFalse(e instanceof TimeoutError);
        assertTrue(caller.cancelled());
        assertEquals(1.0, loop.time());
        assertFalse(inner.done(), "the inner task still cleans up");
        assertThrows(CancelledError.class, () -> Aio.await(inner));
        assertEquals(5.0, loop.time());
    }

    @AioTest
    void theDeadlineAndAnOutsideCancelTogetherGiveCancelledError(SelectorEventLoop loop) {
        Task<String> caller = Aio.createTask(() -> Aio.waitFor(() -> Aio.sleep(10, "x"), 1.0));
        loop.callLater(1, () -> caller.cancel("outside"));
        Aio.sleep(0);
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(caller));
        assertFalse(e instanceof TimeoutError, "an outside cancel wins over the deadline: " + e);
        assertTrue(caller.cancelled());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void timeoutErrorIsACancelledErrorForCleanupCode(SelectorEventLoop loop) {
        CancelledError seen = assertThrows(CancelledError.class, () -> Aio.waitFor(() -> Aio.sleep(5, 1), 1.0));
        assertInstanceOf(TimeoutError.class, seen);
        assertNotNull(seen.getCause());
    }

    @AioTest
    void waitForOutsideATaskIsAnError(SelectorEventLoop loop) {
        Future<String> outcome = loop.createFuture();
        loop.callSoon(() -> {
            try {
                Aio.waitFor(() -> 1, 1.0);
                outcome.setResult("returned");
            } catch (IllegalStateException e) {
                outcome.setResult(e.getMessage());
            }
        });
        assertEquals("waitFor() must be called inside a task, not in a callback", Aio.await(outcome));
    }
}
