package io.jasyncio.internal.fiber;

/**
 * One coroutine body that can be suspended and resumed: the single abstraction between jasyncio's
 * tasks and the JVM's coroutine mechanism.
 *
 * <p>A fiber is driven by one thread at a time: {@link #resume()} runs the body until it calls
 * {@link #suspend()} or ends. Exactly one of the loop and the fiber runs at any moment.
 */
public interface Fiber {

    /**
     * Runs the body until it suspends or ends.
     *
     * @return {@code true} when the body has ended (normally or by an exception it let escape)
     */
    boolean resume();

    /** Suspends the running body and returns control to the caller of {@link #resume()}; must be called from inside the body. */
    void suspend();

    /** Whether the body has ended. */
    boolean isDone();

    /** Whether the body is the code running right now on the current thread. */
    boolean isCurrent();

    /** The stack of the suspended body, innermost frame first; empty when it is not suspended. */
    StackTraceElement[] stack();

    /**
     * Unwinds a suspended body that will never be resumed, so that it releases what it holds
     * (its thread, for the thread back end). The continuation back end simply drops it.
     */
    void discard();
}
