package io.jasyncio.sync;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBound;
import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks (asyncio {@code Lock}). It is not owned by a task: any task may
 * release it. Waiters acquire it in the order they called {@link #acquire()} (a fair lock), and a task
 * that arrives while others wait queues behind them even if the lock is free at that instant.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * try (var _ = lock.acquire()) {
 *     ... // only one task at a time runs here, even across awaits
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use it from the tasks of one loop (it binds to the first loop it waits on).
 */
public class Lock {

    private final LoopBound loop = new LoopBound();
    private final Held held = this::release;
    private ArrayDeque<Future<Void>> waiters;
    private boolean locked;

    /** A new, unlocked lock (asyncio {@code Lock()}). */
    public Lock() {
    }

    /** Whether the lock is held (asyncio {@code locked()}). Never suspends. */
    public boolean locked() {
        return locked;
    }

    /**
     * Acquires the lock, suspending until it is free and every earlier waiter has had its turn
     * (asyncio {@code acquire}). Returns a {@link Held} whose {@code close()} releases the lock, for
     * try-with-resources.
     *
     * <p>Cancellable: if the calling task is cancelled while it waits, {@link CancelledError} is raised
     * and the lock is <em>not</em> held by it; if the lock had just been passed to it, the next waiter is
     * woken instead, so a cancelled acquire never leaves the lock held or stuck.
     */
    public Held acquire() {
        ArrayDeque<Future<Void>> w = waiters;
        if (!locked && (w == null || allCancelled(w))) {
            locked = true;
            return held;
        }
        if (w == null) {
            w = waiters = new ArrayDeque<>();
        }
        Future<Void> fut = loop.get(this).createFuture();
        w.addLast(fut);
        try {
            try {
                Aio.await(fut);
            } finally {
                // Before the cancellation handling below, so that wakeUpFirst cannot pick this waiter.
                w.removeFirstOccurrence(fut);
            }
        } catch (CancelledError e) {
            // The lock invariant: if the lock is free and tasks wait, the first of them is woken.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return held;
    }

    /**
     * Acquires the lock even if the calling task is cancelled while it waits, and returns that
     * cancellation (or {@code null}) for the caller to raise once it holds the lock. For
     * {@link Condition#await()}, which must hold the lock again on every way out. The wait cannot be cut
     * short by a cancellation, nor by an expired {@code Timeout} whose every await raises again (which
     * would otherwise make a retry loop spin, and on virtual time never let the clock move on).
     */
    CancelledError acquireNonCancellable() {
        ArrayDeque<Future<Void>> w = waiters;
        if (!locked && (w == null || allCancelled(w))) {
            locked = true;
            return null;
        }
        if (w == null) {
            w = waiters = new ArrayDeque<>();
        }
        Future<Void> fut = new NonCancellableFuture(loop.get(this));
        w.addLast(fut);
        CancelledError cancelled = null;
        try {
            while (!fut.done()) {
                try {
                    Aio.await(fut);
                } catch (CancelledError e) {
                    // Raised when the lock was granted (the cancellation waited for it); keep the last one.
                    cancelled = e;
                }
            }
        } finally {
            w.removeFirstOccurrence(fut);
        }
        locked = true;
        return cancelled;
    }

    /**
     * Releases the lock and wakes the first waiter, if any (asyncio {@code release}). Never suspends.
     *
     * @throws IllegalStateException when the lock is not held (asyncio's {@code RuntimeError})
     */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    private void wakeUpFirst() {
        ArrayDeque<Future<Void>> w = waiters;
        if (w == null) {
            return;
        }
        Future<Void> first = w.peekFirst();
        // A done first waiter will run later and either take the lock or, cancelled, wake the next one.
        if (first != null && !first.done()) {
            first.setResult(null);
        }
    }

    private static boolean allCancelled(ArrayDeque<Future<Void>> w) {
        for (Future<Void> f : w) {
            if (!f.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /** The number of tasks waiting to acquire (for tests and debugging). */
    int waiterCount() {
        return waiters == null ? 0 : waiters.size();
    }

    @Override
    public String toString() {
        int n = waiterCount();
        return "<Lock [" + (locked ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]>";
    }
}
