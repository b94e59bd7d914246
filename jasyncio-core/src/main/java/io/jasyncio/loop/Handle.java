package io.jasyncio.loop;

import io.jasyncio.Context;
import io.jasyncio.internal.ContextMap;

/**
 * A callback scheduled on a loop, as returned by {@code callSoon} (asyncio's {@code Handle}).
 *
 * <p>Handles are not thread-safe: cancel them on the loop's thread (from another thread, use
 * {@code loop.callSoonThreadsafe(handle::cancel)}).
 */
public class Handle {

    final SelectorEventLoop loop;
    private Runnable callback;
    private boolean cancelled;
    StackTraceElement[] sourceTraceback;
    private final ContextMap context;

    /** Creates a handle that will run {@code callback} on {@code loop} in a copy of the current context. */
    public Handle(SelectorEventLoop loop, Runnable callback) {
        this(loop, callback, Context.currentMap());
    }

    /** Creates a handle that will run {@code callback} in a copy of the context values {@code context}. */
    public Handle(SelectorEventLoop loop, Runnable callback, ContextMap context) {
        this.loop = loop;
        this.callback = callback;
        this.context = context;
        if (loop.getDebug()) {
            sourceTraceback = new Throwable().getStackTrace();
        }
    }

    /** Cancels the callback: it will not run. Calling it again does nothing. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            callback = null;
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The loop this handle belongs to. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs the callback; an exception it raises goes to the loop's exception handler.
     * Subclasses inside jasyncio (the task step) override it.
     */
    protected void run() {
        Runnable cb = callback;
        if (cb == null) {
            return;
        }
        loop.enterCallback(context);
        try {
            cb.run();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            loop.callExceptionHandler(ExceptionContext.of("Exception in callback " + this, e).handle(this));
        } finally {
            loop.leaveCallback();
        }
    }

    /** What this handle runs, for messages and debug reports. */
    protected String describe() {
        Runnable cb = callback;
        return cb == null ? "(cancelled)" : cb.toString();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + (cancelled ? " cancelled" : " " + describe()) + ">";
    }
}
