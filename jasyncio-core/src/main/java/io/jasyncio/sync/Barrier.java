package io.jasyncio.sync;

import io.jasyncio.CancelledError;

/**
 * A meeting point for a fixed number of tasks (asyncio {@code Barrier}, Python 3.11): each task that
 * calls {@link #await()} suspends until {@link #parties()} tasks are waiting, then all of them go on
 * together, and the barrier can be used again.
 *
 * <pre>{@code
 * Barrier barrier = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Aio.createTask(() -> {
 *         prepare();
 *         int index = barrier.await();   // 0, 1 or 2: a different one for each task
 *         go();
 *     });
 * }
 * }</pre>
 *
 * <p>The barrier cycles through asyncio's states: filling (tasks arrive), draining (the tasks of a full
 * round leave; newcomers wait for the next round), resetting ({@link #reset()} while tasks wait: they
 * get {@link BrokenBarrierError}) and broken ({@link #abort()}: every waiter, present and future, gets
 * {@link BrokenBarrierError}). Built on a {@link Condition}, as CPython's. Not thread-safe.
 */
public class Barrier {

    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    private int count;

    /**
     * A barrier for {@code parties} tasks (asyncio {@code Barrier(parties)}).
     *
     * @throws IllegalArgumentException when {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns this task's arrival index, from 0 to
     * {@code parties - 1}; the last to arrive releases everyone without suspending in the wait (asyncio
     * {@code wait}; named {@code await} as {@code Object.wait()} is final). Suspends; a task arriving
     * while the previous round drains first waits for it to finish.
     *
     * <p>Cancellable: raises {@link CancelledError} and leaves the barrier (the count of waiters drops),
     * as in asyncio.
     *
     * @throws BrokenBarrierError when the barrier is broken, or is reset or aborted while this task waits
     */
    public int await() {
        try (var _ = cond.acquire()) {
            block();
            int index = count++;
            try {
                if (index + 1 == parties) {
                    releaseAll();
                } else {
                    waitForRelease();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    /** Waits while the barrier drains or resets; raises if it is broken. */
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    /** The last task arrived: start draining; tasks that arrive now wait for the next round. */
    private void releaseAll() {
        state = State.DRAINING;
        cond.signalAll();
    }

    /** Waits for the end of filling; raises if that end was a reset or an abort. */
    private void waitForRelease() {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /** The last task to leave ends the draining or resetting and lets waiting newcomers in. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Returns the barrier to its initial, empty state (asyncio {@code reset}); tasks waiting in it get
     * {@link BrokenBarrierError}. Suspends to take the barrier's internal lock; cancellable while doing so.
     */
    public void reset() {
        try (var _ = cond.acquire()) {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING;
                }
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Breaks the barrier (asyncio {@code abort}): tasks waiting in it and tasks that call {@link #await()}
     * later get {@link BrokenBarrierError}, until {@link #reset()}. Suspends to take the barrier's internal
     * lock; cancellable while doing so.
     */
    public void abort() {
        try (var _ = cond.acquire()) {
            state = State.BROKEN;
            cond.signalAll();
        }
    }

    /** The number of tasks needed to trip the barrier (asyncio {@code parties}). Never suspends. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting in the current round (asyncio {@code n_waiting}); 0 unless filling. Never suspends. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken (asyncio {@code broken}). Never suspends. */
    public boolean broken() {
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        String extra = state.text;
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }
}
