package io.jasyncio;

/**
 * A region of a task's code that can be cancelled as a whole: a {@link Timeout} or the body of a
 * {@link TaskGroup}. Scopes form a stack per task. Once a scope is cancelled, every await inside it
 * raises again (level-triggered, as trio's cancel scopes), so that a {@code catch} that swallows the
 * cancellation cannot keep the scope's code running.
 *
 * <p>asyncio decides what a cancellation becomes when it leaves each {@code async with} block: an
 * expired timeout withdraws its own cancel request ({@code uncancel()}) and turns the
 * {@code CancelledError} into {@code TimeoutError} if no other request is left. Java's {@code close()}
 * cannot replace the exception leaving a block, so jasyncio takes the same decision earlier, at the
 * await where the cancellation is delivered: {@link #claimingTimeout} replays those exits from the
 * innermost scope outwards, and the timeout that would convert the error delivers a {@link TimeoutError}.
 */
abstract class CancelScope {

    final Task<?> task;
    CancelScope parent;
    boolean cancelled;
    boolean active;

    CancelScope(Task<?> task) {
        this.task = task;
    }

    void push() {
        parent = task.scopes();
        task.setScopes(this);
        active = true;
    }

    void pop() {
        if (!active) {
            return;
        }
        active = false;
        if (task.scopes() == this) {
            task.setScopes(parent);
        } else {
            // Closed out of order (a scope leaked past its block): unlink it wherever it is.
            CancelScope s = task.scopes();
            while (s != null && s.parent != this) {
                s = s.parent;
            }
            if (s != null) {
                s.parent = parent;
            }
        }
        parent = null;
    }

    /**
     * The exception to raise for a cancellation that reaches an await inside this cancelled scope, or
     * {@code null} to raise {@code cause} as it is.
     */
    abstract CancelledError translate(CancelledError cause);

    /** Whether leaving this scope withdraws a cancel request that the scope itself made. */
    abstract boolean withdrawsOnExit();

    /** Whether {@code error} is a cancellation this scope delivered (a timeout's own {@link TimeoutError}). */
    boolean delivered(Throwable error) {
        return false;
    }

    /**
     * The expired timeout of {@code task} that a cancellation delivered now belongs to, or {@code null}:
     * walking out from the innermost scope, each scope that will withdraw its own request takes one off
     * the task's {@code cancelling()} count, and the first expired timeout that finds the count back at
     * its value on entry claims the cancellation (asyncio's {@code uncancel() <= self._cancelling}).
     */
    static Timeout claimingTimeout(Task<?> task) {
        int pending = task.cancelling();
        for (CancelScope s = task.scopes(); s != null; s = s.parent) {
            if (s.withdrawsOnExit()) {
                pending--;
                if (s instanceof Timeout t && pending <= t.cancellingAtEnter()) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Whether {@code error} was delivered by one of the scopes that {@code task} is inside now. */
    static boolean deliveredByActiveScope(Task<?> task, Throwable error) {
        for (CancelScope s = task.scopes(); s != null; s = s.parent) {
            if (s.delivered(error)) {
                return true;
            }
        }
        return false;
    }
}
