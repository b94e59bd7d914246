package io.jasyncio;

/**
 * Raised when a {@link Timeout} expires, by {@link Aio#waitFor} and by {@link Aio#asCompleted}
 * (asyncio {@code TimeoutError}).
 *
 * <p>It extends {@link CancelledError} because Java's {@code close()} cannot replace the exception
 * leaving a try-with-resources block, as asyncio's {@code __aexit__} replaces {@code CancelledError}
 * with {@code TimeoutError}: so the expired scope delivers a {@code TimeoutError} at the await point,
 * where a {@code catch (CancelledError e)} clean-up still sees it, and the caller of the block catches
 * {@code TimeoutError} (the approach of Kotlin's {@code TimeoutCancellationException}). A task that
 * lets a {@code TimeoutError} escape ends with that exception, not cancelled.
 */
public class TimeoutError extends CancelledError {

    private static final long serialVersionUID = 1L;

    /** A timeout without a message. */
    public TimeoutError() {
        super();
    }

    /** A timeout with a message. */
    public TimeoutError(String message) {
        super(message);
    }

    /** A timeout caused by the cancellation it replaced. */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
