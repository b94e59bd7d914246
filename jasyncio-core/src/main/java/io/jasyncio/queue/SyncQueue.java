package io.jasyncio.queue;

/**
 * A queue for threads, that blocks (janus {@code SyncQueue}, the API of Python's {@code queue.Queue}):
 * the face of a {@link JanusQueue} that threads use, {@link JanusQueue#syncQ()}. Every method is
 * thread-safe. The blocking methods ({@code put}, {@code get}, {@code join}) throw
 * {@link InterruptedException} when the thread is interrupted while it waits (Java's rule for blocking
 * calls; the item is then neither put nor taken), and raise {@link IllegalStateException} instead of
 * blocking the event loop's own thread. The other methods never block.
 *
 * @param <T> the type of the items
 */
public interface SyncQueue<T> {

    /**
     * Puts {@code item}, blocking while the queue is full ({@code queue.Queue.put}).
     *
     * @throws QueueShutDown if shut down
     */
    void put(T item) throws InterruptedException;

    /**
     * Puts {@code item}, blocking at most {@code timeoutSeconds} while the queue is full
     * ({@code put(item, timeout=...)}).
     *
     * @throws QueueFull when there is still no room after the timeout
     * @throws QueueShutDown if shut down
     */
    void put(T item, double timeoutSeconds) throws InterruptedException;

    /**
     * Puts {@code item} if there is room, never blocking ({@code put_nowait}).
     *
     * @throws QueueFull if full
     */
    void putNowait(T item);

    /**
     * Removes and returns the first item, blocking while the queue is empty ({@code get}).
     *
     * @throws QueueShutDown if shut down and empty
     */
    T get() throws InterruptedException;

    /**
     * Removes and returns the first item, blocking at most {@code timeoutSeconds} while the queue is
     * empty ({@code get(timeout=...)}).
     *
     * @throws QueueEmpty when there is still no item after the timeout
     */
    T get(double timeoutSeconds) throws InterruptedException;

    /**
     * Removes and returns the first item if there is one, never blocking ({@code get_nowait}).
     *
     * @throws QueueEmpty if empty
     */
    T getNowait();

    /**
     * Marks one item as processed ({@code task_done}).
     *
     * @throws IllegalStateException if called too often
     */
    void taskDone();

    /** Blocks until every item put (by either face) has been marked done ({@code join}). */
    void join() throws InterruptedException;

    /** The number of items in the queue ({@code qsize}). */
    int qsize();

    /** Whether the queue is empty ({@code empty}). */
    boolean empty();

    /** Whether the queue holds {@code maxsize} items ({@code full}). */
    boolean full();

    /** The bound; {@code <= 0} means unbounded ({@code maxsize}). */
    int maxsize();

    /** Items put and not yet marked done ({@code unfinished_tasks}). */
    int unfinishedTasks();

    /** Shuts the queue down ({@code shutdown}, Python 3.13): see {@link JanusQueue#shutdown(boolean)}. Never blocks. */
    void shutdown(boolean immediate);
}
