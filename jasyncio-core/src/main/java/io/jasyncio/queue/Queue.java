package io.jasyncio.queue;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBound;
import io.jasyncio.sync.Event;
import java.util.ArrayDeque;

/**
 * A first-in, first-out queue between the tasks of one loop (asyncio {@code Queue}), with an optional
 * bound: with {@code maxsize > 0}, {@link #put} suspends while {@code maxsize} items are queued.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * Aio.createTask(() -> { while (true) { String job = q.get(); work(job); q.taskDone(); } });
 * q.put("a");       // suspends only while the queue is full
 * q.join();         // until every item put has been marked done
 * }</pre>
 *
 * <p>Tasks waiting to get (or to put) are woken in the order they started waiting. A waiter is woken,
 * not handed an item: it takes the item itself when it runs, so an item is never lost when a woken task
 * is cancelled before it runs; its wake-up passes to the next waiter instead (as in CPython's
 * {@code queues.py}).
 *
 * <p>The queue holds any value, {@code null} included (the book's programs use {@code None} as the
 * last item). {@link #shutdown(boolean)} is Python 3.13's. Not thread-safe: use it from the tasks of
 * one loop (it binds to the first loop it waits on); between threads and tasks use {@link JanusQueue}.
 *
 * @param <T> the type of the items
 */
public class Queue<T> implements AsyncQueue<T> {

    private final LoopBound loop = new LoopBound();
    private final int maxsize;
    private final Buffer<T> buffer;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** An unbounded queue (asyncio {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} items; {@code maxsize <= 0} means unbounded (asyncio {@code Queue(maxsize)}). */
    public Queue(int maxsize) {
        this(maxsize, new Buffer.Fifo<>());
    }

    Queue(int maxsize, Buffer<T> buffer) {
        this.maxsize = maxsize;
        this.buffer = buffer;
        finished.set();
    }

    // ---- state -----------------------------------------------------------------------------------

    /** The number of items in the queue (asyncio {@code qsize}). Never suspends. */
    @Override
    public int qsize() {
        return buffer.size();
    }

    /** The bound given at creation; {@code <= 0} means unbounded (asyncio {@code maxsize}). Never suspends. */
    @Override
    public int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no item (asyncio {@code empty}). Never suspends. */
    @Override
    public boolean empty() {
        return buffer.size() == 0;
    }

    /** Whether the queue holds {@code maxsize} items; never for an unbounded queue (asyncio {@code full}). Never suspends. */
    @Override
    public boolean full() {
        return maxsize > 0 && buffer.size() >= maxsize;
    }

    // ---- putting ---------------------------------------------------------------------------------

    /**
     * Puts {@code item} at the end of the queue, first suspending while the queue is full (asyncio
     * {@code put}). Does not suspend when there is room.
     *
     * <p>Cancellable: raises {@link CancelledError} without having put the item; if a free slot had just
     * been signalled to this task, the next waiting putter is woken instead.
     *
     * @throws QueueShutDown if the queue is shut down, before or while this task waits
     */
    @Override
    public void put(T item) {
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = loop.get(this).createFuture();
            putters.addLast(putter);
            try {
                Aio.await(putter);
            } catch (Throwable t) {
                putter.cancel(); // in case it is not done yet
                // A putter woken by a get is no longer queued; a cancelled one still is.
                putters.removeFirstOccurrence(putter);
                if (!full() && !putter.cancelled()) {
                    // We were woken for a free slot but will not use it: wake the next in line.
                    wakeUpNext(putters);
                }
                throw t;
            }
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} at the end of the queue if there is room (asyncio {@code put_nowait}) and wakes
     * the first waiting getter. Never suspends.
     *
     * @throws QueueFull when the queue is full
     * @throws QueueShutDown when the queue is shut down
     */
    @Override
    public void putNowait(T item) {
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        buffer.add(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    // ---- getting ---------------------------------------------------------------------------------

    /**
     * Removes and returns the first item, first suspending while the queue is empty (asyncio
     * {@code get}). Does not suspend when an item is there.
     *
     * <p>Cancellable: raises {@link CancelledError} without having taken an item; if an item had just
     * been signalled to this task, the next waiting getter is woken for it, so the item is not lost.
     *
     * @throws QueueShutDown if the queue is shut down and empty, or shut down immediately, before or
     *     while this task waits
     */
    @Override
    public T get() {
        while (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = loop.get(this).createFuture();
            getters.addLast(getter);
            try {
                Aio.await(getter);
            } catch (Throwable t) {
                getter.cancel(); // in case it is not done yet
                // A getter woken by a put is no longer queued; a cancelled one still is.
                getters.removeFirstOccurrence(getter);
                if (!empty() && !getter.cancelled()) {
                    // We were woken for an item but will not take it: wake the next in line.
                    wakeUpNext(getters);
                }
                throw t;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the first item if there is one (asyncio {@code get_nowait}) and wakes the first
     * waiting putter. Never suspends.
     *
     * @throws QueueEmpty when the queue is empty
     * @throws QueueShutDown when the queue is empty and shut down
     */
    @Override
    public T getNowait() {
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = buffer.take();
        wakeUpNext(putters);
        return item;
    }

    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.done()) {
                w.setResult(null);
                return;
            }
        }
    }

    // ---- tasks done ------------------------------------------------------------------------------

    /**
     * Marks one item taken from the queue as processed (asyncio {@code task_done}); when every item put
     * has been marked, {@link #join()} returns. Never suspends.
     *
     * @throws IllegalStateException when called more often than items were put (asyncio's {@code ValueError})
     */
    @Override
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Suspends until every item put has been taken and marked with {@link #taskDone()} (asyncio
     * {@code join}); returns at once if that is so already.
     *
     * <p>Cancellable: raises {@link CancelledError}; the queue is not affected.
     */
    @Override
    public void join() {
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    /** The number of items put and not yet marked with {@link #taskDone()} (janus's and {@code queue.Queue}'s {@code unfinished_tasks}). Never suspends. */
    @Override
    public int unfinishedTasks() {
        return unfinishedTasks;
    }

    // ---- shutdown --------------------------------------------------------------------------------

    /** {@link #shutdown(boolean) shutdown(false)} (asyncio {@code shutdown()}): puts fail at once, gets once the queue is empty. Never suspends. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (asyncio {@code shutdown}, Python 3.13): every later put raises
     * {@link QueueShutDown}, and gets raise it once the queue is empty. With {@code immediate}, the
     * queue is emptied first, each item removed counting as {@link #taskDone()} (which may release
     * {@link #join()}), so gets raise at once. Every waiting getter and putter is woken to see the new
     * state. Never suspends; calling it again is harmless.
     */
    @Override
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                buffer.take();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // Every waiter must look again: getters to raise once empty, putters to raise.
        wakeAll(getters);
        wakeAll(putters);
    }

    /** Whether {@link #shutdown(boolean)} was called (janus's {@code is_shutdown}). Never suspends. */
    public boolean isShutdown() {
        return isShutdown;
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    // ---- description -----------------------------------------------------------------------------

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!empty()) {
            sb.append(" queue=").append(buffer.snapshot());
        }
        if (!getters.isEmpty()) {
            sb.append(" getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
