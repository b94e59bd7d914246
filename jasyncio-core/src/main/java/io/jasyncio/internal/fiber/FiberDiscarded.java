package io.jasyncio.internal.fiber;

/**
 * Unwinds the stack of a fiber that will never be resumed (its loop closed while it was suspended).
 * jasyncio never records it as a task's outcome; user code should not catch it.
 */
public final class FiberDiscarded extends Error {

    private static final long serialVersionUID = 1L;

    FiberDiscarded() {
        super("jasyncio fiber discarded: its loop was closed while it was suspended", null, false, false);
    }
}
