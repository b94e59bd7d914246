package io.jasyncio;

import static io.jasyncio.Aio.ReturnWhen.ALL_COMPLETED;
import static io.jasyncio.Aio.ReturnWhen.FIRST_COMPLETED;
import static io.jasyncio.Aio.ReturnWhen.FIRST_EXCEPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.jasyncio.testing.AioTest;

/** {@code asyncio.wait}: its three modes, its timeout, and that it never cancels nor raises for the futures. */
class WaitTest {

    private static Task<String> sleeper(double seconds, String value) {
        return Aio.createTask(() -> Aio.sleep(seconds, value), value);
    }

    private static Task<String> failer(double seconds, String message) {
        return Aio.createTask(() -> {
            Aio.sleep(seconds);
            throw new IllegalStateException(message);
        }, message);
    }

    @AioTest
    void allCompletedWaitsForEveryFuture(SelectorEventLoop loop) {
        Task<String> a = sleeper(2, "a");
        Task<String> b = failer(1, "b");
        Task<String> c = sleeper(3, "c");
        Aio.Done<String> r = Aio.wait(List.of(a, b, c));
        assertEquals(3.0, loop.time());
        assertEquals(List.of(a, b, c), new ArrayList<>(r.done()));
        assertEquals(Set.of(), r.pending());
        // wait() never raises the futures' exceptions: they stay in the futures.
        assertEquals("b", b.exception().getMessage());
    }

    @AioTest
    void firstCompletedReturnsAtTheFirstAndLeavesTheOthersRunning(SelectorEventLoop loop) {
        Task<String> a = sleeper(2, "a");
        Task<String> b = sleeper(1, "b");
        Task<String> c = sleeper(3, "c");
        Aio.Done<String> r = Aio.wait(List.of(a, b, c), null, FIRST_COMPLETED);
        assertEquals(1.0, loop.time());
        assertEquals(List.of(b), new ArrayList<>(r.done()));
        assertEquals(List.of(a, c), new ArrayList<>(r.pending()));
        assertFalse(a.cancelled());
        assertEquals("c", Aio.await(c));
        assertEquals("a", a.result());
        assertEquals(3.0, loop.time());
    }

    @AioTest
    void firstCompletedCountsACancellationAsCompletion(SelectorEventLoop loop) {
        Task<String> a = sleeper(2, "a");
        Future<String> f = loop.createFuture();
        loop.callLater(1, f::cancel);
        Aio.Done<String> r = Aio.wait(List.of(a, f), null, FIRST_COMPLETED);
        assertEquals(1.0, loop.time());
        assertEquals(Set.of(f), r.done());
        assertEquals(Set.of(a), r.pending());
        Aio.await(a);
    }

