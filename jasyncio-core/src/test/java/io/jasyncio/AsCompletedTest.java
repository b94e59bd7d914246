package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code asyncio.as_completed}: outcomes in the order the inputs finish, and its timeout. */
class AsCompletedTest {

    private static <T> Coroutine<T> after(double seconds, T value) {
        return () -> Aio.sleep(seconds, value);
    }

    @AioTest
    void outcomesComeInCompletionOrder(SelectorEventLoop loop) {
        List<String> log = new ArrayList<>();
        for (Future<String> f : Aio.asCompleted(List.of(after(3, "a"), after(1, "b"), after(2, "c")), null)) {
            log.add(Aio.await(f) + "@" + loop.time());
        }
        assertEquals(List.of("b@1.0", "c@2.0", "a@3.0"), log);
    }

    @AioTest
    void anExceptionComesInItsPlace(SelectorEventLoop loop) {
        IOException boom = new IOException("boom");
        Coroutine<Object> failing = () -> {
            Aio.sleep(1);
            throw boom;
        };
        Iterator<Future<Object>> it = Aio.asCompleted(List.of(after(2, (Object) "late"), failing));
        assertSame(boom, assertThrows(IOException.class, () -> Aio.await(it.next())));
        assertEquals(1.0, loop.time());
        assertEquals("late", Aio.await(it.next()));
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @AioTest
    void aCancelledInputGivesCancelledError(SelectorEventLoop loop) {
        Task<String> t = Aio.createTask(after(5, "x"));
        loop.callLater(1, () -> t.cancel("gone"));
        Iterator<Future<String>> it = Aio.asCompleted(List.of(t, after(2, "y")));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(it.next()));
        assertEquals("gone", e.getMessage());
        assertEquals(0, Aio.currentTask().cancelling());
        assertEquals("y", Aio.await(it.next()));
        assertEquals(2.0, loop.time());
    }

    @AioTest
    void afterTheTimeoutTheRestRaiseTimeoutErrorAndKeepRunning(SelectorEventLoop loop) {
        Task<String> slow = Aio.createTask(after(5, "slow"));
        Task<String> slower = Aio.createTask(after(6, "slower"));
        List<String> log = new ArrayList<>();
        for (Future<String> f : Aio.asCompleted(List.of(after(1, "fast"), slow, slower), 2.0)) {
            try {
                log.add(Aio.await(f) + "@" + loop.time());
            } catch (TimeoutError e) {
                log.add("timeout@" + loop.time());
            }
        }
        assertEquals(List.of("fast@1.0", "timeout@2.0", "timeout@2.0"), log);
        assertFalse(slow.cancelled());
        assertFalse(slower.done());
        assertEquals("slower", Aio.await(slower));
        assertEquals(6.0, loop.time());
    }

    @AioTest
    void outcomesReadyBeforeTheTimeoutComeBeforeTheTimeoutErrors(SelectorEventLoop loop) {
        Iterator<Future<String>> it = Aio.asCompleted(
                List.of(after(1, "a"), after(1.5, "b"), after(9, "c")), 2.0).iterator();
        Aio.sleep(3); // a and b finished, then the timeout passed, before anyone asked
        assertEquals("a", Aio.await(it.next()));
        assertEquals("b", Aio.await(it.next()));
        Future<String> third = it.next();
        assertTrue(third.done());
        assertInstanceOf(TimeoutError.class, assertThrows(TimeoutError.class, () -> Aio.await(third)));
        assertFalse(it.hasNext());
    }

    @AioTest
    void finishingBeforeTheTimeoutCancelsItsTimer(SelectorEventLoop loop) {
        for (Future<Integer> f : Aio.asCompleted(List.of(after(1, 1), after(2, 2)), 100.0)) {
            Aio.await(f);
        }
        assertEquals(2.0, loop.time());
        assertEquals(0, loop.scheduledTimerCount());
    }

    @AioTest
    void duplicateInputsComeOnce(SelectorEventLoop loop) {
        Coroutine<Integer> c = after(1, 1);
        Task<Integer> t = Aio.createTask(after(2, 2));
        List<Integer> results = new ArrayList<>();
        Iterator<Future<Integer>> it = Aio.asCompleted(List.of(c, t, c, t));
        while (it.hasNext()) {
            results.add(Aio.await(it.next()));
        }
        assertEquals(List.of(1, 2), results);
    }

    @AioTest
    void noInputsMeansNoOutcomes(SelectorEventLoop loop) {
        Iterator<Future<Object>> it = Aio.asCompleted(List.of());
        assertFalse(it.hasNext());
        assertFalse(Aio.asCompleted(List.<Awaitable<Object>>of(), 1.0).iterator().hasNext());
        assertEquals(0, loop.scheduledTimerCount(), "no inputs, no timer");
    }

    @AioTest
    void inputsThatAreAlreadyDoneComeInTheirGivenOrder(SelectorEventLoop loop) {
        Future<String> a = loop.createFuture();
        Future<String> b = loop.createFuture();
        b.setResult("b");
        a.setResult("a");
        List<String> results = new ArrayList<>();
        for (Future<String> f : Aio.asCompleted(List.of(a, b), null)) {
            results.add(Aio.await(f));
        }
        assertEquals(List.of("a", "b"), results);
        assertEquals(0.0, loop.time());
    }

    @AioTest
    void theFuturesHandedOutAreNotTheInputs(SelectorEventLoop loop) {
        Future<String> in = loop.createFuture();
        Iterator<Future<String>> it = Aio.asCompleted(List.of(in));
        Future<String> out = it.next();
        assertFalse(out == in);
        assertFalse(out.done());
        in.setResult("v");
        assertEquals("v", Aio.await(out));
    }
}
