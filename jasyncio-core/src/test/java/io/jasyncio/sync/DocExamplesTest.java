package io.jasyncio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.queue.JanusQueue;
import io.jasyncio.queue.LifoQueue;
import io.jasyncio.queue.PriorityQueue;
import io.jasyncio.queue.Queue;
import io.jasyncio.queue.QueueShutDown;
import io.jasyncio.testing.AioTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The examples of {@code docs/sync.md}, one per class, compiled and run so that they cannot rot. Each
 * method body between the {@code // ---} marks is the snippet the page shows.
 */
class DocExamplesTest {

    private final List<String> log = new ArrayList<>();

    @AioTest
    void queue() {
        // --- Queue
        Queue<String> jobs = new Queue<>(10);
        Task<Void> worker = Aio.createTask(() -> {
            while (true) {
                String job = jobs.get();          // suspends while the queue is empty
                log.add("did " + job);
                jobs.taskDone();
            }
        });
        for (String job : List.of("a", "b", "c")) {
            jobs.put(job);                        // suspends while 10 jobs wait
        }
        jobs.join();                              // until every job is marked done
        worker.cancel();
        // log: [did a, did b, did c]
        // ---
        assertEquals(List.of("did a", "did b", "did c"), log);
    }

    @AioTest
    void queueShutdown() {
        // --- Queue.shutdown
        Queue<Integer> numbers = new Queue<>();
        Task<Void> consumer = Aio.createTask(() -> {
            try {
                while (true) {
                    log.add("got " + numbers.get());
                }
            } catch (QueueShutDown end) {         // raised once the queue is shut down and empty
                log.add("end");
            }
        });
        numbers.put(1);
        numbers.put(2);
        numbers.shutdown();                       // shutdown(true) would drop 1 and 2
        Aio.await(consumer);
        // log: [got 1, got 2, end]
        // ---
        assertEquals(List.of("got 1", "got 2", "end"), log);
    }

    record Job(int priority, String name) {
    }

    @AioTest
    void priorityQueue() {
        // --- PriorityQueue
        PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
        jobs.put(new Job(3, "later"));
        jobs.put(new Job(1, "urgent"));
        jobs.put(new Job(2, "soon"));
        log.add(jobs.get().name());               // urgent
        log.add(jobs.get().name());               // soon
        // ---
        assertEquals(List.of("urgent", "soon"), log);
    }

    @AioTest
    void lifoQueue() {
        // --- LifoQueue
        LifoQueue<String> stack = new LifoQueue<>();
        stack.put("first");
        stack.put("last");
        log.add(stack.get());                     // last
        // ---
        assertEquals(List.of("last"), log);
    }

    @AioTest
    void lock() {
        // --- Lock
        Lock lock = new Lock();
        int[] balance = {100};
        List<Task<Void>> withdrawals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            withdrawals.add(Aio.createTask(() -> {
                try (var _ = lock.acquire()) {    // async with lock:
                    int seen = balance[0];
                    Aio.sleep(0.1);               // another task runs here, but cannot enter
                    balance[0] = seen - 30;
                }                                 // released, also on an exception or cancellation
            }));
        }
        Aio.await(Aio.gather(withdrawals));
        // balance[0] == 10: no lost update
        // ---
        assertEquals(10, balance[0]);
    }

    @AioTest
    void event() {
        // --- Event
        Event ready = new Event();
        Task<Void> waiter = Aio.createTask(() -> {
            ready.await();                        // asyncio's event.wait()
            log.add("go");
        });
        Aio.sleep(1);
        log.add("set");
        ready.set();                              // wakes every waiter
        Aio.await(waiter);
        // log: [set, go]
        // ---
        assertEquals(List.of("set", "go"), log);
    }

    @AioTest
    void condition() {
        // --- Condition
        Condition cond = new Condition();
        List<String> items = new ArrayList<>();
        Task<Void> consumer = Aio.createTask(() -> {
            try (var _ = cond.acquire()) {
                cond.waitFor(() -> !items.isEmpty()); // releases the lock while it waits
                log.add("took " + items.remove(0));
            }
        });
        Aio.sleep(0);
        try (var _ = cond.acquire()) {
            items.add("x");
            cond.signal();                        // asyncio's notify()
        }
        Aio.await(consumer);
        // log: [took x]
        // ---
        assertEquals(List.of("took x"), log);
    }

    @AioTest
    void semaphore() {
        // --- Semaphore
        Semaphore slots = new Semaphore(2);
        int[] inside = {0};
        int[] most = {0};
        List<Task<Void>> downloads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            downloads.add(Aio.createTask(() -> {
                try (var _ = slots.acquire()) {   // at most 2 tasks in here at once
                    most[0] = Math.max(most[0], ++inside[0]);
                    Aio.sleep(1);
                    inside[0]--;
                }
            }));
        }
        Aio.await(Aio.gather(downloads));
        // most[0] == 2, and it took 3 seconds (virtual time in tests)
        // ---
        assertEquals(2, most[0]);
    }

    @AioTest
    void boundedSemaphore() {
        // --- BoundedSemaphore
        BoundedSemaphore pool = new BoundedSemaphore(2);
        try (var _ = pool.acquire()) {
            log.add("working");
        }
        try {
            pool.release();                       // one release too many
        } catch (IllegalStateException e) {
            log.add(e.getMessage());              // BoundedSemaphore released too many times
        }
        // ---
        assertEquals(List.of("working", "BoundedSemaphore released too many times"), log);
    }

    @AioTest
    void barrier() {
        // --- Barrier
        Barrier start = new Barrier(3);
        List<Task<Void>> runners = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            runners.add(Aio.createTask(() -> {
                log.add(name + " ready");
                start.await();                    // until all three are ready
                log.add(name + " go");
            }));
        }
        Aio.await(Aio.gather(runners));
        // log: [a ready, b ready, c ready, c go, a go, b go]: the last to arrive does not wait
        // ---
        assertEquals(List.of("a ready", "b ready", "c ready", "c go", "a go", "b go"), log);
    }

    @AioTest(virtualTime = false)
    void janusQueue() throws Exception {
        // --- JanusQueue
        JanusQueue<Integer> queue = new JanusQueue<>(2);
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 1; i <= 3; i++) {
                    queue.syncQ().put(i);         // blocks this thread while 2 items wait
                }
                queue.syncQ().put(null);          // end of data
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Integer n;
        while ((n = queue.asyncQ().get()) != null) { // suspends this task, not the loop
            log.add("got " + n);
        }
        producer.join();                          // it has ended (a blocking call, done at once)
        // log: [got 1, got 2, got 3]
        // ---
        assertEquals(List.of("got 1", "got 2", "got 3"), log);
    }
}
