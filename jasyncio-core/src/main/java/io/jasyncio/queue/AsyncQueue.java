package io.jasyncio.queue;

import io.jasyncio.CancelledError;

/**
 * A queue for tasks, that suspends (asyncio's {@code Queue} API, janus {@code AsyncQueue}): implemented by
 * {@link Queue} (and {@link PriorityQueue}, {@link LifoQueue}) for the tasks of one loop, and by the face
 * of a {@link JanusQueue} that tasks use, {@link JanusQueue#asyncQ()}, which threads feed. {@code put},
 * {@code get} and {@code join} suspend and must be called in a task of the queue's loop; the other
 * methods never suspend (on a {@code JanusQueue} they may be called from any thread).
 *
 * @param <T> the type of the items
 */
public interface AsyncQueue<T> {

    /**
     * Puts {@code item} at the end, suspending while the queue is full (asyncio {@code put}); does not
     * suspend when there is room. Cancellable: raises {@link CancelledError} without putting; a free slot
     * signalled to it passes to the next waiting putter.
     *
     * @throws QueueShutDown if the queue is shut down, before or while this task waits
     */
    void put(T item);

    /**
     * Puts {@code item} if there is room (asyncio {@code put_nowait}). Never suspends.
     *
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     */
    void putNowait(T item);

    /**
     * Removes and returns the next item, suspending while the queue is empty (asyncio {@code get}); does
     * not suspend when an item is there. Cancellable: raises {@link CancelledError} without taking an
     * item; an item signalled to it is signalled to the next waiting getter, so it is never lost.
     *
     * @throws QueueShutDown if the queue is shut down and empty (or was shut down immediately)
     */
    T get();

    /**
     * Removes and returns the next item if there is one (asyncio {@code get_nowait}). Never suspends.
     *
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is empty and shut down
     */
    T getNowait();

    /**
     * Marks one item taken from the queue as processed (asyncio {@code task_done}); when every item put
     * is marked, {@link #join()} returns. Never suspends.
     *
     * @throws IllegalStateException if called more often than items were put (asyncio's {@code ValueError})
     */
    void taskDone();

    /**
     * Suspends until every item put has been taken and marked with {@link #taskDone()} (asyncio
     * {@code join}); returns at once if that is so already. Cancellable: raises {@link CancelledError}, the
     * queue unaffected.
     */
    void join();

    /** The number of items in the queue (asyncio {@code qsize}). Never suspends. */
    int qsize();

    /** Whether the queue holds no item (asyncio {@code empty}). Never suspends. */
    boolean empty();

    /** Whether the queue holds {@code maxsize} items; never for an unbounded queue (asyncio {@code full}). Never suspends. */
    boolean full();

    /** The bound; {@code <= 0} means unbounded (asyncio {@code maxsize}). Never suspends. */
    int maxsize();

    /** Items put and not yet marked with {@link #taskDone()} (janus {@code unfinished_tasks}). Never suspends. */
    int unfinishedTasks();

    /**
     * Shuts the queue down (asyncio {@code shutdown}, Python 3.13): puts raise {@link QueueShutDown} from now
     * on, gets once the queue is empty. With {@code immediate} the queue is emptied first, each item removed
     * counting as {@link #taskDone()}, so gets raise at once. Every waiting getter and putter is woken to see
     * it. Never suspends; calling it again is harmless.
     */
    void shutdown(boolean immediate);
}
