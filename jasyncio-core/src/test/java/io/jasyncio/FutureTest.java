package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

class FutureTest {

    @AioTest
    void newFutureIsPendingAndResultRaisesInvalidState(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertFalse(f.done());
        assertFalse(f.cancelled());
        InvalidStateError e = assertThrows(InvalidStateError.class, f::result);
        assertEquals("Result is not ready.", e.getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
        assertSame(loop, f.getLoop());
        assertEquals("<Future pending>", f.toString());
    }

    @AioTest
    void setResultThenResult(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setResult("I have finished.");
        assertTrue(f.done());
        assertEquals("I have finished.", f.result());
        assertNull(f.exception());
        assertEquals("<Future finished result=I have finished.>", f.toString());
    }

    @AioTest
    void secondSetResultRaisesInvalidState(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(1);
        InvalidStateError e = assertThrows(InvalidStateError.class, () -> f.setResult(2));
        assertEquals("FINISHED: <Future finished result=1>", e.getMessage());
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertEquals(1, f.result());
    }

    @AioTest
    void exceptionIsRaisedUnchangedEvenWhenChecked(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        IOException boom = new IOException("boom");
        f.setException(boom);
        assertSame(boom, f.exception());
        Exception thrown = assertThrows(Exception.class, f::result);
        assertSame(boom, thrown);
    }

    @AioTest
    void cancelMakesResultRaiseCancelledErrorWithMessage(SelectorEventLoop loop) {
        Future<Integer> f = loop.createFuture();
        assertTrue(f.cancel("stop it"));
        assertFalse(f.cancel("again"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        CancelledError e = assertThrows(CancelledError.class, f::result);
        assertEquals("stop it", e.getMessage());
        assertThrows(CancelledError.class, f::exception);
        assertThrows(InvalidStateError.class, () -> f.setResult(1));
    }

    @AioTest
    void doneCallbacksAreScheduledNotRunInline(SelectorEventLoop loop) {
        Expect ex = new Expect();
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> ex.expect(3));
        f.addDoneCallback(x -> ex.expect(4));
        ex.expect(1);
        f.setResult(5);
        ex.expect(2);
        Aio.sleep(0);
        ex.finish(5);
    }

    @AioTest
    void callbackAddedToDoneFutureIsScheduled(SelectorEventLoop loop) {
        Expect ex = new Expect();
        Future<Integer> f = loop.createFuture();
        f.setResult(5);
        f.addDoneCallback(x -> {
            ex.expect(2);
            assertSame(f, x);
        });
        ex.expect(1);
        Aio.sleep(0);
        ex.finish(3);
    }

    @AioTest
    void removeDoneCallbackRemovesEveryRegistration(SelectorEventLoop loop) {
        List<String> seen = new ArrayList<>();
        Future<Integer> f = loop.createFuture();
        Consumer<Future<Integer>> a = x -> seen.add("a");
        Consumer<Future<Integer>> b = x -> seen.add("b");
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(a);
        assertEquals(2, f.removeDoneCallback(a));
        assertEquals(0, f.removeDoneCallback(a));
        f.setResult(1);
        Aio.sleep(0);
        assertEquals(List.of("b"), seen);
    }

    @AioTest
    void awaitOfDoneFutureDoesNotSuspend(SelectorEventLoop loop) {
        Expect ex = new Expect();
        loop.callSoon(() -> ex.expect(3));
        Future<Integer> f = loop.createFuture();
        f.setResult(7);
        ex.expect(1);
        assertEquals(7, Aio.await(f));
        ex.expect(2);
        Aio.sleep(0);
        ex.finish(4);
    }

    @AioTest
    void awaitSuspendsUntilAnotherTaskSetsTheResult(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        Aio.createTask(() -> {
            Aio.sleep(1);
            f.setResult("I have finished.");
        });
        assertEquals("I have finished.", Aio.await(f));
        assertEquals(1.0, loop.time(), 1e-9);
    }

    @AioTest
    void constructorWithoutLoopUsesTheRunningLoop(SelectorEventLoop loop) {
        assertSame(loop, new Future<Integer>().getLoop());
    }
}
