package io.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The Janus queue: one buffer, a blocking face for threads and a suspending face for tasks. Real time
 * (threads are involved); every wait is bounded.
 */
class JanusQueueTest {

    /** Suspends the test task until {@code condition} holds (real time, at most 10 s). */
    private static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Aio.sleep(0.001);
        }
    }

    /** A platform thread that records what it raised. */
    private static final class Worker {
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Thread thread;

        Worker(String name, ThrowingRunnable body) {
            thread = Thread.ofPlatform().name(name).daemon().start(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    error.set(e);
                }
            });
        }

        /** Suspends the calling task until the thread has ended; returns what it raised, if anything. */
        Throwable join() {
            until(() -> !thread.isAlive());
            return error.get();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void joinAll(List<Worker> workers) {
        for (Worker w : workers) {
            Throwable e = w.join();
            if (e != null) {
                throw new AssertionError(w.thread.getName() + " failed", e);
            }
        }
    }

    @AioTest(virtualTime = false)
    void aThreadPutsAndATaskGetsInOrder() {
        JanusQueue<Integer> q = new JanusQueue<>(0);
        Worker producer = new Worker("producer", () -> {
            for (int i = 0; i < 1000; i++) {
                q.syncQ().put(i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, q.asyncQ().get());
        }
        assertNull(producer.join());
        assertTrue(q.asyncQ().empty());
        assertEquals(1000, q.unfinishedTasks());
    }

    @AioTest(virtualTime = false)
    void aTaskPutsIntoABoundedQueueAndAThreadGets() {
        JanusQueue<Integer> q = new JanusQueue<>(2);
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Worker consumer = new Worker("consumer", () -> {
            for (int i = 0; i < 1000; i++) {
                got.add(q.syncQ().get());
                assertTrue(q.syncQ().qsize() <= 2);
            }
        });
        for (int i = 0; i < 1000; i++) {
            q.asyncQ().put(i); // suspends while two items wait
            assertTrue(q.asyncQ().qsize() <= 2);
        }
        assertNull(consumer.join());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
    }

    @AioTest(virtualTime = false, timeoutSeconds = 60)
    void threadsAndTasksHammeringBothFacesLoseAndDuplicateNothing() {
        // 4 producer threads + 4 producer tasks, 4 consumer threads + 4 consumer tasks, a bound of 8 so
        // that both faces block and suspend on both sides, 8 x 5,000 distinct items.
        final int perProducer = 5_000;
        final int producers = 4;
        JanusQueue<Long> q = new JanusQueue<>(8);
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        List<List<Long>> perConsumer = Collections.synchronizedList(new ArrayList<>());

        List<Worker> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long base = (long) p * 1_000_000;
            producerThreads.add(new Worker("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    q.syncQ().put(base + i);
                }
            }));
        }
        List<Task<Void>> producerTasks = new ArrayList<>();
        for (int p = producers; p < 2 * producers; p++) {
            long base = (long) p * 1_000_000;
            producerTasks.add(Aio.createTask(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.asyncQ().put(base + i);
                }
            }));
        }
        List<Worker> consumerThreads = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            consumerThreads.add(new Worker("consumer-" + c, () -> {
                List<Long> mine = new ArrayList<>();
                try {
                    while (true) {
                        Long item = q.syncQ().get();
                        mine.add(item);
                        all.add(item);
                        q.syncQ().taskDone();
                    }
                } catch (QueueShutDown end) {
                    perConsumer.add(mine);
                }
            }));
        }
        List<Task<Void>> consumerTasks = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            consumerTasks.add(Aio.createTask(() -> {
                List<Long> mine = new ArrayList<>();
                try {
                    while (true) {
                        Long item = q.asyncQ().get();
                        mine.add(item);
                        all.add(item);
                        q.asyncQ().taskDone();
                        if (mine.size() % 64 == 0) {
                            Aio.sleep(0); // let the other tasks at it too
                        }
                    }
                } catch (QueueShutDown end) {
                    perConsumer.add(mine);
                }
            }));
        }

        joinAll(producerThreads);
        Aio.await(Aio.gather(producerTasks));
        q.asyncQ().join();                      // every item taken and marked done
        assertEquals(0, q.unfinishedTasks());
        q.shutdown(false);                      // consumers end with QueueShutDown
        joinAll(consumerThreads);
        Aio.await(Aio.gather(consumerTasks));

        int total = 2 * producers * perProducer;
        assertEquals(total, all.size(), "items received");
        Set<Long> distinct = new HashSet<>(all);
        assertEquals(total, distinct.size(), "duplicates");
        for (int p = 0; p < 2 * producers; p++) {
            for (int i = 0; i < perProducer; i++) {
                assertTrue(distinct.contains((long) p * 1_000_000 + i), "lost " + p + "/" + i);
            }
        }
        // The buffer is FIFO: each consumer sees any one producer's items in the order they were put.
        assertEquals(8, perConsumer.size());
        for (List<Long> seen : perConsumer) {
            long[] last = new long[2 * producers];
            java.util.Arrays.fill(last, -1);
            for (long item : seen) {
                int p = (int) (item / 1_000_000);
                assertTrue(item % 1_000_000 > last[p], "out of order: " + item);
                last[p] = item % 1_000_000;
            }
        }
        assertEquals(0, q.getterCount());
        assertEquals(0, q.putterCount());
    }

    @AioTest(virtualTime = false)
    void gettersOfBothFacesAreServedInTheOrderTheyCame() {
        JanusQueue<String> q = new JanusQueue<>(0);
        AtomicReference<String> threadGot = new AtomicReference<>();
        Worker first = new Worker("first", () -> threadGot.set(q.syncQ().get()));
        until(() -> q.getterCount() == 1);
        Task<String> second = Aio.createTask(() -> q.asyncQ().get());
        until(() -> q.getterCount() == 2);
        q.asyncQ().putNowait("one");
        assertNull(first.join());
        assertEquals("one", threadGot.get());
        assertFalse(second.done());
        q.asyncQ().putNowait("two");
        assertEquals("two", Aio.await(second));
    }

    @AioTest(virtualTime = false)
    void anItemSignalledToACancelledTaskGoesToTheWaitingThread() {
        JanusQueue<String> q = new JanusQueue<>(0);
        Task<String> task = Aio.createTask(() -> q.asyncQ().get());
        until(() -> q.getterCount() == 1);
        AtomicReference<String> threadGot = new AtomicReference<>();
        Worker thread = new Worker("second", () -> threadGot.set(q.syncQ().get()));
        until(() -> q.getterCount() == 2);
        q.asyncQ().putNowait("x"); // wakes the task, first in line
        task.cancel();             // before it runs
        assertThrows(CancelledError.class, () -> Aio.await(task));
        assertNull(thread.join());
        assertEquals("x", threadGot.get());
        assertEquals(0, q.getterCount());
    }

    @AioTest(virtualTime = false)
    void anItemPutByAThreadForACancelledTaskGoesToTheNextTask() {
        JanusQueue<String> q = new JanusQueue<>(0);
        Task<String> a = Aio.createTask(() -> q.asyncQ().get());
        Task<String> b = Aio.createTask(() -> q.asyncQ().get());
        until(() -> q.getterCount() == 2);
        a.cancel();
        Worker producer = new Worker("producer", () -> q.syncQ().put("y"));
        assertNull(producer.join());
        assertThrows(CancelledError.class, () -> Aio.await(a));
        assertEquals("y", Aio.await(b));
    }

    @AioTest(virtualTime = false)
    void aSlotSignalledToACancelledTaskGoesToTheNextPutter() {
        JanusQueue<String> q = new JanusQueue<>(1);
        q.asyncQ().putNowait("old");
        Task<Void> p1 = Aio.createTask(() -> {
            q.asyncQ().put("p1");
        });
        Task<Void> p2 = Aio.createTask(() -> {
            q.asyncQ().put("p2");
        });
        until(() -> q.putterCount() == 2);
        assertEquals("old", q.asyncQ().getNowait()); // wakes p1
        p1.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(p1));
        Aio.await(p2);
        assertEquals("p2", q.asyncQ().getNowait());
    }

    @AioTest(virtualTime = false)
    void theBlockingFaceRefusesToBlockTheLoopThread() throws InterruptedException {
        JanusQueue<String> q = new JanusQueue<>(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.syncQ().get());
        assertEquals("syncQ().get would block the event loop's thread: use asyncQ().get in a task", e.getMessage());
        q.syncQ().putNowait("a"); // non-blocking calls are fine anywhere
        assertThrows(IllegalStateException.class, () -> q.syncQ().put("b"));
        assertThrows(IllegalStateException.class, () -> q.syncQ().join());
        assertEquals("a", q.syncQ().get()); // would not block: fine
        q.syncQ().taskDone();
        q.syncQ().join();                   // nothing unfinished: fine
    }

    @AioTest(virtualTime = false)
    void theSuspendingFaceRefusesOtherThreads() {
        JanusQueue<String> q = new JanusQueue<>(0);
        Worker w = new Worker("stranger", () -> q.asyncQ().get());
        Throwable e = w.join();
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals("asyncQ().get must be called in a task of the queue's loop; threads use syncQ().get", e.getMessage());
        Worker ok = new Worker("nowait", () -> q.asyncQ().putNowait("fine"));
        assertNull(ok.join());
        assertEquals("fine", q.asyncQ().get());
    }

    @AioTest(virtualTime = false)
    void blockingCallsWithATimeoutRaiseQueueEmptyAndQueueFull() {
        JanusQueue<String> q = new JanusQueue<>(1);
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Worker w = new Worker("timed", () -> {
            long t0 = System.nanoTime();
            try {
                q.syncQ().get(0.05);
            } catch (QueueEmpty e) {
                results.add("empty after " + ((System.nanoTime() - t0) >= 50_000_000L ? ">=50ms" : "<50ms"));
            }
            q.syncQ().put("x", 0.05);
            t0 = System.nanoTime();
            try {
                q.syncQ().put("y", 0.05);
            } catch (QueueFull e) {
                results.add("full after " + ((System.nanoTime() - t0) >= 50_000_000L ? ">=50ms" : "<50ms"));
            }
            results.add(q.syncQ().get(0.05));
        });
        assertNull(w.join());
        assertEquals(List.of("empty after >=50ms", "full after >=50ms", "x"), results);
        assertEquals(0, q.getterCount());
        assertEquals(0, q.putterCount());
        assertThrows(IllegalArgumentException.class, () -> q.syncQ().get(-1));
    }

    @AioTest(virtualTime = false)
    void anInterruptedBlockingGetRaisesAndLeavesTheLine() {
        JanusQueue<String> q = new JanusQueue<>(0);
        Worker w = new Worker("interrupted", () -> q.syncQ().get());
        until(() -> q.getterCount() == 1);
        w.thread.interrupt();
        assertInstanceOf(InterruptedException.class, w.join());
        assertEquals(0, q.getterCount());
        q.asyncQ().putNowait("kept");
        assertEquals("kept", q.asyncQ().get());
    }

    @AioTest(virtualTime = false)
    void shutdownWakesBlockedThreadsAndSuspendedTasks() {
        JanusQueue<String> empty = new JanusQueue<>(0);
        JanusQueue<String> full = new JanusQueue<>(1);
        full.syncQ().putNowait("x");
        Worker getter = new Worker("getter", () -> empty.syncQ().get());
        Worker putter = new Worker("putter", () -> full.syncQ().put("y"));
        Task<String> taskGetter = Aio.createTask(() -> empty.asyncQ().get());
        Task<Void> taskPutter = Aio.createTask(() -> {
            full.asyncQ().put("z");
        });
        until(() -> empty.getterCount() == 2 && full.putterCount() == 2);
        empty.shutdown(false);
        full.asyncQ().shutdown(false);
        assertInstanceOf(QueueShutDown.class, getter.join());
        assertInstanceOf(QueueShutDown.class, putter.join());
        assertThrows(QueueShutDown.class, () -> Aio.await(taskGetter));
        assertThrows(QueueShutDown.class, () -> Aio.await(taskPutter));
        assertEquals("x", full.asyncQ().get()); // a plain shutdown still lets the last items out
        assertThrows(QueueShutDown.class, () -> full.asyncQ().get());
        assertThrows(QueueShutDown.class, () -> full.syncQ().getNowait());
    }

    @AioTest(virtualTime = false)
    void immediateShutdownDropsItemsAndReleasesJoinersOfBothFaces() {
        JanusQueue<Integer> q = new JanusQueue<>(0);
        for (int i = 0; i < 5; i++) {
            q.asyncQ().putNowait(i);
        }
        Worker threadJoiner = new Worker("joiner", () -> q.syncQ().join());
        Task<Void> taskJoiner = Aio.createTask(() -> {
            q.asyncQ().join();
        });
        Aio.sleep(0.01);
        assertTrue(threadJoiner.thread.isAlive());
        assertFalse(taskJoiner.done());
        q.syncQ().shutdown(true);
        assertNull(threadJoiner.join());
        Aio.await(taskJoiner);
        assertEquals(0, q.unfinishedTasks());
        assertThrows(QueueShutDown.class, () -> q.asyncQ().get());
    }

    @AioTest(virtualTime = false)
    void joinCountsTheItemsOfBothFaces() {
        JanusQueue<Integer> q = new JanusQueue<>(3);
        Worker producer = new Worker("producer", () -> {
            for (int i = 0; i < 50; i++) {
                q.syncQ().put(i);
            }
            q.syncQ().join(); // until the task has marked all 50 done
        });
        int sum = 0;
        for (int i = 0; i < 50; i++) {
            sum += q.asyncQ().get();
            assertThrows(IllegalStateException.class, () -> q.syncQ().join()); // would block the loop
            q.asyncQ().taskDone();
        }
        assertNull(producer.join());
        assertEquals(49 * 50 / 2, sum);
        assertEquals(0, q.asyncQ().unfinishedTasks());
        assertThrows(IllegalStateException.class, () -> q.asyncQ().taskDone());
        q.asyncQ().join();
    }

    @Test
    void waitersOfAClosedLoopAreSkippedSoThreadsStillGetTheirItems() throws Exception {
        // A task left waiting when its loop was closed will never run again: a wake-up must not be
        // spent on it, or a thread waiting behind it would sleep beside an item.
        SelectorEventLoop loop = new SelectorEventLoop();
        List<String> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context.message()));
        JanusQueue<String> q = new JanusQueue<>(loop, 0);
        loop.runUntilComplete(() -> {
            Aio.createTask(() -> q.asyncQ().get());
            Aio.sleep(0);
            return null;
        });
        loop.close(); // the task is still waiting in the queue's line
        assertEquals(List.of("Task was destroyed but it is pending!"), reports);
        // The continuation back end drops a destroyed task's stack (its waiter stays in line); the
        // thread back end unwinds it (its catch takes the waiter out). Either way the thread must win.
        int before = q.getterCount();
        AtomicReference<String> got = new AtomicReference<>();
        Thread getter = Thread.ofPlatform().start(() -> {
            try {
                got.set(q.syncQ().get(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (q.getterCount() < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        q.syncQ().put("for the thread");
        getter.join(10_000);
        assertEquals("for the thread", got.get());
    }

    @AioTest(virtualTime = false)
    void nullTravelsLikeAnyItem() {
        JanusQueue<Integer> q = new JanusQueue<>(0);
        Worker producer = new Worker("producer", () -> {
            q.syncQ().put(1);
            q.syncQ().put(null); // the book's end-of-data marker
        });
        List<Integer> got = new ArrayList<>();
        Integer data;
        while ((data = q.asyncQ().get()) != null) {
            got.add(data);
        }
        assertNull(producer.join());
        assertEquals(List.of(1), got);
        assertEquals("<JanusQueue maxsize=0 qsize=0 getters[0] putters[0] tasks=2>", q.toString());
        assertEquals(0, q.asyncQ().maxsize());
        assertFalse(q.syncQ().full());
        assertTrue(q.syncQ().empty());
    }
}
