package io.jasyncio.internal.fiber;

/**
 * The code a fiber runs. A task implements it itself, so that a fiber needs no separate runnable
 * object (every byte counts for a million sleeping tasks).
 */
@FunctionalInterface
public interface FiberBody {

    /** Runs the body to its end; it may suspend its fiber on the way. */
    void runFiberBody();
}
