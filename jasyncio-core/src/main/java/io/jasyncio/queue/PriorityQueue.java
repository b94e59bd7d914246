package io.jasyncio.queue;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out the smallest item first (asyncio {@code PriorityQueue}), by natural
 * order or by a {@link Comparator}; items of equal priority come out in no particular order, as with
 * {@code heapq}. Where Python queues {@code (priority, data)} tuples, give a comparator on the priority
 * (or use a record that is {@link Comparable}). Everything else is {@link Queue}'s.
 *
 * <p>It cannot hold {@code null}; with natural order, items must be {@link Comparable} (else
 * {@code put} raises {@link ClassCastException} and the queue is unchanged).
 *
 * @param <T> the type of the items
 */
public class PriorityQueue<T> extends Queue<T> {

    /** An unbounded queue in natural order (asyncio {@code PriorityQueue()}). */
    public PriorityQueue() {
        this(0, null);
    }

    /** A queue of at most {@code maxsize} items in natural order; {@code <= 0}: unbounded. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** An unbounded queue ordered by {@code comparator}. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /** A queue of at most {@code maxsize} items ordered by {@code comparator} ({@code null}: natural order). */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new Buffer.Heap<>(comparator));
    }
}
