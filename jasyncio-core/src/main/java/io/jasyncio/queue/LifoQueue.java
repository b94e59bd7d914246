package io.jasyncio.queue;

/**
 * A {@link Queue} that hands out the most recently put item first (asyncio {@code LifoQueue}); everything
 * else (bound, waiting, cancellation, {@code taskDone}/{@code join}, shutdown) is {@link Queue}'s.
 *
 * @param <T> the type of the items ({@code null} allowed)
 */
public class LifoQueue<T> extends Queue<T> {

    /** An unbounded stack-ordered queue (asyncio {@code LifoQueue()}). */
    public LifoQueue() {
        this(0);
    }

    /** A stack-ordered queue of at most {@code maxsize} items; {@code <= 0}: unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, new Buffer.Lifo<>());
    }
}
