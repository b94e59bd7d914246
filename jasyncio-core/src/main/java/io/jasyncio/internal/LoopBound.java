package io.jasyncio.internal;

import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * The loop binding of a synchronisation object (asyncio's {@code mixins._LoopBoundMixin}): the object
 * is bound to the running loop the first time it needs one (to create a waiter future), and using it
 * on another loop afterwards is an error. Not thread-safe, like the objects that use it.
 */
public final class LoopBound {

    private SelectorEventLoop loop;

    /**
     * The running loop, binding {@code owner} to it on first use.
     *
     * @throws IllegalStateException when no loop is running, or {@code owner} is bound to another loop
     */
    public SelectorEventLoop get(Object owner) {
        SelectorEventLoop running = EventLoops.getRunningLoop();
        SelectorEventLoop bound = loop;
        if (bound == null) {
            loop = running;
        } else if (bound != running) {
            throw new IllegalStateException(owner + " is bound to a different event loop");
        }
        return running;
    }

    /** The loop this object is bound to, or {@code null} if it never needed one. */
    public SelectorEventLoop boundLoop() {
        return loop;
    }
}
