package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Aio.run} and {@code Runner}: asyncio's shutdown sequence. */
class RunnerTest {

    @AfterEach
    void resetFactory() {
        EventLoops.setLoopFactory(null);
    }

    @Test
    void runReturnsTheResultAndClosesTheLoop() {
        AtomicReference<SelectorEventLoop> seen = new AtomicReference<>();
        EventLoops.setLoopFactory(VirtualTime::newLoop);
        int r = Aio.run(() -> {
            seen.set(Aio.getRunningLoop());
            Aio.sleep(1);
            return 7;
        });
        assertEquals(7, r);
        assertTrue(seen.get().isClosed());
        assertThrows(IllegalStateException.class, EventLoops::getEventLoop, "run() unsets the thread's loop");
    }

    @Test
    void runRaisesTheMainTaskException() {
        EventLoops.setLoopFactory(VirtualTime::newLoop);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aio.run(() -> {
            throw new IllegalArgumentException("main failed");
        }));
        assertEquals("main failed", e.getMessage());
    }

    @Test
    void leftoverTasksAreCancelledAndAwaitedBeforeClose() {
        // The book's shutdown sequence: cancel the rest, gather them, then close; their cleanup may await.
        EventLoops.setLoopFactory(VirtualTime::newLoop);
        List<String> events = new ArrayList<>();
        Aio.run(() -> {
            SelectorEventLoop loop = Aio.getRunningLoop();
            for (String name : List.of("a", "b")) {
                Aio.createTask(() -> {
                    try {
                        Aio.sleep(100);
                    } catch (CancelledError e) {
                        events.add(name + " cancelled at " + loop.time());
                        Aio.sleep(1);
                        events.add(name + " cleaned up at " + loop.time());
                        throw e;
                    }
                }, name);
            }
            Aio.sleep(1);
            events.add("main done");
        });
        assertEquals(List.of("main done", "a cancelled at 1.0", "b cancelled at 1.0",
                "a cleaned up at 2.0", "b cleaned up at 2.0"), events);
    }

    @Test
    void aLeftoverTaskFailingDuringShutdownIsReported() {
        List<ExceptionContext> reports = new ArrayList<>();
        EventLoops.setLoopFactory(() -> {
            SelectorEventLoop loop = VirtualTime.newLoop();
            loop.setExceptionHandler((l, c) -> reports.add(c));
            return loop;
        });
        AtomicReference<Task<?>> left = new AtomicReference<>();
        Aio.run(() -> {
            left.set(Aio.createTask(() -> {
                try {
                    Aio.sleep(100);
                } catch (CancelledError e) {
                    throw new IllegalStateException("failed while cancelled");
                }
            }, "bad-cleanup"));
            Aio.sleep(0);
        });
        assertEquals(1, reports.size());
        assertEquals("unhandled exception during asyncio.run() shutdown", reports.get(0).message());
        assertEquals("failed while cancelled", reports.get(0).exception().getMessage());
        assertSame(left.get(), reports.get(0).get("task"));
    }

    @Test
    void runInsideARunningLoopIsRefused() {
        EventLoops.setLoopFactory(VirtualTime::newLoop);
        Aio.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Aio.run(() -> 1));
            assertEquals("Runner.run() cannot be called from a running event loop", e.getMessage());
        });
    }

    @Test
    void aRunnerRunsSeveralCoroutinesOnOneLoop() {
        try (Runner runner = new Runner(true, VirtualTime::newLoop)) {
            SelectorEventLoop loop = runner.getLoop();
            assertTrue(loop.getDebug());
            assertEquals(1, runner.run(() -> Aio.sleep(1, 1)));
            assertEquals(2, runner.run(() -> Aio.sleep(1, 2)));
            assertEquals(2.0, loop.time(), 1e-9);
            runner.close();
            assertTrue(loop.isClosed());
            assertThrows(IllegalStateException.class, () -> runner.run(() -> 3));
        }
    }
}
