package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import io.jasyncio.testing.Expect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** asyncio's Barrier (3.11): rounds, draining, reset, abort, BrokenBarrierError, cancellation. */
class BarrierTest {

    @AioTest
    void theLastArrivalReleasesEveryoneWithDistinctIndices() {
        Expect ex = new Expect();
        Barrier barrier = new Barrier(3);
        assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                ex.expect(n);
                int index = barrier.await();
                ex.expect(3 + n);
                return index;
            }));
        }
        Aio.sleep(0);
        assertEquals(2, barrier.nWaiting());
        assertEquals("<Barrier [filling, waiters:2/3]>", barrier.toString());
        ex.expect(3);
        int mine = barrier.await(); // the third: releases the others
        assertEquals(2, mine);
        List<Integer> indices = new ArrayList<>();
        for (Task<Integer> t : tasks) {
            indices.add(Aio.await(t));
        }
        ex.finish(6);
        assertEquals(List.of(0, 1), indices);
        assertEquals(0, barrier.nWaiting());
        assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
    }

    @AioTest
    void theBarrierCanBeUsedForManyRounds() {
        Barrier barrier = new Barrier(4);
        List<String> log = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(Aio.createTask(() -> {
                for (int round = 0; round < 3; round++) {
                    log.add("r" + round);
                    barrier.await();
                    Aio.sleep(0.001 * n); // arrive at the next round at different times
                }
            }));
        }
        Aio.await(Aio.gather(tasks));
        // Nobody starts round r+1 before everyone has arrived at round r.
        assertEquals(12, log.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("r" + (i / 4), log.get(i));
        }
    }

    @AioTest
    void tasksArrivingWhileTheBarrierDrainsWaitForTheNextRound() {
        Barrier barrier = new Barrier(2);
        Set<Integer> first = new TreeSet<>();
        Set<Integer> second = new TreeSet<>();
        Task<Void> a = Aio.createTask(() -> {
            first.add(barrier.await());
        });
        Aio.sleep(0);
        // This task trips the barrier; c and d arrive while a has not yet left (draining).
        Task<Void> b = Aio.createTask(() -> {
            first.add(barrier.await());
        });
        Task<Void> c = Aio.createTask(() -> {
            second.add(barrier.await());
        });
        Task<Void> d = Aio.createTask(() -> {
            second.add(barrier.await());
        });
        Aio.await(Aio.gather(List.of(a, b, c, d)));
        assertEquals(Set.of(0, 1), first);
        assertEquals(Set.of(0, 1), second);
    }

    @AioTest
    void abortBreaksTheBarrierForWaitersAndLaterArrivals() {
        Barrier barrier = new Barrier(3);
        Task<Integer> a = Aio.createTask(() -> barrier.await());
        Aio.sleep(0);
        barrier.abort();
        assertTrue(barrier.broken());
        assertEquals("<Barrier [broken]>", barrier.toString());
        BrokenBarrierError e = assertThrows(BrokenBarrierError.class, () -> Aio.await(a));
        assertEquals("Abort or reset of barrier", e.getMessage());
        assertEquals("Barrier aborted", assertThrows(BrokenBarrierError.class, barrier::await).getMessage());
        barrier.reset();
        assertFalse(barrier.broken());
        assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
    }

    @AioTest
    void resetWhileTasksWaitBreaksTheirWaitAndTheBarrierIsUsableAfter() {
        Barrier barrier = new Barrier(2);
        Task<Integer> a = Aio.createTask(() -> barrier.await());
        Aio.sleep(0);
        assertEquals(1, barrier.nWaiting());
        barrier.reset();
        assertThrows(BrokenBarrierError.class, () -> Aio.await(a));
        assertFalse(barrier.broken());
        assertEquals(0, barrier.nWaiting());
        Task<Integer> b = Aio.createTask(() -> barrier.await());
        Aio.sleep(0); // b arrives first
        assertEquals(1, barrier.await());
        assertEquals(0, (int) Aio.await(b));
    }

    @AioTest
    void aCancelledWaiterLeavesTheBarrier() {
        Barrier barrier = new Barrier(2);
        Task<Integer> a = Aio.createTask(() -> barrier.await());
        Aio.sleep(0);
        assertEquals(1, barrier.nWaiting());
        a.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(a));
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.broken());
        Task<Integer> b = Aio.createTask(() -> barrier.await());
        Aio.sleep(0); // b arrives first
        assertEquals(1, barrier.await());
        assertEquals(0, (int) Aio.await(b));
    }

    @AioTest
    void aBarrierOfOneNeverWaits() {
        Barrier barrier = new Barrier(1);
        assertEquals(0, barrier.await());
        assertEquals(0, barrier.await());
        assertEquals(1, barrier.parties());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @AioTest
    void gatherReportsBrokenBarrierErrorsForEveryWaiterOnAbort() {
        Barrier barrier = new Barrier(4);
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(Aio.createTask(() -> barrier.await()));
        }
        Aio.sleep(0);
        assertEquals(3, barrier.nWaiting());
        barrier.abort();
        Future<List<Object>> all = Aio.gather(true, tasks);
        for (Object r : Aio.await(all)) {
            assertInstanceOf(BrokenBarrierError.class, r);
        }
        assertEquals(0, barrier.nWaiting());
    }
}
