package io.jasyncio.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.TimeoutError;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A conformance kit for {@link AsyncQueue}: the same checks against {@link Queue} and against the
 * suspending face of a {@link JanusQueue}, so that code written against the interface behaves the same
 * with either (trio's {@code _check_streams} idea).
 */
class AsyncQueueTest {

    @AioTest
    void queueConforms(SelectorEventLoop loop) {
        conformance(Queue::new, loop);
    }

    @AioTest
    void janusQueueConforms(SelectorEventLoop loop) {
        conformance(maxsize -> new JanusQueue<Integer>(maxsize).asyncQ(), loop);
    }

    private static void conformance(IntFunction<AsyncQueue<Integer>> make, SelectorEventLoop loop) {
        fifoAndNowait(make.apply(2));
        waitersInOrder(make.apply(0));
        cancelledGetterPassesTheItemOn(make.apply(0));
        timeoutLeavesNoTrace(make.apply(1), loop);
        joinAndTaskDone(make.apply(0), loop);
        shutdown(make.apply(0), make.apply(1));
    }

    private static void fifoAndNowait(AsyncQueue<Integer> q) {
        assertEquals(2, q.maxsize());
        assertTrue(q.empty());
        assertThrows(QueueEmpty.class, q::getNowait);
        q.put(1);
        q.putNowait(2);
        assertTrue(q.full());
        assertThrows(QueueFull.class, () -> q.putNowait(3));
        assertEquals(2, q.qsize());
        assertEquals(1, q.get());
        assertEquals(2, q.getNowait());
        assertFalse(q.full());
    }

    private static void waitersInOrder(AsyncQueue<Integer> q) {
        List<String> got = new ArrayList<>();
        List<Task<Void>> getters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            getters.add(Aio.createTask(() -> {
                got.add(n + ":" + q.get());
            }));
        }
        Aio.sleep(0);
        for (int i = 10; i <= 30; i += 10) {
            q.putNowait(i);
        }
        Aio.await(Aio.gather(getters));
        assertEquals(List.of("1:10", "2:20", "3:30"), got);
    }

    private static void cancelledGetterPassesTheItemOn(AsyncQueue<Integer> q) {
        Task<Integer> g1 = Aio.createTask(() -> q.get());
        Task<Integer> g2 = Aio.createTask(() -> q.get());
        Aio.sleep(0);
        q.putNowait(42);
        g1.cancel();
        assertThrows(CancelledError.class, () -> Aio.await(g1));
        assertEquals(42, Aio.await(g2));
    }

    private static void timeoutLeavesNoTrace(AsyncQueue<Integer> q, SelectorEventLoop loop) {
        double t0 = loop.time();
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> q.get(), 2.0));
        q.put(1);
        assertThrows(TimeoutError.class, () -> Aio.waitFor(() -> {
            q.put(2);
            return null;
        }, 2.0));
        assertEquals(4.0, loop.time() - t0, 1e-9);
        assertEquals(1, q.qsize());
        assertEquals(1, q.get());
        q.put(3); // neither waiter was left behind
        assertEquals(3, q.get());
    }

    private static void joinAndTaskDone(AsyncQueue<Integer> q, SelectorEventLoop loop) {
        q.join();
        q.put(1);
        q.put(2);
        assertEquals(2, q.unfinishedTasks());
        Task<Void> worker = Aio.createTask(() -> {
            for (int i = 0; i < 2; i++) {
                q.get();
                Aio.sleep(1);
                q.taskDone();
            }
        });
        double t0 = loop.time();
        q.join();
        assertEquals(2.0, loop.time() - t0, 1e-9);
        Aio.await(worker);
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    private static void shutdown(AsyncQueue<Integer> empty, AsyncQueue<Integer> full) {
        full.put(1);
        Task<Integer> getter = Aio.createTask(() -> empty.get());
        Task<Void> putter = Aio.createTask(() -> {
            full.put(2);
        });
        Aio.sleep(0);
        empty.shutdown(false);
        full.shutdown(false);
        assertThrows(QueueShutDown.class, () -> Aio.await(getter));
        assertThrows(QueueShutDown.class, () -> Aio.await(putter));
        assertThrows(QueueShutDown.class, () -> empty.putNowait(9));
        assertEquals(1, full.get());          // what was in stays gettable
        assertThrows(QueueShutDown.class, full::get);
        full.shutdown(true);                  // again, immediately: harmless, nothing to drop
        assertEquals(1, full.unfinishedTasks());
    }
}
