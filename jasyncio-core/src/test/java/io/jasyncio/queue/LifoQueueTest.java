package io.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.List;

/** asyncio's LifoQueue: last in, first out, with the Queue's waiting rules. */
class LifoQueueTest {

    @AioTest
    void theLastItemPutComesOutFirst() {
        LifoQueue<Integer> q = new LifoQueue<>();
        for (int i = 0; i < 40; i++) { // past the initial capacity
            q.put(i);
        }
        assertEquals("<LifoQueue maxsize=0 queue=[39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, "
                + "23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0] tasks=40>",
                q.toString());
        for (int i = 39; i >= 0; i--) {
            assertEquals(i, q.get());
        }
        assertThrows(QueueEmpty.class, q::getNowait);
        q.put(null);
        assertNull(q.get());
    }

    @AioTest
    void aBoundedStackMakesPuttersWait() {
        LifoQueue<String> q = new LifoQueue<>(2);
        q.put("a");
        q.put("b");
        List<String> got = new ArrayList<>();
        Task<Void> putter = Aio.createTask(() -> {
            q.put("c");
        });
        Aio.sleep(0);
        got.add(q.get());  // b; wakes the putter, which puts c on top of a
        Aio.await(putter);
        got.add(q.get());
        got.add(q.get());
        assertEquals(List.of("b", "c", "a"), got);
    }
}
