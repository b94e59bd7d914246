package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.internal.FutureReuse;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.IOException;

/** FutureReuse: only a future that finished with a result and that nothing else can observe becomes pending again. */
class FutureReuseTest {

    @AioTest
    void aFutureThatFinishedWithAResultAndIsAwaitedNoMoreIsPendingAgain(SelectorEventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callSoon(() -> f.setResult("first"));
        assertEquals("first", Aio.await(f));
        assertTrue(FutureReuse.reset(f));
        assertFalse(f.done());
        assertEquals("<Future pending>", f.toString());
        loop.callSoon(() -> f.setResult("second"));
        assertEquals("second", Aio.await(f), "and it can be awaited again");
    }

    @AioTest
    void anythingElseIsRefusedAndLeftAsItWas(SelectorEventLoop loop) {
        Future<String> pending = loop.createFuture();
        assertFalse(FutureReuse.reset(pending));
        assertFalse(pending.done());

        Future<String> cancelled = loop.createFuture();
        cancelled.cancel();
        assertFalse(FutureReuse.reset(cancelled));
        assertTrue(cancelled.cancelled());

        Future<String> failed = loop.createFuture();
        failed.setException(new IOException("boom"));
        assertFalse(FutureReuse.reset(failed));
        assertEquals("boom", failed.exception().getMessage());

        Future<String> watched = loop.createFuture();
        watched.addDoneCallback(f -> { });
        watched.setResult("x");
        assertFalse(FutureReuse.reset(watched), "its done callback has yet to run, and would see it pending");
        assertEquals("x", watched.result());

        Task<String> task = loop.createTask(() -> "done");
        assertEquals("done", Aio.await(task));
        assertFalse(FutureReuse.reset(task), "a task is never reused");
    }

    @AioTest
    void aFutureMadeInDebugModeKeepsItsCreationTraceAndIsNotReused(SelectorEventLoop loop) {
        loop.setDebug(true);
        try {
            Future<String> f = loop.createFuture();
            f.setResult("x");
            assertFalse(FutureReuse.reset(f));
        } finally {
            loop.setDebug(false);
        }
    }
}
