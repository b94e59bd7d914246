package io.jasyncio;

/**
 * Raised by {@code Aio.run} when Ctrl-C (SIGINT) ended the program (Python's {@code KeyboardInterrupt}):
 * the first SIGINT cancels the main task, and if it ends cancelled, {@code run} raises this; a second
 * SIGINT stops the loop at once.
 */
public class KeyboardInterrupt extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An interrupt without a message. */
    public KeyboardInterrupt() {
        super("KeyboardInterrupt");
    }
}
