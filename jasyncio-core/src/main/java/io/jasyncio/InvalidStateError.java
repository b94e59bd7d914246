package io.jasyncio;

/** Raised for an operation a future's state does not allow, such as a second {@code setResult} (asyncio {@code InvalidStateError}). */
public class InvalidStateError extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An error with a message naming the state. */
    public InvalidStateError(String message) {
        super(message);
    }
}
