package io.jasyncio.examples.blog;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * The blog's two hellos (seed 004 lines 45-61): two {@link Say#say} tasks, of 2 and 1 seconds, share the
 * loop, so both are done after about 2 seconds where running them one after the other would take 3.
 * Output: {@code second hello} after one second, {@code first hello} after two.
 *
 * <p>As in the blog, the loop then runs forever ({@code runForever} returns only when something calls
 * {@code stop()}, and nothing here does): the program keeps running until it is interrupted with Ctrl-C,
 * and the blog's {@code loop.close()} is reached only if the loop is stopped from outside.
 */
public final class SayTwo {

    private SayTwo() {
    }

    /** Creates both tasks and runs the loop forever. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        loop.createTask(() -> Say.say("first hello", 2));
        loop.createTask(() -> Say.say("second hello", 1));
        loop.runForever();
        loop.close();
        Aio.setEventLoop(null);
    }
}
