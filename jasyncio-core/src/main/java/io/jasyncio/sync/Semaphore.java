package io.jasyncio.sync;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBound;
import java.util.ArrayDeque;

/**
 * A counter of permits for tasks (asyncio {@code Semaphore}): {@link #acquire()} takes one, suspending
 * while none is left, {@link #release()} gives one back. Waiters get permits in FIFO order: a task that
 * arrives while others wait queues behind them even if a permit is free at that instant.
 *
 * <pre>{@code
 * Semaphore sem = new Semaphore(10);
 * try (var _ = sem.acquire()) {
 *     fetch(url);                 // at most 10 tasks fetch at once
 * }
 * }</pre>
 *
 * <p>Follows CPython 3.12+ ({@code gh-90155}): a permit handed to a waiter that is cancelled before it
 * runs goes back and on to the next waiter. Not thread-safe: use it from the tasks of one loop.
 */
public class Semaphore {

    private final LoopBound loop = new LoopBound();
    private final Held held = this::release;
    private ArrayDeque<Future<Void>> waiters;
    /** Free permits, not counting the ones already handed to woken waiters. */
    int value;

    /** A semaphore with one permit (asyncio {@code Semaphore()}). */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits (asyncio {@code Semaphore(value)}).
     *
     * @throws IllegalArgumentException when {@code value} is negative (asyncio's {@code ValueError})
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would suspend (asyncio {@code locked}): no permit is free, or tasks are
     * already waiting for one (FIFO: they go first). Never suspends.
     */
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        ArrayDeque<Future<Void>> w = waiters;
        if (w != null) {
            for (Future<Void> f : w) {
                if (!f.cancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Takes a permit, suspending until one is free and every earlier waiter has been served (asyncio
     * {@code acquire}). Returns a {@link Held} whose {@code close()} releases the permit.
     *
     * <p>Cancellable: raises {@link CancelledError} holding no permit. If a permit had already been handed
     * to this task, it goes back and on to the next waiter.
     */
    public Held acquire() {
        if (!locked()) {
            value--;
            return held;
        }
        ArrayDeque<Future<Void>> w = waiters;
        if (w == null) {
            w = waiters = new ArrayDeque<>();
        }
        Future<Void> fut = loop.get(this).createFuture();
        w.addLast(fut);
        try {
            try {
                Aio.await(fut);
            } finally {
                w.removeFirstOccurrence(fut);
            }
        } catch (CancelledError e) {
            if (fut.done() && !fut.cancelled()) {
                // A permit was handed to us (value was decremented for us) but we will not take it.
                value++;
            }
            throw e;
        } finally {
            // Tasks that arrived meanwhile had to queue (FIFO); wake as many as there are free permits.
            while (value > 0 && wakeUpNext()) {
                // keep waking
            }
        }
        return held;
    }

    /**
     * Gives a permit back and hands it to the first waiter, if any (asyncio {@code release}). Never
     * suspends. Releasing more than was acquired raises the count above its initial value (see
     * {@link BoundedSemaphore} for a semaphore that refuses this).
     */
    public void release() {
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first waiter that is not done; {@code false} if there was none. */
    private boolean wakeUpNext() {
        ArrayDeque<Future<Void>> w = waiters;
        if (w == null) {
            return false;
        }
        for (Future<Void> f : w) {
            if (!f.done()) {
                value--;
                f.setResult(null);
                return true;
            }
        }
        return false;
    }

    /** The number of free permits (asyncio's {@code _value}, for tests and debugging). Never suspends. */
    public int value() {
        return value;
    }

    @Override
    public String toString() {
        int n = waiters == null ? 0 : waiters.size();
        return "<" + getClass().getSimpleName() + " [" + (locked() ? "locked" : "unlocked, value:" + value)
                + (n > 0 ? ", waiters:" + n : "") + "]>";
    }
}
