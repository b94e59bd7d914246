package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Executors and the thread-safe doors: runInExecutor, the default executor, wrapFuture, runCoroutineThreadsafe. */
class ThreadsTest {

    @AioTest(virtualTime = false)
    void runInExecutorReturnsTheResultOnTheLoop(SelectorEventLoop loop) {
        String name = Aio.await(loop.runInExecutor(null, () -> Thread.currentThread().getName()));
        assertTrue(name.startsWith("jasyncio-executor-"), name);
        Exception e = assertThrows(Exception.class,
                () -> Aio.await(loop.runInExecutor(null, () -> {
                    throw new IOException("in thread");
                })));
        assertTrue(e instanceof IOException);
    }

    @AioTest(virtualTime = false)
    void theDefaultExecutorRunsJobsInParallel(SelectorEventLoop loop) {
        int n = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        CountDownLatch all = new CountDownLatch(n);
        List<Future<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(loop.runInExecutor(null, () -> {
                all.countDown();
                return all.await(20, TimeUnit.SECONDS);
            }));
        }
        for (Object ok : Aio.await(Aio.gather(jobs))) {
            assertEquals(true, ok, "all pool threads ran at once");
        }
    }

    @AioTest(virtualTime = false)
    void cancellingTheFutureCancelsAJobNotYetStarted(SelectorEventLoop loop) {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            Future<Integer> busy = loop.runInExecutor(single, () -> {
                release.await();
                return 1;
            });
            AtomicBoolean ran = new AtomicBoolean();
            Future<Integer> queued = loop.runInExecutor(single, () -> {
                ran.set(true);
                return 2;
            });
            queued.cancel();
            Aio.sleep(0); // the cancellation reaches the executor job through a done callback
            release.countDown();
            assertEquals(1, Aio.await(busy));
            assertTrue(queued.cancelled());
            Aio.await(loop.runInExecutor(single, () -> 3));
            assertEquals(false, ran.get());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void runWaitsForTheDefaultExecutorSoNoCallbackHitsAClosedLoop() {
        // Example 3-36's problem: a blocking job outlives main(). run() waits for the executor.
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Aio.run(() -> {
            Aio.getRunningLoop().runInExecutor(null, () -> {
                Thread.sleep(200);
                events.add("job done");
                return null;
            });
            events.add("main done");
        });
        events.add("run returned");
        assertEquals(List.of("main done", "job done", "run returned"), events);
    }

    @Test
    void runInExecutorAfterShutdownIsRefused() {
        try (SelectorEventLoop loop = new SelectorEventLoop()) {
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.runInExecutor(null, () -> 1));
            assertEquals("Executor shutdown has been called", e.getMessage());
        }
    }

    @AioTest(virtualTime = false)
    void aVirtualThreadExecutorCanBeTheDefault(SelectorEventLoop loop) {
        loop.setDefaultExecutor(Executors.newVirtualThreadPerTaskExecutor());
        assertEquals(true, Aio.toThread(() -> Thread.currentThread().isVirtual()));
    }

    @AioTest(virtualTime = false)
    void wrapFutureAwaitsACompletableFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            cf.complete("from a thread");
        }).start();
        assertEquals("from a thread", Aio.await(Aio.wrapFuture(cf)));
        CompletableFuture<String> failing = CompletableFuture.failedFuture(new IOException("nope"));
        Exception e = assertThrows(Exception.class, () -> Aio.await(Aio.wrapFuture(failing)));
        assertTrue(e instanceof IOException);
    }

    @AioTest(virtualTime = false)
    void wrapFutureAwaitsAPlainFutureAndCancelsBothWays() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> plain = pool.submit(() -> 7);
            assertEquals(7, Aio.await(Aio.wrapFuture(plain)));
            CompletableFuture<Integer> never = new CompletableFuture<>();
            Future<Integer> wrapped = Aio.wrapFuture(never);
            wrapped.cancel();
            Aio.sleep(0); // done callbacks run on the next iteration
            assertTrue(never.isCancelled(), "cancelling the loop future cancels the source");
            CompletableFuture<Integer> source = new CompletableFuture<>();
            Future<Integer> mirror = Aio.wrapFuture(source);
            source.cancel(false);
            assertThrows(CancelledError.class, () -> Aio.await(mirror));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runCoroutineThreadsafeFromAnotherThread() throws Exception {
        SelectorEventLoop loop = new SelectorEventLoop();
        CountDownLatch running = new CountDownLatch(1);
        Thread loopThread = new Thread(() -> {
            EventLoops.setEventLoop(loop);
            loop.callSoon(running::countDown);
            loop.runForever();
        }, "loop-thread");
        loopThread.start();
        try {
            assertTrue(running.await(10, TimeUnit.SECONDS));
            CompletableFuture<String> ok = Aio.runCoroutineThreadsafe(() -> {
                Aio.sleep(0.01);
                return "ran on " + Thread.currentThread().getName();
            }, loop);
            String r = ok.get(10, TimeUnit.SECONDS);
            assertTrue(r.equals("ran on loop-thread") || r.startsWith("ran on Task-"), r);
            CompletableFuture<Object> bad = Aio.runCoroutineThreadsafe(() -> {
                throw new IllegalStateException("inside");
            }, loop);
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertEquals("inside", e.getCause().getMessage());
            CountDownLatch cancelledInside = new CountDownLatch(1);
            CompletableFuture<Object> slow = Aio.runCoroutineThreadsafe(() -> {
                try {
                    Aio.sleep(3600);
                } catch (CancelledError c) {
                    cancelledInside.countDown();
                    throw c;
                }
                return null;
            }, loop);
            Thread.sleep(50);
            assertTrue(slow.cancel(true));
            assertTrue(cancelledInside.await(10, TimeUnit.SECONDS), "the task saw the cancellation");
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(10_000);
            loop.close();
        }
    }
}
