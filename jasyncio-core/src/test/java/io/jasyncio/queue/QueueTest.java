package io.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.util.ArrayList;
import java.util.List;

/** asyncio's Queue: FIFO items and waiters, bound, taskDone/join, no item lost to cancellation, 3.13 shutdown. */
class QueueTest {

    @AioTest
    void itemsComeOutInTheOrderTheyWentIn() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.empty());
        assertFalse(q.full());
        assertEquals(0, q.maxsize());
        for (int i = 0; i < 100; i++) {
            q.put(i);            // unbounded: never suspends
        }
        assertEquals(100, q.qsize());
        assertFalse(q.full());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, q.get());
        }
        assertTrue(q.empty());
    }

    @AioTest
    void nowaitMethodsRaiseQueueFullAndQueueEmpty() {
        Queue<String> q = new Queue<>(2);
        assertThrows(QueueEmpty.class, q::getNowait);
        q.putNowait("a");
        q.putNowait("b");
        assertTrue(q.full());
        assertThrows(QueueFull.class, () -> q.putNowait("c"));
        assertEquals("<Queue maxsize=2 queue=[a, b] tasks=2>", q.toString());
        assertEquals("a", q.getNowait());
        assertEquals("b", q.getNowait());
        assertThrows(QueueEmpty.class, q::getNowait);
    }

    @AioTest
    void nullIsAnItemLikeAnyOther() {
        Queue<String> q = new Queue<>();
        q.put(null);
        q.put("x");
        assertEquals(2, q.qsize());
        assertNull(q.get());
        assertEquals("x", q.get());
    }

    @AioTest
    void putSuspendsWhileFullAndGetWakesIt() {
        Expect ex = new Expect();
        Queue<Integer> q = new Queue<>(1);
        Task<Void> producer = Aio.createTask(() -> {
            ex.expect(1);
            q.put(1);
            ex.expect(2);
            q.put(2);        // full: suspends
            ex.expect(5);
        });
        Aio.sleep(0);
        ex.expect(3);
        assertEquals("<Queue maxsize=1 queue=[1] putters[1] tasks=1>", q.toString());
        assertEquals(1, q.get()); // wakes the producer
        ex.expect(4);
        assertEquals(2, q.get()); // suspends until the producer has put it
        Aio.await(producer);
        ex.finish(6);
    }

    @AioTest
    void gettersAreServedInFifoOrder() {
        Queue<String> q = new Queue<>();
        List<String> got = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                got.add(n + ":" + q.get());
            }));
        }
        Aio.sleep(0);
        assertEquals("<Queue maxsize=0 getters[3]>", q.toString());
        q.putNowait("a");
        q.putNowait("b");
        q.putNowait("c");
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of("1:a", "2:b", "3:c"), got);
    }

    @AioTest
    void puttersAreServedInFifoOrder() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("first");
        List<Task<Void>> tasks = new ArrayList<>();
        for (String s : List.of("a", "b", "c")) {
            tasks.add(Aio.createTask(() -> {
                q.put(s);
            }));
        }
        Aio.sleep(0);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(q.get());
        }
        Aio.await(Aio.gather(tasks));
        assertEquals(List.of("first", "a", "b", "c"), got);
    }

    @AioTest
    void anItemSignalledToACancelledGetterGoesToTheNextGetter() {
        // CPython test_cancelled_getters_not_being_held_in_self_getters / get_cancelled_race:
        // put wakes g1, g1 is cancelled before it runs; the item must reach g2, never be lost.
        Queue<String> q = new Queue<>();
        Task<String> g1 = Aio.createTask(() -> q.get());
        Task<String> g2 = Aio.createTask(() -> q.get());
        Aio.sleep(0);
        q.putNowait("x");
        g1.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(g1));
        assertEquals("x", Aio.await(g2));
        assertTrue(q.empty());
        assertEquals("<Queue maxsize=0 tasks=1>", q.toString()); // no getter left behind
    }

    @AioTest
    void aCancelledGetterThatWasNotWokenLeavesTheLine() {
        Queue<String> q = new Queue<>();
        Task<String> g1 = Aio.createTask(() -> q.get());
        Task<String> g2 = Aio.createTask(() -> q.get());
        Aio.sleep(0);
        g1.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(g1));
        assertEquals("<Queue maxsize=0 getters[1]>", q.toString());
        q.putNowait("y");
        assertEquals("y", Aio.await(g2));
    }

    @AioTest
    void aSlotSignalledToACancelledPutterGoesToTheNextPutter() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("old");
        Task<Void> p1 = Aio.createTask(() -> {
            q.put("p1");
        });
        Task<Void> p2 = Aio.createTask(() -> {
            q.put("p2");
        });
        Aio.sleep(0);
        assertEquals("old", q.getNowait()); // wakes p1
        p1.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(p1));
        Aio.await(p2);
        assertEquals("p2", q.getNowait());
        assertTrue(q.empty());
    }

    @AioTest
    void getUnderATimeoutGivesUpAndTheQueueStillWorks(SelectorEventLoop loop) {
        Queue<Integer> q = new Queue<>();
        double t0 = loop.time();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> q.get(), 0.5));
        assertEquals(0.5, loop.time() - t0, 1e-9);
        assertEquals("<Queue maxsize=0>", q.toString());
        loop.callLater(1, () -> q.putNowait(7));
        assertEquals(7, q.get());
        assertEquals(1.5, loop.time() - t0, 1e-9);
    }

    @AioTest
    void putUnderATimeoutGivesUpWithoutPutting(SelectorEventLoop loop) {
        Queue<Integer> q = new Queue<>(1);
        q.put(1);
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
            q.put(2);
            return null;
        }, 0.5));
        assertEquals(1, q.qsize());
        assertEquals(1, q.get());
        assertTrue(q.empty());
    }

    @AioTest
    void joinReturnsWhenEveryItemIsDone(SelectorEventLoop loop) {
        Queue<Integer> q = new Queue<>();
        q.join(); // nothing put: returns at once
        for (int i = 0; i < 3; i++) {
            q.putNowait(i);
        }
        assertEquals(3, q.unfinishedTasks());
        Task<Void> worker = Aio.createTask(() -> {
            while (true) {
                q.get();
                Aio.sleep(1);
                q.taskDone();
            }
        });
        double t0 = loop.time();
        q.join();
        assertEquals(3.0, loop.time() - t0, 1e-9);
        assertEquals(0, q.unfinishedTasks());
        worker.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(worker));
        assertEquals("taskDone() called too many times",
                assertThrows(IllegalStateException.class, q::taskDone).getMessage());
    }

    @AioTest
    void producersAndConsumersInterleaveExactly() {
        // A bound of 2 with one producer and one consumer: the exact interleaving asyncio gives.
        Queue<Integer> q = new Queue<>(2);
        List<String> log = new ArrayList<>();
        Task<Void> producer = Aio.createTask(() -> {
            for (int i = 0; i < 5; i++) {
                q.put(i);
                log.add("put " + i);
            }
        });
        Task<Void> consumer = Aio.createTask(() -> {
            for (int i = 0; i < 5; i++) {
                log.add("got " + q.get());
            }
        });
        Aio.await(Aio.gather(producer, consumer));
        assertEquals(List.of("put 0", "put 1", "got 0", "got 1", "put 2", "put 3", "got 2", "got 3", "put 4", "got 4"),
                log);
    }

    @AioTest
    void shutdownMakesPutsFailAndGetsDrainThenFail() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.putNowait("b");
        q.shutdown();
        assertTrue(q.isShutdown());
        assertThrows(QueueShutDown.class, () -> q.put("c"));
        assertThrows(QueueShutDown.class, () -> q.putNowait("c"));
        assertEquals("a", q.get());
        assertEquals("b", q.getNowait());
        assertThrows(QueueShutDown.class, q::get);
        assertThrows(QueueShutDown.class, q::getNowait);
        assertEquals(2, q.unfinishedTasks()); // a plain shutdown leaves task accounting alone
        q.shutdown(); // again: harmless
    }

    @AioTest
    void shutdownWakesWaitingGettersAndPuttersWithQueueShutDown() {
        Queue<String> empty = new Queue<>();
        Queue<String> full = new Queue<>(1);
        full.putNowait("x");
        Task<String> getter = Aio.createTask(() -> empty.get());
        Task<Void> putter = Aio.createTask(() -> {
            full.put("y");
        });
        Aio.sleep(0);
        empty.shutdown();
        full.shutdown();
        assertThrows(QueueShutDown.class, () -> Aio.await(getter));
        assertThrows(QueueShutDown.class, () -> Aio.await(putter));
        assertEquals("x", full.get()); // items already in a plain-shut-down queue can still be got
        assertEquals("<Queue maxsize=1 tasks=1 shutdown>", full.toString());
    }

    @AioTest
    void immediateShutdownDropsTheItemsAndReleasesJoin() {
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 3; i++) {
            q.putNowait(i);
        }
        assertEquals(0, q.get());
        q.taskDone();
        Task<Void> joiner = Aio.createTask(() -> {
            q.join();
        });
        Aio.sleep(0);
        assertFalse(joiner.done());
        q.shutdown(true);
        assertTrue(q.empty());
        assertEquals(0, q.unfinishedTasks());
        Aio.await(joiner);
        assertThrows(QueueShutDown.class, q::get);
    }

    @AioTest
    void immediateShutdownCountsOnlyTheItemsItDrops() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        assertEquals(1, q.get()); // taken, not yet done
        q.shutdown(true);         // drops 2
        assertEquals(1, q.unfinishedTasks());
        Task<Void> joiner = Aio.createTask(() -> {
            q.join();
        });
        Aio.sleep(0);
        assertFalse(joiner.done());
        q.taskDone();
        Aio.await(joiner);
    }
}
