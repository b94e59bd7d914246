package io.jasyncio.queue;

/**
 * Raised by puts on a queue that was shut down, and by gets once it is also empty (or at once after an
 * immediate shutdown) (asyncio {@code QueueShutDown}, Python 3.13).
 */
public class QueueShutDown extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A new error without a message, as asyncio raises it. */
    public QueueShutDown() {
        super();
    }

    /** A new error with a message. */
    public QueueShutDown(String message) {
        super(message);
    }
}
