package io.jasyncio.sync;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBound;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks (asyncio {@code Condition}): tasks holding its lock wait until another
 * task signals them. The lock is a {@link Lock}, given or created.
 *
 * <pre>{@code
 * Condition cond = new Condition();
 * // consumer                                   // producer
 * try (var _ = cond.acquire()) {                try (var _ = cond.acquire()) {
 *     cond.waitFor(() -> !items.isEmpty());         items.add(x);
 *     use(items.remove());                          cond.signal();
 * }                                             }
 * }</pre>
 *
 * <p>asyncio's {@code wait}, {@code notify} and {@code notify_all} are {@link #await()},
 * {@link #signal()} and {@link #signalAll()} here ({@code Object}'s own methods of those names are
 * final), as in {@code java.util.concurrent.locks.Condition}.
 *
 * <p>Not thread-safe: use it from the tasks of one loop (it binds to the first loop it waits on).
 */
public class Condition {

    private final LoopBound loop = new LoopBound();
    private final Lock lock;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();

    /** A condition with a new lock of its own (asyncio {@code Condition()}). */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock} (asyncio {@code Condition(lock)}); several conditions may share a lock. */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new NullPointerException("lock");
        }
        this.lock = lock;
    }

    /** The underlying lock's {@link Lock#acquire()} (asyncio {@code acquire}): suspends, cancellable; close the result to release. */
    public Held acquire() {
        return lock.acquire();
    }

    /** The underlying lock's {@link Lock#release()} (asyncio {@code release}); never suspends. */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held (asyncio {@code locked}); never suspends. */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, suspends until signalled, then re-acquires the lock before returning (asyncio
     * {@code wait}). The caller must hold the lock.
     *
     * <p>Cancellable: {@link CancelledError} is raised only after the lock is held again, so a
     * try-with-resources around it still releases a held lock. A cancellation (or an expired timeout)
     * that arrives while re-acquiring does not cut that wait short; it is raised once the lock is held. If this task had been signalled
     * when the error struck, the signal is passed on to another waiter (a spurious wake-up for it,
     * as the protocol allows), so that no signal is lost (CPython 3.13's behaviour).
     *
     * @throws IllegalStateException when the lock is not held (asyncio's {@code RuntimeError})
     */
    public void await() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        lock.release();
        try {
            try {
                Future<Void> fut = loop.get(this).createFuture();
                waiters.addLast(fut);
                try {
                    Aio.await(fut);
                } finally {
                    waiters.removeFirstOccurrence(fut);
                }
            } finally {
                // The lock must be held again on every way out, even when cancelled (now or meanwhile).
                reacquire();
            }
        } catch (Throwable t) {
            // The error may have struck after this task was signalled: signal another one instead.
            wake(1);
            throw t;
        }
    }

    private void reacquire() {
        // Not cancellable: a cancellation (or an expired timeout) that arrives meanwhile is raised once
        // the lock is ours (asyncio retries acquire() in a loop, which a level-triggered scope would spin).
        CancelledError cancelled = lock.acquireNonCancellable();
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Waits until {@code predicate} is true and returns its last value (asyncio {@code wait_for}): checks
     * it, then {@link #await()}s and checks again after each wake-up. The caller must hold the lock.
     * Cancellable as {@link #await()}.
     */
    public boolean waitFor(BooleanSupplier predicate) {
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes one waiting task (asyncio {@code notify()}); it returns from {@link #await()} once it has
     * re-acquired the lock, which the caller still holds. Never suspends.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /** Wakes up to {@code n} waiting tasks, the longest-waiting first (asyncio {@code notify(n)}); see {@link #signal()}. */
    public void signal(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wake(n);
    }

    /** Wakes every waiting task (asyncio {@code notify_all}); see {@link #signal()}. */
    public void signalAll() {
        signal(waiters.size());
    }

    private void wake(int n) {
        int woken = 0;
        for (Future<Void> f : waiters) {
            if (woken >= n) {
                break;
            }
            if (!f.done()) {
                woken++;
                f.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        return "<Condition [" + (lock.locked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
