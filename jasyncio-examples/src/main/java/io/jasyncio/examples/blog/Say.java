package io.jasyncio.examples.blog;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * The blog's first hello world (seed 004 lines 29-39): {@code say(what, when)} sleeps {@code when}
 * seconds without blocking, then prints {@code what}; the loop runs it to completion and is closed.
 * Output: {@code hello world}, after one second.
 */
public final class Say {

    private Say() {
    }

    /** The blog's {@code async def say(what, when)}. */
    static Void say(String what, double when) {
        Aio.sleep(when);
        System.out.println(what);
        return null;
    }

    /** {@code loop.run_until_complete(say('hello world', 1))}, then closes the loop. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        loop.runUntilComplete(() -> say("hello world", 1));
        loop.close();
        Aio.setEventLoop(null);
    }
}
