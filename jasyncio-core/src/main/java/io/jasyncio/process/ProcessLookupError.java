package io.jasyncio.process;

/**
 * There is no such process to signal (Python's {@code ProcessLookupError}): raised by
 * {@link SubprocessTransport#sendSignal(int)}, {@code terminate} and {@code kill} once the transport has
 * finished (the child was reaped and its pipes closed), as asyncio's transport does.
 */
public class ProcessLookupError extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An error with {@code message}. */
    public ProcessLookupError(String message) {
        super(message);
    }
}
