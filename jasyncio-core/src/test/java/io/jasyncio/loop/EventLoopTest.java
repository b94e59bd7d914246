package io.jasyncio.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.testing.VirtualClock;
import io.jasyncio.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop's own contract: scheduling order, timers, running and stopping, thread-safe entry, errors. */
class EventLoopTest {

    @Test
    void callSoonRunsInFifoOrder() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                loop.callSoon(() -> order.add(n));
            }
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
        }
    }

    @Test
    void callbacksScheduledDuringAnIterationRunInTheNextOne() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            List<String> order = new ArrayList<>();
            loop.callSoon(() -> {
                order.add("a");
                loop.callSoon(() -> order.add("c"));
            });
            loop.callSoon(() -> {
                order.add("b");
                loop.stop();
            });
            loop.runForever();
            // stop() lets the current iteration finish; "c" was scheduled for the next one.
            assertEquals(List.of("a", "b"), order);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(List.of("a", "b", "c"), order);
        }
    }

    @Test
    void timersRunInTimeOrderAndFifoForTheSameTime() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            List<String> order = new ArrayList<>();
            loop.callLater(2, () -> order.add("2a"));
            loop.callLater(1, () -> order.add("1a"));
            loop.callLater(2, () -> order.add("2b"));
            loop.callAt(loop.time() + 1, () -> order.add("1b"));
            loop.callLater(0, () -> order.add("0"));
            loop.callSoon(() -> order.add("soon"));
            loop.callLater(3, loop::stop);
            loop.runForever();
            assertEquals(List.of("soon", "0", "1a", "1b", "2a", "2b"), order);
            assertEquals(3.0, loop.time(), 1e-9);
        }
    }

    @Test
    void cancelledHandlesDoNotRun() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            List<String> order = new ArrayList<>();
            Handle h = loop.callSoon(() -> order.add("soon"));
            TimerHandle t = loop.callLater(1, () -> order.add("later"));
            assertEquals(1.0, t.when(), 1e-9);
            h.cancel();
            t.cancel();
            t.cancel();
            assertTrue(h.cancelled());
            assertTrue(t.cancelled());
            loop.callLater(2, loop::stop);
            loop.runForever();
            assertEquals(List.of(), order);
        }
    }

    @Test
    void aMillionCancelledTimeoutsDoNotLeak() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            for (int i = 0; i < 1_000_000; i++) {
                loop.callLater(3600 + i, () -> { }).cancel();
            }
            assertEquals(0, loop.scheduledTimerCount());
            List<TimerHandle> live = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                live.add(loop.callLater(10 + i, () -> { }));
            }
            for (int i = 0; i < 1000; i += 2) {
                live.get(i).cancel();
            }
            assertEquals(500, loop.scheduledTimerCount());
        }
    }

    @Test
    void callSoonThreadsafeWakesABlockedLoop() throws Exception {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            CountDownLatch started = new CountDownLatch(1);
            List<String> seen = new ArrayList<>();
            loop.callSoon(started::countDown);
            Thread other = new Thread(() -> {
                try {
                    started.await(10, TimeUnit.SECONDS);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                loop.callSoonThreadsafe(() -> {
                    seen.add(Thread.currentThread().getName());
                    loop.stop();
                });
            }, "other");
            other.start();
            long t0 = System.nanoTime();
            loop.runForever(); // blocks in the selector with nothing scheduled until "other" calls in
            other.join();
            assertEquals(1, seen.size());
            assertFalse(seen.get(0).equals("other"), "the callback runs on the loop thread");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30));
        }
    }

    @Test
    void runUntilCompleteReturnsTheResultAndRaisesTheException() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertEquals(111, loop.runUntilComplete(() -> {
                Aio.sleep(1);
                return 111;
            }));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(() -> {
                        throw new IllegalArgumentException("bad");
                    }));
            assertEquals("bad", e.getMessage());
            assertFalse(loop.isRunning());
        }
    }

    @Test
    void stopBeforeTheFutureCompletesIsAnError() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            loop.callLater(1, loop::stop);
            var task = loop.createTask(() -> Aio.sleep(5, "late"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
            assertEquals("Event loop stopped before Future completed.", e.getMessage());
            assertEquals("late", loop.runUntilComplete(task));
        }
    }

    @Test
    void isRunningAndReentrancy() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            assertFalse(loop.isRunning());
            loop.runUntilComplete(() -> {
                assertTrue(loop.isRunning());
                IllegalStateException e = assertThrows(IllegalStateException.class, loop::runForever);
                assertEquals("This event loop is already running", e.getMessage());
                assertThrows(IllegalStateException.class, loop::close);
                try (SelectorEventLoop other = VirtualTime.newLoop()) {
                    IllegalStateException e2 = assertThrows(IllegalStateException.class, other::runForever);
                    assertEquals("Cannot run the event loop while another loop is running", e2.getMessage());
                }
                return null;
            });
        }
    }

    @Test
    void aClosedLoopRefusesWork() {
        SelectorEventLoop loop = VirtualTime.newLoop();
        loop.close();
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.callSoon(() -> { })).getMessage());
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
    }

    @Test
    void getRunningLoopAndGetEventLoopRules() {
        assertNull(EventLoops.runningOrNull());
        assertEquals("no running event loop",
                assertThrows(IllegalStateException.class, EventLoops::getRunningLoop).getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, EventLoops::getEventLoop);
        assertTrue(none.getMessage().startsWith("There is no current event loop in thread"), none.getMessage());
        try (SelectorEventLoop loop = VirtualTime.newLoop(); SelectorEventLoop set = VirtualTime.newLoop()) {
            EventLoops.setEventLoop(set);
            try {
                assertSame(set, EventLoops.getEventLoop());
                loop.runUntilComplete(() -> {
                    assertSame(loop, Aio.getRunningLoop());
                    assertSame(loop, Aio.getEventLoop(), "the running loop wins");
                    return null;
                });
            } finally {
                EventLoops.setEventLoop(null);
            }
            assertNull(EventLoops.runningOrNull()); // the loop stopped: no longer this thread's running loop
        }
    }

    @Test
    void eachThreadFindsItsOwnRunningLoopWhileOthersLookUpTheirs() throws Exception {
        // Aio.await asks the future's loop whether it runs on this thread before the ThreadLocal: threads
        // that look up their loops in turn must never see another's.
        int threads = 3;
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                try (SelectorEventLoop loop = new SelectorEventLoop()) {
                    loop.runUntilComplete(() -> {
                        for (int i = 0; i < 20_000; i++) {
                            if (Aio.getRunningLoop() != loop || EventLoops.runningOrNull() != loop || !loop.inLoop()) {
                                errors.add("iteration " + i + " saw another loop");
                                break;
                            }
                            if (i % 100 == 0) {
                                Aio.sleep(0);
                            }
                        }
                        return null;
                    });
                    if (EventLoops.runningOrNull() != null) {
                        errors.add("a stopped loop is still found");
                    }
                } catch (Throwable e) {
                    errors.add(e.toString());
                } finally {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(List.of(), errors);
        assertNull(EventLoops.runningOrNull());
    }

    @Test
    void awaitingAFutureOfAnotherLoopIsRefusedAndOneOfThisLoopIsAwaited() {
        try (SelectorEventLoop loop = VirtualTime.newLoop(); SelectorEventLoop other = VirtualTime.newLoop()) {
            io.jasyncio.Future<String> foreign = other.createFuture();
            foreign.setResult("not here");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(() -> {
                        io.jasyncio.Future<String> pending = other.createFuture();
                        return Aio.await(pending);
                    }));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
            assertEquals("not here", loop.runUntilComplete(() -> Aio.await(foreign)), "a done future is not awaited");
            assertEquals("here", loop.runUntilComplete(() -> {
                io.jasyncio.Future<String> own = loop.createFuture();
                loop.callSoon(() -> own.setResult("here"));
                return Aio.await(own);
            }));
        }
    }

    private static void assertNull(Object o) {
        assertTrue(o == null, String.valueOf(o));
    }

    @Test
    void callbackExceptionsGoToTheExceptionHandler() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            List<ExceptionContext> seen = new ArrayList<>();
            loop.setExceptionHandler((l, c) -> seen.add(c));
            RuntimeException boom = new RuntimeException("boom");
            Handle h = loop.callSoon(() -> {
                throw boom;
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, seen.size());
            assertSame(boom, seen.get(0).exception());
            assertSame(h, seen.get(0).get("handle"));
            assertTrue(seen.get(0).message().startsWith("Exception in callback "), seen.get(0).message());
            assertNotNull(loop.getExceptionHandler());
            loop.setExceptionHandler(null);
            assertEquals(null, loop.getExceptionHandler());
        }
    }

    @Test
    void defaultExceptionHandlerLogsMessageAndContext() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            RuntimeException boom = new RuntimeException("boom");
            loop.callExceptionHandler(ExceptionContext.of("Something broke", boom).with("peer", "127.0.0.1"));
            assertEquals(1, log.entries.size());
            assertEquals(System.Logger.Level.ERROR, log.entries.get(0).level());
            assertEquals("Something broke\npeer: 127.0.0.1", log.entries.get(0).message());
            assertSame(boom, log.entries.get(0).thrown());
        }
    }

    @Test
    void aFailingExceptionHandlerFallsBackToTheDefault() {
        try (SelectorEventLoop loop = VirtualTime.newLoop()) {
            CapturingLogger log = new CapturingLogger();
            loop.setLogger(log);
            loop.setExceptionHandler((l, c) -> {
                throw new IllegalStateException("handler bug");
            });
            loop.callExceptionHandler(ExceptionContext.of("original"));
            assertEquals(1, log.entries.size());
            assertTrue(log.entries.get(0).message().startsWith("Unhandled error in exception handler"),
                    log.entries.get(0).message());
            assertEquals("handler bug", log.entries.get(0).thrown().getMessage());
        }
    }

    @Test
    void virtualTimeJumpsWhenEverythingIsBlocked() {
        VirtualClock clock = new VirtualClock();
        try (SelectorEventLoop loop = new SelectorEventLoop(clock)) {
            long real0 = System.nanoTime();
            loop.runUntilComplete(() -> {
                Aio.sleep(86_400);
                return null;
            });
            assertEquals(86_400.0, clock.seconds(), 1e-6);
            assertTrue(System.nanoTime() - real0 < TimeUnit.SECONDS.toNanos(20));
            clock.advance(5);
            assertEquals(86_405.0, loop.time(), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        }
    }

    @Test
    void realTimeSleepTakesAboutThatLong() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            double t0 = loop.time();
            loop.runUntilComplete(() -> {
                Aio.sleep(0.05);
                return null;
            });
            double dt = loop.time() - t0;
            assertTrue(dt >= 0.05, "slept " + dt);
        }
    }
}