    @AioTest
    void firstExceptionReturnsAtTheFirstFailure(SelectorEventLoop loop) {
        Task<String> a = sleeper(1, "a");
        Task<String> b = failer(2, "b");
        Task<String> c = sleeper(5, "c");
        Aio.Done<String> r = Aio.wait(List.of(a, b, c), null, FIRST_EXCEPTION);
        assertEquals(2.0, loop.time());
        assertEquals(List.of(a, b), new ArrayList<>(r.done()));
        assertEquals(List.of(c), new ArrayList<>(r.pending()));
        assertFalse(c.done());
        c.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(c));
    }

    @AioTest
    void firstExceptionWithoutFailuresWaitsForAll(SelectorEventLoop loop) {
        Task<String> a = sleeper(1, "a");
        Task<String> b = sleeper(2, "b");
        Aio.Done<String> r = Aio.wait(List.of(a, b), null, FIRST_EXCEPTION);
        assertEquals(2.0, loop.time());
        assertEquals(Set.of(a, b), r.done());
        assertEquals(Set.of(), r.pending());
    }

    @AioTest
    void firstExceptionDoesNotTreatACancellationAsAFailure(SelectorEventLoop loop) {
        Task<String> a = sleeper(3, "a");
        Future<String> f = loop.createFuture();
        loop.callLater(1, f::cancel);
        Aio.Done<String> r = Aio.wait(List.of(a, f), null, FIRST_EXCEPTION);
        assertEquals(3.0, loop.time());
        assertEquals(List.of(a, f), new ArrayList<>(r.done()));
    }

    @AioTest
    void firstExceptionWithAFutureThatAlreadyFailedReturnsAtOnce(SelectorEventLoop loop) {
        Future<String> failed = loop.createFuture();
        failed.setException(new IllegalStateException("early"));
        Task<String> a = sleeper(3, "a");
        Aio.Done<String> r = Aio.wait(List.of(a, failed), null, FIRST_EXCEPTION);
        assertEquals(0.0, loop.time());
        assertEquals(Set.of(failed), r.done());
        assertEquals(Set.of(a), r.pending());
        Aio.await(a);
    }

    @AioTest
    void timeoutReturnsWhatIsDoneAndCancelsNothing(SelectorEventLoop loop) {
        Task<String> a = sleeper(1, "a");
        Task<String> b = sleeper(5, "b");
        Aio.Done<String> r = Aio.wait(List.of(a, b), 2.5, ALL_COMPLETED);
        assertEquals(2.5, loop.time());
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.pending());
        assertFalse(b.done());
        assertEquals(0, Aio.currentTask().cancelling());
        assertEquals("b", Aio.await(b));
        assertEquals(5.0, loop.time());
    }

    @AioTest
    void timeoutOfZeroReturnsAfterOneIteration(SelectorEventLoop loop) {
        Future<String> done = loop.createFuture();
        done.setResult("d");
        Future<String> never = loop.createFuture();
        Aio.Done<String> r = Aio.wait(List.of(done, never), 0.0, ALL_COMPLETED);
        assertEquals(0.0, loop.time());
        assertEquals(Set.of(done), r.done());
        assertEquals(Set.of(never), r.pending());
        assertFalse(never.hasCallbacks(), "wait() removes its callbacks from the pending futures");
    }

    @AioTest
    void returningEarlyCancelsTheTimeoutTimer(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult("f"));
        Aio.Done<String> r = Aio.wait(List.of(f), 100.0, ALL_COMPLETED);
        assertEquals(1.0, loop.time());
        assertEquals(Set.of(f), r.done());
        assertEquals(0, loop.scheduledTimerCount());
    }

    @AioTest
    void cancellingTheWaiterRaisesCancelledErrorAndLeavesTheFuturesRunning(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> a = sleeper(5, "a");
        Task<Aio.Done<String>> waiter = Aio.createTask(() -> Aio.wait(List.of(f, a), 10.0, ALL_COMPLETED));
        Aio.sleep(1);
        assertTrue(waiter.cancel("stop waiting"));
        CancelledError e = assertThrows(CancelledError.class, () -> Aio.await(waiter));
        assertEquals("stop waiting", e.getMessage());
        assertEquals(1.0, loop.time());
        assertFalse(f.cancelled());
        assertFalse(a.cancelled());
        assertFalse(f.hasCallbacks(), "the cancelled wait() removed its callback");
        assertEquals(1, loop.scheduledTimerCount(), "only the sleeper's timer is left, not wait()'s");
        assertEquals("a", Aio.await(a));
    }

    @AioTest
    void duplicateFuturesAreWaitedForOnce(SelectorEventLoop loop) {
        Task<String> a = sleeper(1, "a");
        Aio.Done<String> r = Aio.wait(List.of(a, a, a), null, ALL_COMPLETED);
        assertEquals(List.of(a), new ArrayList<>(r.done()));
        assertEquals(1.0, loop.time());
    }

    @AioTest
    void waitingForDoneFuturesStillGoesThroughTheLoop(SelectorEventLoop loop) {
        // CPython 3.11 prints ['other1', 'other2', 'wait returned'].
        List<String> log = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.setResult("f");
        Aio.createTask(() -> {
            log.add("other1");
            Aio.sleep(0);
            log.add("other2");
        });
        Aio.Done<String> r = Aio.wait(List.of(f), null, FIRST_COMPLETED);
        log.add("wait returned");
        assertEquals(List.of("other1", "other2", "wait returned"), log);
        assertEquals(Set.of(f), r.done());
    }

    @AioTest
    void anEmptySetIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Aio.wait(List.<Future<String>>of()));
        assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
    }

    @AioTest
    void aMissingReturnWhenIsAnError(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Aio.wait(List.of(f), null, null));
        assertEquals("Invalid return_when value: null", e.getMessage());
    }

    @AioTest
    void waitingOutsideATaskIsAnError(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        Future<Object> outcome = loop.createFuture();
        loop.callSoon(() -> {
            try {
                Aio.wait(List.of(f));
                outcome.setResult("returned");
            } catch (IllegalStateException e) {
                outcome.setResult(e.getMessage());
            }
        });
        assertEquals("wait() must be called inside a task, not in a callback", Aio.await(outcome));
    }
}
