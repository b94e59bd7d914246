package io.jasyncio.sync;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.internal.LoopBound;
import java.util.ArrayDeque;

/**
 * A flag that tasks can wait for (asyncio {@code Event}): {@link #set()} wakes every waiting task,
 * {@link #clear()} makes later waiters wait again.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Aio.createTask(() -> { ready.await(); System.out.println("go"); });
 * ready.set();
 * }</pre>
 *
 * <p>Not thread-safe: use it from the tasks of one loop (it binds to the first loop it waits on).
 */
public class Event {

    private final LoopBound loop = new LoopBound();
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private boolean value;

    /** A new event, not set (asyncio {@code Event()}). */
    public Event() {
    }

    /** Whether the flag is set (asyncio {@code is_set}). Never suspends. */
    public boolean isSet() {
        return value;
    }

    /**
     * Sets the flag and wakes every task waiting in {@link #await()} (asyncio {@code set}). Waiters that
     * come later return at once until {@link #clear()}. Never suspends.
     */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Void> f : waiters) {
                if (!f.done()) {
                    f.setResult(null);
                }
            }
            // Every waiter is done now and forgets itself when it resumes; dropping them here spares
            // each of N woken waiters a search of the others.
            waiters.clear();
        }
    }

    /** Resets the flag, so that {@link #await()} suspends again (asyncio {@code clear}). Never suspends. */
    public void clear() {
        value = false;
    }

    /**
     * Returns at once if the flag is set, else suspends until {@link #set()} is called (asyncio
     * {@code wait}; named {@code await} as {@code Object.wait()} is final). A task woken by
     * {@code set()} returns even if the flag was cleared again before it ran.
     *
     * <p>Cancellable: raises {@link CancelledError} and forgets the waiter; other waiters are not affected.
     */
    public void await() {
        if (value) {
            return;
        }
        Future<Void> fut = loop.get(this).createFuture();
        waiters.addLast(fut);
        try {
            Aio.await(fut);
        } finally {
            waiters.removeFirstOccurrence(fut);
        }
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}
