package io.jasyncio;

import java.util.List;

/**
 * Several exceptions raised together, as by a {@link TaskGroup} whose tasks failed (Python's
 * {@code ExceptionGroup}). Each member is also attached as a suppressed exception, so stack traces
 * show them all.
 */
public class ExceptionGroup extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    /** A group with a message and its members, in the order they happened. */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        this.exceptions = List.copyOf(exceptions);
        for (Throwable e : this.exceptions) {
            addSuppressed(e);
        }
    }

    /** The member exceptions, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
