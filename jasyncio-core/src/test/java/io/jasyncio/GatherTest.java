package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code asyncio.gather}: order of results, first failure, returnExceptions, cancellation both ways. */
class GatherTest {

    private static <T> Coroutine<T> after(double seconds, T value) {
        return () -> Aio.sleep(seconds, value);
    }

    private static Coroutine<Object> failing(double seconds, Exception error) {
        return () -> {
            Aio.sleep(seconds);
            throw error;
        };
    }

    @AioTest
    void resultsComeInArgumentOrderNotCompletionOrder(SelectorEventLoop loop) {
        List<String> finished = new ArrayList<>();
        Future<List<String>> g = Aio.gather(
                () -> { Aio.sleep(3); finished.add("a"); return "a"; },
                () -> { Aio.sleep(1); finished.add("b"); return "b"; },
                () -> { Aio.sleep(2); finished.add("c"); return "c"; });
        assertEquals(List.of("a", "b", "c"), Aio.await(g));
        assertEquals(List.of("b", "c", "a"), finished);
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void gathersFuturesAndTasksTogether(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        loop.callLater(2, () -> f.setResult(7));
        Task<Integer> t = Aio.createTask(after(1, 5));
        List<Object> results = Aio.await(Aio.gather(false, List.of(f, t, after(0.5, 3))));
        assertEquals(List.of(7, 5, 3), results);
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void firstExceptionFailsTheGatherAtOnceWhileOthersKeepRunning(SelectorEventLoop loop) {
        IOException boom = new IOException("boom");
        Task<String> slow = Aio.createTask(after(5, "slow"));
        Future<List<Object>> g = Aio.gather(false, List.<Awaitable<?>>of(
                slow,
                failing(1, boom),
                failing(2, new IllegalStateException("second"))));
        IOException e = assertThrows(IOException.class, () -> Aio.await(g));
        assertSame(boom, e);
        assertEquals(1.0, loop.time());
        assertFalse(g.cancelled());
        assertSame(boom, g.exception());
        assertFalse(slow.done());
        // The other children are not cancelled: the slow one finishes with its result.
        assertEquals("slow", Aio.await(slow));
        assertEquals(5.0, loop.time());
        // Cancelling a gather that is already done cancels nothing.
        assertFalse(g.cancel());
    }

    @AioTest
    void returnExceptionsPutsEachExceptionInItsChildsPlace(SelectorEventLoop loop) {
        IllegalStateException bad = new IllegalStateException("bad");
        Task<String> cancelledChild = Aio.createTask(after(10, "never"));
        loop.callLater(1, () -> cancelledChild.cancel("child stop"));
        List<Object> results = Aio.await(Aio.gather(true, List.<Awaitable<?>>of(
                after(2, "ok"),
                failing(0.5, bad),
                cancelledChild)));
        assertEquals(2.0, loop.time());
        assertEquals(3, results.size());
        assertEquals("ok", results.get(0));
        assertSame(bad, results.get(1));
        CancelledError ce = assertInstanceOf(CancelledError.class, results.get(2));
        assertEquals("child stop", ce.getMessage());
    }

    @AioTest
    void aChildCancelledAloneRaisesCancelledErrorButTheGatherIsNotCancelled(SelectorEventLoop loop) {
        Task<String> a = Aio.createTask(after(1, "a"));
        Task<String> b = Aio.createTask(after(2, "b"));
        Future<List<String>> g = Aio.gather(a, b);
        Aio.sleep(0);
        assertTrue(a.cancel("alone"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(g));
        assertEquals("alone", e.getMessage());
        assertEquals(0.0, loop.time());
        assertFalse(g.cancelled());
        assertTrue(g.done());
        // The awaiting task itself was not cancelled: it carries on, and so does the sibling.
        assertEquals(0, Aio.currentTask().cancelling());
        assertFalse(b.done());
        assertEquals("b", Aio.await(b));
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void cancellingTheGatherCancelsEveryUnfinishedChild(SelectorEventLoop loop) {
        Expect x = new Expect();
        Task<String> done = Aio.createTask(after(0, "done"));
        Task<String> a = Aio.createTask(() -> {
            try {
                return Aio.sleep(10, "a");
            } catch (CancelledError e) {
                x.expect(2);
                assertEquals("stop", e.getMessage());
                throw e;
            }
        });
        Task<String> b = Aio.createTask(after(10, "b"));
        Future<List<String>> g = Aio.gather(done, a, b);
        Aio.sleep(1);
        assertTrue(done.done());
        x.expect(1);
        assertTrue(g.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(g));
        x.finish(3);
        assertEquals("stop", e.getMessage());
        assertEquals(1.0, loop.time());
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertFalse(done.cancelled());
        assertFalse(g.cancelled());
        assertEquals(0, Aio.currentTask().cancelling());
    }

    @AioTest
    void cancellingTheGatherPropagatesEvenWithReturnExceptions(SelectorEventLoop loop) {
        Future<List<Object>> g = Aio.gather(true, List.of(after(1, "a"), after(2, "b")));
        Aio.sleep(0);
        assertTrue(g.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(g));
        // asyncio: the message of the cancellation survives (CancelledError('stop')).
        assertEquals("stop", e.getMessage());
        assertEquals(0.0, loop.time());
        assertFalse(g.cancelled());
    }

    @AioTest
    void cancelledGatherRaisesEvenIfEveryChildSwallowedTheCancellation(SelectorEventLoop loop) {
        Coroutine<String> stubborn = () -> {
            try {
                return Aio.sleep(10, "slept");
            } catch (CancelledError e) {
                Aio.sleep(1);
                return "swallowed";
            }
        };
        Future<List<Object>> g = Aio.gather(true, List.of(stubborn));
        Aio.sleep(0);
        assertTrue(g.cancel("m"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(g));
        // Made from the last child, which was not cancelled but keeps the message of the cancel request it
        // swallowed (CPython drops it when the cancel goes to the awaited future: CancelledError()).
        assertEquals("m", e.getMessage());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void cancellingTheAwaitingTaskCancelsTheChildren(SelectorEventLoop loop) {
        Task<String> a = Aio.createTask(after(10, "a"));
        Task<String> b = Aio.createTask(after(10, "b"));
        Task<List<String>> waiter = Aio.createTask(() -> Aio.await(Aio.gather(a, b)));
        Aio.sleep(1);
        assertTrue(waiter.cancel("outer"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(waiter));
        assertEquals("outer", e.getMessage());
        assertTrue(a.cancelled());
        assertTrue(b.cancelled());
        assertTrue(waiter.cancelled());
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void anEmptyGatherIsDoneAtOnceWithAnEmptyList() {
        Future<List<Object>> g = Aio.gather(false, List.of());
        assertTrue(g.done());
        assertEquals(List.of(), g.result());
        assertEquals(List.of(), Aio.await(Aio.gather(true, List.of())));
    }

    @AioTest
    void duplicateAwaitablesRunOnceAndFillEverySlot(SelectorEventLoop loop) {
        int[] runs = {0};
        Coroutine<Integer> once = () -> {
            Aio.sleep(1);
            return ++runs[0];
        };
        Future<String> f = loop.createFuture();
        loop.callLater(2, () -> f.setResult("f"));
        List<Object> results = Aio.await(Aio.gather(false, List.of(once, f, once, f)));
        assertEquals(List.of(1, "f", 1, "f"), results);
        assertEquals(1, runs[0]);
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void duplicateCancelledChildGivesACancelledErrorInEverySlot() {
        Future<String> f = Aio.getRunningLoop().createFuture();
        f.cancel("twice");
        List<Object> results = Aio.await(Aio.gather(true, List.of(f, f)));
        assertEquals(2, results.size());
        for (Object r : results) {
            assertEquals("twice", assertInstanceOf(CancelledError.class, r).getMessage());
        }
        assertFalse(results.get(0) == results.get(1), "each slot gets its own CancelledError");
    }

    @AioTest
    void gatherOfFuturesAlreadyDoneIsDoneAtOnce(SelectorEventLoop loop) {
        // asyncio 3.12: the done callbacks of children that are already done run inside gather().
        Future<Integer> a = loop.createFuture();
        Future<Integer> b = loop.createFuture();
        a.setResult(1);
        b.setResult(2);
        Future<List<Integer>> g = Aio.gather(a, b);
        assertTrue(g.done());
        assertEquals(List.of(1, 2), g.result());

        Future<Integer> failed = loop.createFuture();
        IOException e = new IOException("x");
        failed.setException(e);
        Future<List<Integer>> g2 = Aio.gather(a, failed);
        assertTrue(g2.done());
        assertSame(e, g2.exception());
    }

    @AioTest
    void gatherWithSomeChildrenDoneWaitsForTheRest(SelectorEventLoop loop) {
        Future<Integer> a = loop.createFuture();
        a.setResult(1);
        Future<Integer> b = loop.createFuture();
        Future<List<Integer>> g = Aio.gather(a, b);
        assertFalse(g.done());
        loop.callLater(1, () -> b.setResult(2));
        assertEquals(List.of(1, 2), Aio.await(g));
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void laterFailuresDoNotReplaceTheFirst(SelectorEventLoop loop) {
        Future<Object> a = loop.createFuture();
        Future<Object> b = loop.createFuture();
        Future<List<Object>> g = Aio.gather(a, b);
        IllegalStateException first = new IllegalStateException("first");
        a.setException(first);
        Aio.sleep(0);
        b.setException(new IllegalStateException("second"));
        Aio.sleep(0);
        assertSame(first, assertThrows(IllegalStateException.class, () -> Aio.await(g)));
        assertEquals("second", b.exception().getMessage());
    }

    @AioTest
    void theGatherIsWaitedOnByManyTasks(SelectorEventLoop loop) {
        Future<List<Integer>> g = Aio.gather(after(1, 1), after(2, 2));
        Task<Integer> sum = Aio.createTask(() -> Aio.await(g).stream().mapToInt(Integer::intValue).sum());
        assertEquals(Arrays.asList(1, 2), Aio.await(g));
        assertEquals(3, Aio.await(sum));
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void toStringNamesTheGatheringFuture() {
        Future<List<Object>> g = Aio.gather(false, List.of(after(1, 1)));
        assertEquals("<_GatheringFuture pending>", g.toString());
        Aio.await(g);
        assertEquals("<_GatheringFuture finished result=[1]>", g.toString());
    }
}
