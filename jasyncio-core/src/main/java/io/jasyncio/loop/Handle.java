package io.jasyncio.loop;

import io.jasyncio.Context;
import io.jasyncio.internal.ContextMap;

/**
 * A callback scheduled on a loop, as returned by {@code callSoon} (asyncio's {@code Handle}).
 *
 * <p>Handles are not thread-safe: cancel them on the loop's thread (from another thread, use
 * {@code loop.callSoonThreadsafe(handle::cancel)}).
 */
public class Handle implements Ready {

    final SelectorEventLoop loop;
    private Runnable callback;
    private boolean cancelled;
    /**
     * The context the callback runs in (a {@link ContextMap}); in debug mode a {@link DebugInfo} that also
     * holds where the handle was made. One field for both keeps the common handle (and timer) small.
     */
    private final Object contextInfo;

    /** What a handle made in debug mode carries. */
    private record DebugInfo(ContextMap context, StackTraceElement[] source) {
    }

    /** Creates a handle that will run {@code callback} on {@code loop} in a copy of the current context. */
    public Handle(SelectorEventLoop loop, Runnable callback) {
        this(loop, callback, Context.currentMap());
    }

    /** Creates a handle that will run {@code callback} in a copy of the context values {@code context}. */
    public Handle(SelectorEventLoop loop, Runnable callback, ContextMap context) {
        this.loop = loop;
        this.callback = callback;
        this.contextInfo = loop.getDebug() ? new DebugInfo(context, new Throwable().getStackTrace()) : context;
    }

    /** Cancels the callback: it will not run. Calling it again does nothing. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            callback = null;
        }
    }

    /** Runs the callback unless the handle was cancelled (the loop's entry point). */
    @Override
    public final void runReady() {
        if (!cancelled) {
            run();
        }
    }

    /** Where the handle was made, when debug mode was on; else {@code null}. */
    StackTraceElement[] sourceTraceback() {
        return contextInfo instanceof DebugInfo d ? d.source() : null;
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
        loop.enterCallback(contextInfo instanceof DebugInfo d ? d.context() : (ContextMap) contextInfo);
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
