package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * Example 3-12 (B:2729-2775): {@code getEventLoop()} gives the same loop every time it is called in one
 * thread, and inside a coroutine {@code getRunningLoop()} gives that same loop, the one running it.
 *
 * <p>Book output: {@code True} (for {@code loop is loop2}). Here: {@code true}, then a second line for
 * what the book says in prose, that {@code get_running_loop()} inside a coroutine is the running loop.
 * Deviation: the thread's loop is set first, because jasyncio's {@code getEventLoop()} never creates one
 * (Python 3.14's rule; Python 3.8 created it on first call).
 */
public final class SameLoop {

    private SameLoop() {
    }

    /** Compares the loops the two functions return. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        EventLoop loop2 = Aio.getEventLoop();
        System.out.println(loop == loop2);
        boolean same = loop.runUntilComplete(() -> Aio.getRunningLoop() == loop);
        System.out.println("getRunningLoop() inside a coroutine is the same loop: " + same);
        loop.close();
        Aio.setEventLoop(null);
    }
}
