package io.jasyncio.queue;

/** Raised by {@code getNowait()} on an empty queue (asyncio {@code QueueEmpty}). */
public class QueueEmpty extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A new error without a message, as asyncio raises it. */
    public QueueEmpty() {
        super();
    }

    /** A new error with a message. */
    public QueueEmpty(String message) {
        super(message);
    }
}
