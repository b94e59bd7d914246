package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.VirtualTime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Where {@code Aio.await} may be called: inside a task it suspends, on the loop thread outside one it raises, elsewhere it blocks. */
class AwaitTest {

    @Test
    void awaitInACallbackOnTheLoopThreadIsAClearError() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            Future<Integer> f = loop.createFuture();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            loop.callSoon(() -> {
                try {
                    Aio.await(f);
                } catch (Throwable e) {
                    seen.set(e);
                }
                loop.stop();
            });
            loop.runForever();
            assertTrue(seen.get() instanceof IllegalStateException);
            assertTrue(seen.get().getMessage().startsWith("await called on the event loop's thread outside a task"),
                    seen.get().getMessage());
        }
    }

    @Test
    void sleepOutsideAnyLoopIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aio.sleep(1));
        assertEquals("sleep() needs a running event loop: call it inside a task", e.getMessage());
    }

    @AioTest(virtualTime = false)
    void awaitOnAnotherThreadBlocksThatThreadUntilDone(SelectorEventLoop loop) throws Exception {
        Future<String> f = loop.createFuture();
        AtomicReference<String> got = new AtomicReference<>();
        Thread worker = new Thread(() -> got.set(Aio.await(f)), "worker");
        worker.start();
        Aio.sleep(0.05);
        assertEquals(null, got.get());
        f.setResult("done");
        // Let the loop run the callback that releases the worker, without blocking the loop.
        for (int i = 0; i < 2000 && worker.isAlive(); i++) {
            Aio.sleep(0.005);
        }
        assertEquals("done", got.get());
    }

    @AioTest
    void awaitOfACoroutineRunsItInline() {
        Task<?> me = Aio.currentTask();
        String r = Aio.await(() -> {
            assertEquals(me, Aio.currentTask());
            Aio.sleep(1);
            return "inline";
        });
        assertEquals("inline", r);
    }
}
