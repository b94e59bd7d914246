package io.jasyncio.queue;

/** Raised by {@code putNowait()} on a full queue (asyncio {@code QueueFull}). */
public class QueueFull extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A new error without a message, as asyncio raises it. */
    public QueueFull() {
        super();
    }

    /** A new error with a message. */
    public QueueFull(String message) {
        super(message);
    }
}
