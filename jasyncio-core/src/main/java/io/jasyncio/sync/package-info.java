/**
 * Tier 6 of the tower, synchronisation between tasks of one loop: asyncio's {@code Lock}, {@code Event},
 * {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore} and {@code Barrier}
 * ({@code asyncio/locks.py}).
 *
 * <p>None of these is thread-safe: like asyncio's, they coordinate the tasks of one event loop, and an
 * object is bound to the loop on which it first has to wait. Between threads use the Janus queue
 * ({@link io.jasyncio.queue.JanusQueue}) or {@code loop.callSoonThreadsafe}.
 *
 * <p>Waiters are served in FIFO order and cancellation never breaks the invariants, as in CPython 3.13:
 * a cancelled {@code acquire} never leaves a lock held or a permit taken, and a waiter woken and then
 * cancelled before it runs passes its wake-up on to the next waiter.
 *
 * <p>{@code async with lock:} is try-with-resources over the {@link io.jasyncio.sync.Held} that
 * {@code acquire()} returns; the unnamed variable keeps the compiler quiet about an unused resource:
 *
 * <pre>{@code
 * try (var _ = lock.acquire()) {   // suspends until the lock is ours
 *     ...                          // may await; the lock stays held
 * }                                // released, also on an exception or cancellation
 * }</pre>
 *
 * <p>Java's {@code Object} already has final {@code wait()}, {@code notify()} and {@code notifyAll()}
 * methods with another meaning, so asyncio's {@code wait} is called {@code await} here and
 * {@code Condition.notify}/{@code notify_all} are {@code signal}/{@code signalAll}, as in
 * {@code java.util.concurrent}.
 */
package io.jasyncio.sync;
