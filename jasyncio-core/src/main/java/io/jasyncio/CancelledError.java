package io.jasyncio;

/**
 * Raised at a task's await point when the task is cancelled (asyncio {@code CancelledError}). A task may
 * catch it to clean up, and should then re-raise it. Catching it and carrying on inside a cancelled
 * {@link Timeout} or {@link TaskGroup} does not help: the next await there raises it again.
 */
public class CancelledError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A cancellation without a message. */
    public CancelledError() {
        super();
    }

    /** A cancellation with the message given to {@code cancel(msg)}. */
    public CancelledError(String message) {
        super(message);
    }

    /** A cancellation with a message and the cancellation it follows from. */
    public CancelledError(String message, Throwable cause) {
        super(message, cause);
    }
}
