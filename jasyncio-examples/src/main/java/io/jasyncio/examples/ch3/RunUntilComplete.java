package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * Example 3-11 (B:2635-2656): the loop does the stepping; {@code runUntilComplete} runs a coroutine to
 * its end and returns its value.
 *
 * <p>Book output: {@code 111}. Deviation: as in {@link QuickstartLoop}, the thread's loop is set first,
 * because jasyncio's {@code getEventLoop()} never creates one (Python 3.14's rule).
 */
public final class RunUntilComplete {

    private RunUntilComplete() {
    }

    /** The book's {@code f()}: yields once, then returns 111. */
    static int f() {
        Aio.sleep(0);
        return 111;
    }

    /** Gets the loop and runs {@code f} to completion on it. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        int value = loop.runUntilComplete(RunUntilComplete::f);
        System.out.println(value);
        loop.close();
        Aio.setEventLoop(null);
    }
}
