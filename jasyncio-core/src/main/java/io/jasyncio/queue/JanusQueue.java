package io.jasyncio.queue;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One FIFO buffer with two faces (the book's Janus queue, chapter 4, after the {@code janus} library): a
 * blocking face for threads, {@link #syncQ()}, and a suspending face for the tasks of one loop,
 * {@link #asyncQ()}. Either face may put and the other get, in any mix, from any number of threads and
 * tasks; {@code taskDone}/{@code join} count the items of both faces together.
 *
 * <pre>{@code
 * JanusQueue<Integer> queue = new JanusQueue<>(0);   // in a task: bound to the running loop
 * Thread.ofPlatform().start(() -> {
 *     try {
 *         queue.syncQ().put(42);                     // a thread blocks while the queue is full
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * int n = queue.asyncQ().get();                      // a task suspends while it is empty
 * }</pre>
 *
 * <p>How it works: one {@link ReentrantLock} guards the buffer and the waiters. Getters (and putters)
 * of both faces wait in one FIFO line per side, and each item put wakes exactly one getter, the one
 * that has waited longest, whichever face it came from. A waiting thread is woken through its own
 * {@link Condition}; a waiting task through its future, completed on the loop's thread: directly when
 * the waker runs on that thread, else through {@code callSoonThreadsafe} (one call carries every
 * wake-up that piles up before the loop runs it). A woken waiter takes the item itself; if it is
 * cancelled, interrupted or times out after being woken, it passes the wake-up on to the next in
 * line, so no item waits while a getter sleeps.
 *
 * <p>The blocking face must not wait on the loop's own thread (that would stop the loop): there it
 * raises {@link IllegalStateException} instead of blocking. The suspending face's {@code put},
 * {@code get} and {@code join} must be called in a task of the queue's loop. The non-waiting methods
 * of both faces work from any thread. The queue holds any value, {@code null} included.
 *
 * @param <T> the type of the items
 */
public final class JanusQueue<T> {

    private final SelectorEventLoop loop;
    private final int maxsize;
    private final Buffer<T> buffer = new Buffer.Fifo<>();
    private final ReentrantLock mutex = new ReentrantLock();
    /** Threads in {@code join()} wait here; tasks in {@code join()} are in {@link #asyncJoiners}. */
    private final Condition allTasksDone = mutex.newCondition();
    private final ArrayDeque<Waiter> getters = new ArrayDeque<>();
    private final ArrayDeque<Waiter> putters = new ArrayDeque<>();
    private final ArrayDeque<TaskWaiter> asyncJoiners = new ArrayDeque<>();
    /** Task wake-ups decided on other threads, waiting for {@link #deliverPending()} on the loop. */
    private ArrayList<TaskWaiter> pending = new ArrayList<>();
    private boolean deliveryScheduled;
    private int unfinishedTasks;
    private boolean isShutdown;
    private final SyncQueue<T> syncFace = new JanusFaces.Sync<>(this);
    private final AsyncQueue<T> asyncFace = new JanusFaces.Async<>(this);

    /**
     * A queue of at most {@code maxsize} items ({@code <= 0}: unbounded) for the running loop (janus
     * {@code Queue(maxsize)}, created inside a coroutine).
     *
     * @throws IllegalStateException when no loop is running on this thread
     */
    public JanusQueue(int maxsize) {
        this(EventLoops.getRunningLoop(), maxsize);
    }

    /** A queue of at most {@code maxsize} items ({@code <= 0}: unbounded) whose suspending face serves {@code loop}'s tasks. */
    public JanusQueue(EventLoop loop, int maxsize) {
        this.loop = (SelectorEventLoop) loop;
        this.maxsize = maxsize;
    }

    /** The blocking face, for threads (janus {@code sync_q}). Never blocks. */
    public SyncQueue<T> syncQ() {
        return syncFace;
    }

    /** The suspending face, for the loop's tasks (janus {@code async_q}). Never blocks. */
    public AsyncQueue<T> asyncQ() {
        return asyncFace;
    }

    /** The loop whose tasks the suspending face serves. Never blocks. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Shuts the queue down, for both faces (janus / Python 3.13 {@code shutdown}): puts raise
     * {@link QueueShutDown} from now on and gets once the queue is empty; with {@code immediate} the
     * queue is emptied first (each item removed counts as {@code taskDone}). Every waiting thread and
     * task is woken to see it. Never blocks or suspends; thread-safe.
     */
    public void shutdown(boolean immediate) {
        mutex.lock();
        try {
            isShutdown = true;
            if (immediate) {
                while (buffer.size() > 0) {
                    buffer.take();
                    if (unfinishedTasks > 0) {
                        unfinishedTasks--;
                    }
                }
                if (unfinishedTasks == 0) {
                    wakeJoiners();
                }
            }
            Waiter w;
            while ((w = getters.pollFirst()) != null) {
                w.wake();
            }
            while ((w = putters.pollFirst()) != null) {
                w.wake();
            }
        } finally {
            mutex.unlock();
        }
    }

    // ---- waiters ---------------------------------------------------------------------------------

    /** A thread or task in line for an item (or a slot). Fields are guarded by {@link #mutex}. */
    private abstract static class Waiter {
        /** Set when the waiter was taken off its line and woken: it must look again, or pass the wake-up on. */
        boolean notified;

        /** Wakes the waiter; called with the mutex held, after taking it off its line. {@code false}: it is gone. */
        abstract boolean wake();
    }

    private final class ThreadWaiter extends Waiter {
        final Condition signal = mutex.newCondition();

        @Override
        boolean wake() {
            notified = true;
            signal.signal();
            return true;
        }
    }

    private final class TaskWaiter extends Waiter {
        final Future<Void> future;

        TaskWaiter(Future<Void> future) {
            this.future = future;
        }

        @Override
        boolean wake() {
            notified = true;
            if (loop.inLoop()) {
                if (!future.done()) {
                    future.setResult(null);
                }
                return true;
            }
            if (loop.isClosed()) {
                return false; // its task will never run again
            }
            pending.add(this);
            if (!deliveryScheduled) {
                deliveryScheduled = true;
                try {
                    loop.callSoonThreadsafe(JanusQueue.this::deliverPending);
                } catch (IllegalStateException closed) {
                    deliveryScheduled = false;
                    pending.remove(this);
                    return false;
                }
            }
            return true;
        }
    }

    /** On the loop's thread: completes the futures of the tasks woken by other threads. */
    private void deliverPending() {
        List<TaskWaiter> batch;
        mutex.lock();
        try {
            batch = pending;
            pending = new ArrayList<>();
            deliveryScheduled = false;
        } finally {
            mutex.unlock();
        }
        for (TaskWaiter w : batch) {
            if (!w.future.done()) {
                w.future.setResult(null);
            }
        }
    }

    /** Wakes the first waiter of {@code line} that can still be woken. Mutex held. */
    private static void wakeNext(ArrayDeque<Waiter> line) {
        Waiter w;
        while ((w = line.pollFirst()) != null) {
            if (w.wake()) {
                return;
            }
        }
    }

    private void wakeJoiners() {
        allTasksDone.signalAll();
        TaskWaiter w;
        while ((w = asyncJoiners.pollFirst()) != null) {
            w.wake();
        }
    }

    // ---- the operations, with the mutex held -----------------------------------------------------

    private boolean isFull() {
        return maxsize > 0 && buffer.size() >= maxsize;
    }

    private void putLocked(T item) {
        buffer.add(item);
        unfinishedTasks++;
        wakeNext(getters);
    }

    private T takeLocked() {
        T item = buffer.take();
        wakeNext(putters);
        return item;
    }

    void putNowait(T item) {
        mutex.lock();
        try {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            if (isFull()) {
                throw new QueueFull();
            }
            putLocked(item);
        } finally {
            mutex.unlock();
        }
    }

    T getNowait() {
        mutex.lock();
        try {
            if (buffer.size() == 0) {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                throw new QueueEmpty();
            }
            return takeLocked();
        } finally {
            mutex.unlock();
        }
    }

    void taskDone() {
        mutex.lock();
        try {
            if (unfinishedTasks <= 0) {
                throw new IllegalStateException("taskDone() called too many times");
            }
            unfinishedTasks--;
            if (unfinishedTasks == 0) {
                wakeJoiners();
            }
        } finally {
            mutex.unlock();
        }
    }

    private int locked(java.util.function.IntSupplier read) {
        mutex.lock();
        try {
            return read.getAsInt();
        } finally {
            mutex.unlock();
        }
    }

    // ---- blocking, for threads -------------------------------------------------------------------

    /**
     * Waits in {@code line} until woken; {@code false} on timeout ({@code deadline} 0: none). Interrupted
     * after being woken, it passes the wake-up on. Mutex held.
     */
    private boolean blockIn(ArrayDeque<Waiter> line, long deadline, String what)
            throws InterruptedException {
        if (loop.inLoop()) {
            throw new IllegalStateException("syncQ()." + what + " would block the event loop's thread: "
                    + "use asyncQ()." + what + " in a task");
        }
        ThreadWaiter me = new ThreadWaiter();
        line.addLast(me);
        try {
            while (!me.notified) {
                if (deadline == 0) {
                    me.signal.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        line.remove(me);
                        return false;
                    }
                    me.signal.awaitNanos(left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            if (me.notified) {
                passOn(line);
            } else {
                line.remove(me);
            }
            throw e;
        }
    }

    /** A waiter of {@code line} was woken but will not act: wake the next one if the reason still holds. */
    private void passOn(ArrayDeque<Waiter> line) {
        boolean stillReady = line == getters ? buffer.size() > 0 : !isFull();
        if (stillReady) {
            wakeNext(line);
        }
    }

    static long deadlineAfter(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("'timeout' must be a non-negative number");
        }
        long d = System.nanoTime() + Math.max(1, (long) (seconds * 1e9));
        return d == 0 ? 1 : d;
    }

    void blockingPut(T item, long deadline) throws InterruptedException {
        mutex.lock();
        try {
            while (isFull()) {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                if (!blockIn(putters, deadline, "put")) {
                    throw new QueueFull();
                }
            }
            if (isShutdown) {
                throw new QueueShutDown();
            }
            putLocked(item);
        } finally {
            mutex.unlock();
        }
    }

    T blockingGet(long deadline) throws InterruptedException {
        mutex.lock();
        try {
            while (buffer.size() == 0) {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                if (!blockIn(getters, deadline, "get")) {
                    throw new QueueEmpty();
                }
            }
            return takeLocked();
        } finally {
            mutex.unlock();
        }
    }

    void blockingJoin() throws InterruptedException {
        mutex.lock();
        try {
            if (unfinishedTasks > 0 && loop.inLoop()) {
                throw new IllegalStateException("syncQ().join would block the event loop's thread: "
                        + "use asyncQ().join in a task");
            }
            while (unfinishedTasks > 0) {
                allTasksDone.await();
            }
        } finally {
            mutex.unlock();
        }
    }

    // ---- suspending, for tasks -------------------------------------------------------------------

    private void checkTask(String what) {
        if (!loop.inLoop()) {
            throw new IllegalStateException("asyncQ()." + what + " must be called in a task of the queue's loop; "
                    + "threads use syncQ()." + what);
        }
    }

    /** Suspends in {@code line} until woken. Called and returns with the mutex free. */
    private void suspendIn(ArrayDeque<Waiter> line, TaskWaiter me) {
        try {
            Aio.await(me.future);
        } catch (Throwable t) {
            mutex.lock();
            try {
                if (me.notified) {
                    // Woken for an item (or slot) that we will not take: the next in line gets the chance.
                    passOn(line);
                } else {
                    line.remove(me);
                }
            } finally {
                mutex.unlock();
            }
            throw t;
        }
    }

    void asyncPut(T item) {
        checkTask("put");
        while (true) {
            TaskWaiter me;
            mutex.lock();
            try {
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                if (!isFull()) {
                    putLocked(item);
                    return;
                }
                me = new TaskWaiter(loop.createFuture());
                putters.addLast(me);
            } finally {
                mutex.unlock();
            }
            suspendIn(putters, me);
        }
    }

    T asyncGet() {
        checkTask("get");
        while (true) {
            TaskWaiter me;
            mutex.lock();
            try {
                if (buffer.size() > 0) {
                    return takeLocked();
                }
                if (isShutdown) {
                    throw new QueueShutDown();
                }
                me = new TaskWaiter(loop.createFuture());
                getters.addLast(me);
            } finally {
                mutex.unlock();
            }
            suspendIn(getters, me);
        }
    }

    void asyncJoin() {
        checkTask("join");
        while (true) {
            TaskWaiter me;
            mutex.lock();
            try {
                if (unfinishedTasks == 0) {
                    return;
                }
                me = new TaskWaiter(loop.createFuture());
                asyncJoiners.addLast(me);
            } finally {
                mutex.unlock();
            }
            try {
                Aio.await(me.future);
            } catch (Throwable t) {
                mutex.lock();
                try {
                    asyncJoiners.remove(me);
                } finally {
                    mutex.unlock();
                }
                throw t;
            }
        }
    }

    // ---- state -----------------------------------------------------------------------------------

    /** The number of items in the queue ({@code qsize}); thread-safe, never waits. */
    public int qsize() {
        return locked(buffer::size);
    }

    /** Whether the queue holds {@code maxsize} items ({@code full}); thread-safe, never waits. */
    public boolean full() {
        mutex.lock();
        try {
            return isFull();
        } finally {
            mutex.unlock();
        }
    }

    /** The bound; {@code <= 0} means unbounded ({@code maxsize}). Never blocks. */
    public int maxsize() {
        return maxsize;
    }

    /** Items put and not yet marked done ({@code unfinished_tasks}); thread-safe, never waits. */
    public int unfinishedTasks() {
        return locked(() -> unfinishedTasks);
    }

    /** Threads and tasks waiting to get (for tests). */
    int getterCount() {
        return locked(getters::size);
    }

    /** Threads and tasks waiting to put (for tests). */
    int putterCount() {
        return locked(putters::size);
    }

    @Override
    public String toString() {
        mutex.lock();
        try {
            return "<JanusQueue maxsize=" + maxsize + " qsize=" + buffer.size() + " getters[" + getters.size()
                    + "] putters[" + putters.size() + "] tasks=" + unfinishedTasks + (isShutdown ? " shutdown" : "") + ">";
        } finally {
            mutex.unlock();
        }
    }
}
