package io.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.util.Comparator;
import java.util.List;

/** asyncio's PriorityQueue: smallest first, by natural order or a comparator. */
class PriorityQueueTest {

    record Job(int priority, String name) {
    }

    @AioTest
    void smallestFirstInNaturalOrder() {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        for (int i : new int[] {5, 1, 4, 2, 3}) {
            q.put(i);
        }
        assertEquals("<PriorityQueue maxsize=0 queue=[1, 2, 3, 4, 5] tasks=5>", q.toString());
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, q.get());
        }
    }

    @AioTest
    void aComparatorOrdersPriorityDataPairs() {
        PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        q.put(new Job(3, "low"));
        q.put(new Job(1, "urgent"));
        q.put(new Job(2, "normal"));
        assertEquals("urgent", q.get().name());
        assertEquals("normal", q.get().name());
        assertEquals("low", q.get().name());
    }

    @AioTest
    void aWaitingGetterReceivesTheSmallestOfWhatWasPutBeforeItRan() {
        PriorityQueue<Integer> q = new PriorityQueue<>(3, null);
        Task<Integer> getter = Aio.createTask(() -> q.get());
        Aio.sleep(0);
        q.putNowait(9);
        q.putNowait(4); // both arrive before the getter runs
        q.putNowait(6);
        assertEquals(4, Aio.await(getter));
        assertEquals(List.of(6, 9), List.of(q.getNowait(), q.getNowait()));
    }

    @AioTest
    void nullAndIncomparableItemsAreRefusedAndLeaveTheQueueUnchanged() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        assertThrows(NullPointerException.class, () -> q.put(null));
        q.put("a");
        assertThrows(ClassCastException.class, () -> q.put(new Object()));
        assertEquals(1, q.qsize());
        assertEquals(1, q.unfinishedTasks());
        assertEquals("a", q.get());
    }
}
