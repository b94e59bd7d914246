package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancellation exactly as asyncio: raised at the await, catchable, cleanup may await, propagates down awaits. */
class CancellationTest {

    @AioTest
    void cancelRaisesAtTheAwaitAndCleanupMayAwait(SelectorEventLoop loop) {
        // Mirrors CPython 3.11: ['cb1', ('child cancelled', ('msg',)), 'cb2', ('cleanup done', 1.0), ('awaiter got', ('msg',))]
        List<String> events = new ArrayList<>();
        double t0 = loop.time();
        Task<Void> child = Aio.createTask(() -> {
            try {
                Aio.sleep(10);
            } catch (CancelledError e) {
                events.add("child cancelled " + e.getMessage());
                Aio.sleep(1);
                events.add("cleanup done " + (loop.time() - t0));
                throw e;
            }
        });
        Aio.sleep(0);
        loop.callSoon(() -> events.add("cb1"));
        assertTrue(child.cancel("msg"));
        loop.callSoon(() -> events.add("cb2"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(child));
        events.add("awaiter got " + e.getMessage());
        assertEquals(List.of("cb1", "child cancelled msg", "cb2", "cleanup done 1.0", "awaiter got msg"), events);
        assertTrue(child.cancelled());
        assertEquals(1, child.cancelling());
    }

    @AioTest
    void selfCancelRaisesAtTheNextAwaitAfterOneIteration(SelectorEventLoop loop) {
        List<String> events = new ArrayList<>();
        Task<?> me = Aio.currentTask();
        me.cancel();
        loop.callSoon(() -> events.add("cbA"));
        assertThrows(CancelledError.class, () -> Aio.sleep(0));
        events.add("raised");
        assertEquals(List.of("cbA", "raised"), events);
        assertEquals(1, me.cancelling());
        assertEquals(0, me.uncancel());
        Aio.sleep(0); // no longer cancelled
    }

    @AioTest
    void taskCancelledBeforeItStartsNeverRuns() {
        List<Integer> ran = new ArrayList<>();
        Task<Void> t = Aio.createTask(() -> {
            ran.add(1);
        });
        t.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(t));
        assertEquals(List.of(), ran);
        assertTrue(t.cancelled());
    }

    @AioTest
    void coroutineThatSwallowsCancellationEndsWithItsResult() {
        Task<String> t = Aio.createTask(() -> {
            try {
                Aio.sleep(10);
                return "slept";
            } catch (CancelledError e) {
                return "Nope";
            }
        });
        Aio.sleep(0);
        t.cancel();
        assertEquals("Nope", Aio.await(t));
        assertFalse(t.cancelled());
        assertEquals(1, t.cancelling());
    }

    @AioTest
    void absorbingCancellationKeepsTheTaskRunning(SelectorEventLoop loop) {
        // Example 3-10's "Nope!": for educational purposes only.
        List<String> events = new ArrayList<>();
        Task<Void> t = Aio.createTask(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    Aio.sleep(1);
                    events.add("slept at " + loop.time());
                } catch (CancelledError e) {
                    events.add("Nope! at " + loop.time());
                }
            }
        });
        Aio.sleep(0.5);
        t.cancel();
        Aio.await(t);
        assertEquals(List.of("Nope! at 0.5", "slept at 1.5", "slept at 2.5"), events);
        assertFalse(t.cancelled());
    }

    @AioTest
    void cancellingTheAwaiterCancelsTheAwaitedTask() {
        List<String> events = new ArrayList<>();
        Task<Void> inner = Aio.createTask(() -> {
            try {
                Aio.sleep(10);
            } catch (CancelledError e) {
                events.add("inner cancelled");
                throw e;
            }
        });
        Task<Void> outer = Aio.createTask(() -> {
            Aio.await(inner);
        });
        Aio.sleep(0);
        outer.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(outer));
        events.add("outer cancelled");
        assertEquals(List.of("inner cancelled", "outer cancelled"), events);
        assertTrue(inner.cancelled());
    }

    @AioTest
    void awaitingATaskCancelledOnItsOwnRaisesCancelledError() {
        Task<Integer> inner = Aio.createTask(() -> Aio.sleep(10, 1));
        Task<String> outer = Aio.createTask(() -> {
            try {
                Aio.await(inner);
                return "no";
            } catch (CancelledError e) {
                return "outer saw " + e.getMessage();
            }
        });
        Aio.sleep(0);
        inner.cancel("inner only");
        assertEquals("outer saw inner only", Aio.await(outer));
    }

    @AioTest
    void cancelOfADoneTaskReturnsFalse() {
        Task<Integer> t = Aio.createTask(() -> 3);
        assertEquals(3, Aio.await(t));
        assertFalse(t.cancel());
        assertEquals(0, t.cancelling());
    }

    @AioTest
    void repeatedCancelCountsRequests() {
        Task<Integer> t = Aio.createTask(() -> Aio.sleep(10, 1));
        Aio.sleep(0);
        assertTrue(t.cancel());
        assertTrue(t.cancel());
        assertEquals(2, t.cancelling());
        assertEquals(1, t.uncancel());
        assertThrows(CancelledError.class, () -> Aio.await(t));
    }

    @AioTest
    void cancellationAfterResultArrivedButBeforeStepStillRaises(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        Task<String> t = Aio.createTask(() -> {
            try {
                return "got " + Aio.await(f);
            } catch (CancelledError e) {
                return "cancelled";
            }
        });
        Aio.sleep(0);
        f.setResult(1); // t's step is scheduled
        t.cancel();     // the waiter is done: the cancellation is delivered instead of the result
        assertEquals("cancelled", Aio.await(t));
    }

    @Test
    void runUntilCompleteOfACancelledTaskRaisesCancelledError() {
        // The notes' call_later(5, stop) example, on virtual time.
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            Task<Void> task = loop.createTask(() -> {
                while (true) {
                    Aio.sleep(1);
                }
            }, "forever");
            loop.callLater(5, task::cancel);
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertEquals(5.0, loop.time(), 1e-9);
            assertTrue(task.cancelled());
        }
    }

    @AioTest
    void catchExceptionDoesNotHideCancellationInsideATimeout() {
        // A catch-all swallows the first delivery; the next await inside the expired scope raises again.
        List<String> events = new ArrayList<>();
        assertThrows(TimeoutError.class, () -> {
            try (Timeout _ = Aio.timeout(1.0)) {
                try {
                    Aio.sleep(5);
                } catch (Exception swallowed) {
                    events.add("swallowed " + swallowed.getClass().getSimpleName());
                }
                Aio.sleep(5);
                events.add("unreachable");
            }
        });
        assertEquals(List.of("swallowed TimeoutError"), events);
        assertEquals(0, Aio.currentTask().cancelling());
    }
}
