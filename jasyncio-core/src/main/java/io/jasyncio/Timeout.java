package io.jasyncio;

import io.jasyncio.loop.Handle;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * A deadline for a block of a task's code, used with try-with-resources (asyncio {@code timeout} /
 * {@code timeout_at}):
 *
 * <pre>{@code
 * try (Timeout t = Aio.timeout(1.5)) {
 *     Aio.sleep(10);          // raises TimeoutError after 1.5 s
 * }
 * }</pre>
 *
 * <p>When the deadline passes, the task is cancelled and the await it is suspended in raises
 * {@link TimeoutError} (a {@link CancelledError}); every later await inside the block raises it again
 * until the block is left. Leaving the block withdraws the cancellation ({@link Task#uncancel()}).
 * If the task was also cancelled from outside, the plain {@link CancelledError} is raised instead.
 */
public final class Timeout extends CancelScope implements AutoCloseable {

    private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

    private final SelectorEventLoop loop;
    private final int cancellingAtEnter;
    private State state;
    private Double when;
    private Handle handle;

    Timeout(Task<?> task, Double when) {
        super(task);
        this.loop = (SelectorEventLoop) task.getLoop();
        this.cancellingAtEnter = task.cancelling();
        this.state = State.ENTERED;
        push();
        reschedule(when);
    }

    /** The deadline on the loop's clock, or {@code null} for none. */
    public Double when() {
        return when;
    }

    /** Moves the deadline (absolute, on the loop's clock); {@code null} removes it. */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
        }
        this.when = newWhen;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (newWhen != null) {
            if (newWhen <= loop.time()) {
                handle = loop.callSoon(this::onTimeout);
            } else {
                handle = loop.callAt(newWhen, this::onTimeout);
            }
        }
    }

    /** Whether the deadline has passed and the block was cancelled. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void onTimeout() {
        handle = null;
        if (state != State.ENTERED) {
            return;
        }
        state = State.EXPIRING;
        cancelled = true;
        task.cancel();
    }

    @Override
    CancelledError translate(CancelledError cause) {
        if (state == State.EXPIRING && task.cancelling() <= cancellingAtEnter + 1) {
            return new TimeoutError(null, cause);
        }
        return null;
    }

    /** Leaves the block: cancels the deadline, and withdraws the cancellation if it expired. */
    @Override
    public void close() {
        if (state == State.EXITED || state == State.EXPIRED) {
            return;
        }
        pop();
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            task.uncancel();
        } else {
            state = State.EXITED;
        }
    }

    @Override
    public String toString() {
        return "<Timeout [" + state.name().toLowerCase() + "]" + (when != null ? " when=" + when : "") + ">";
    }
}
