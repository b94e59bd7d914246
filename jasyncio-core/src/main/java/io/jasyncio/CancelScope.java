package io.jasyncio;

/**
 * A region of a task's code that can be cancelled as a whole: a {@link Timeout} or the body of a
 * {@link TaskGroup}. Scopes form a stack per task. Once a scope is cancelled, every await inside it
 * raises again (level-triggered, as trio's cancel scopes), so that a {@code catch} that swallows the
 * cancellation cannot keep the scope's code running.
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
        parent = task.scopes;
        task.scopes = this;
        active = true;
    }

    void pop() {
        if (!active) {
            return;
        }
        active = false;
        if (task.scopes == this) {
            task.scopes = parent;
        } else {
            // Closed out of order (a scope leaked past its block): unlink it wherever it is.
            CancelScope s = task.scopes;
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
}
