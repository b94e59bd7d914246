package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Debug mode: slow callbacks and task steps are reported with the culprit; wrong-thread calls raise. */
class DebugModeTest {

    /** A named callback, so the report can be checked for the culprit's name. */
    private record Blocker(long millis) implements Runnable {
        @Override
        public void run() {
            busyWait(millis);
        }

        @Override
        public String toString() {
            return "Blocker[" + millis + " ms]";
        }
    }

    private static void busyWait(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    static void hogTheLoop() {
        busyWait(150);
        Aio.sleep(0);
    }

    @Test
    void slowCallbackIsReportedWithItsNameAndWhereItWasScheduled() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            loop.setDebug(true);
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            loop.callSoon(new Blocker(150));
            loop.callSoon(new Blocker(1));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<String> warnings = new ArrayList<>();
            for (CapturingLogger.Entry e : log.entries) {
                if (e.level() == System.Logger.Level.WARNING) {
                    warnings.add(e.message());
                }
            }
            // Only the 150 ms callback is certain to be slow; on a loaded machine others may be too.
            List<String> blocker = warnings.stream().filter(m -> m.contains("Blocker[150 ms]")).toList();
            assertEquals(1, blocker.size(), warnings.toString());
            String w = blocker.get(0);
            assertTrue(w.matches("(?s)Executing <Handle Blocker\\[150 ms\\]> took \\d+\\.\\d{3} seconds\n.*"), w);
            assertTrue(w.contains("seconds\n  scheduled at:"), w);
            assertTrue(w.contains("DebugModeTest.slowCallbackIsReportedWithItsNameAndWhereItWasScheduled"), w);
        }
    }

    @Test
    void slowTaskStepIsReportedWithTheTaskNameAndStack() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            loop.setDebug(true);
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            loop.runUntilComplete(loop.createTask(() -> {
                hogTheLoop();
                return null;
            }, "hog"));
            String w = log.entries.stream().filter(e -> e.level() == System.Logger.Level.WARNING)
                    .map(CapturingLogger.Entry::message).findFirst().orElseThrow();
            assertTrue(w.startsWith("Executing <Task pending name='hog' at io.jasyncio.loop.DebugModeTest.hogTheLoop("), w);
            assertTrue(w.contains("\n  suspended at:\n    at io.jasyncio.loop.DebugModeTest.hogTheLoop("), w);
        }
    }

    @Test
    void slowCallbackDurationIsConfigurable() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertEquals(0.1, loop.getSlowCallbackDuration(), 1e-9);
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0.01);
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            loop.callSoon(new Blocker(30));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, log.entries.stream().filter(e -> e.message().contains("Blocker[30 ms]")).count(),
                    log.entries.toString());
        }
    }

    @Test
    void nothingIsReportedWithoutDebugMode() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertFalse(loop.getDebug());
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            loop.callSoon(new Blocker(150));
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of(), log.entries);
        }
    }

    @Test
    void loopMethodsFromAnotherThreadRaiseInDebugMode() throws Exception {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            loop.setDebug(true);
            AtomicReference<Throwable> seen = new AtomicReference<>();
            loop.runUntilComplete(() -> {
                Thread t = new Thread(() -> {
                    try {
                        loop.callSoon(() -> { });
                    } catch (Throwable e) {
                        seen.set(e);
                    }
                });
                t.start();
                t.join();
                return null;
            });
            assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
            assertEquals("Non-thread-safe operation callSoon invoked on an event loop other than the current one",
                    seen.get().getMessage());
        }
    }

    @Test
    void systemPropertyTurnsDebugOnForNewLoops() {
        System.setProperty("jasyncio.debug", "true");
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertTrue(loop.getDebug());
        } finally {
            System.clearProperty("jasyncio.debug");
        }
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertFalse(loop.getDebug());
        }
    }

    @Test
    void debugModeRecordsWhereAPendingTaskWasCreated() {
        SelectorEventLoop loop = VirtualTime.newLoop();
        loop.setDebug(true);
        List<ExceptionContext> reports = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        Task<Void> t = loop.createTask(() -> Aio.sleep(100, (Void) null), "left-behind");
        loop.runUntilComplete(() -> Aio.sleep(1, 0));
        loop.close();
        assertEquals(1, reports.size());
        assertEquals("Task was destroyed but it is pending!", reports.get(0).message());
        assertEquals(t, reports.get(0).get("task"));
        StackTraceElement[] created = (StackTraceElement[]) reports.get(0).get("source_traceback");
        assertEquals("debugModeRecordsWhereAPendingTaskWasCreated", created[0].getMethodName());
        assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> { }));
    }
}
