package io.jasyncio;

import io.jasyncio.loop.Handle;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

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
 * until the block is left. Leaving the block withdraws the cancellation ({@link Task#uncancel()}), so
 * {@code cancelling()} is back to its value on entry. If the task was also cancelled from outside, the
 * plain {@link CancelledError} is raised instead. Of nested timeouts that expire together, the
 * outer one raises the {@code TimeoutError}, as in asyncio.
 * If the block ends without an exception although the deadline passed (the awaited work swallowed
 * the cancellation), nothing is raised and {@link #expired()} tells.
 *
 * <p>Opening the block does not suspend; {@code close()} does not either. A deadline that is already
 * past expires on the next loop iteration.
 */
public final class Timeout extends CancelScope implements AutoCloseable {

    /** asyncio's states, with its names for messages. */
    private enum State {
        ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    private final SelectorEventLoop loop;
    private final int cancellingAtEnter;
    private State state;
    private Double when;
    private Handle handle;
    /** The TimeoutErrors this block delivered, so that a task group inside can tell them from its own. */
    private Set<Throwable> delivered;

    Timeout(Task<?> task, Double when) {
        super(task);
        checkDeadline(when); // before push(): a constructor that throws is never closed
        this.loop = (SelectorEventLoop) task.getLoop();
        this.cancellingAtEnter = task.cancelling();
        this.state = State.ENTERED;
        push();
        reschedule(when);
    }

    private static void checkDeadline(Double when) {
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("the deadline is NaN");
        }
    }

    /** The deadline on the loop's clock, or {@code null} for none. */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline (absolute, on the loop's clock); {@code null} removes it, and so does positive
     * infinity in effect (no timer is set, so a virtual clock never jumps to it). Raises
     * {@link IllegalStateException} once the deadline has passed or the block has ended.
     */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.value + " Timeout");
        }
        checkDeadline(newWhen);
        this.when = newWhen;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (newWhen != null && newWhen != Double.POSITIVE_INFINITY) {
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
        if (claimingTimeout(task) != this) {
            return null; // another request is pending (an outside cancel), or another timeout claims it
        }
        TimeoutError error = new TimeoutError(null, cause);
        if (delivered == null) {
            delivered = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        delivered.add(error);
        return error;
    }

    @Override
    boolean withdrawsOnExit() {
        return state == State.EXPIRING;
    }

    @Override
    boolean delivered(Throwable error) {
        return delivered != null && delivered.contains(error);
    }

    int cancellingAtEnter() {
        return cancellingAtEnter;
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
        delivered = null;
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            task.uncancel();
        } else {
            state = State.EXITED;
        }
    }

    @Override
    public String toString() {
        // As asyncio's repr: the deadline (to the millisecond) only while the block is active.
        String info = state == State.ENTERED
                ? " when=" + (when == null || when.isInfinite() ? String.valueOf(when)
                        : String.valueOf(Math.round(when * 1000) / 1000.0))
                : "";
        return "<Timeout [" + state.value + "]" + info + ">";
    }
}
