package io.jasyncio.sync;

/**
 * Raised by {@link Barrier#await()} when the barrier is broken or reset while a task waits, or is broken
 * when a task arrives (asyncio {@code BrokenBarrierError}).
 */
public class BrokenBarrierError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message saying why the barrier failed. */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
