/**
 * Tier 6 of the tower, queues: asyncio's {@code Queue}, {@code PriorityQueue} and {@code LifoQueue}
 * ({@code asyncio/queues.py}, with Python 3.13's {@code shutdown}) between the tasks of one loop, and
 * the book's Janus queue ({@link io.jasyncio.queue.JanusQueue}) between threads and tasks.
 */
package io.jasyncio.queue;
