package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;

/**
 * The slides' two futures ("BASIC CONTINUED (CODE)", seed 002 lines 70-82): {@code ensureFuture} wraps
 * two coroutines in tasks on the loop, so both are scheduled before the loop runs; running until the
 * second is complete lets the first start too, and it finishes half a second later.
 *
 * <p>The slide shows no output; what the code prints is {@code hi 2} at once, then {@code hi 1} half a
 * second later.
 */
public final class TwoFutures {

    private TwoFutures() {
    }

    /** The slide's {@code hello1()}: sleeps half a second, then prints. */
    static Void hello1() {
        Aio.sleep(0.5);
        System.out.println("hi 1");
        return null;
    }

    /** The slide's {@code hello2()}: prints at once. */
    static Void hello2() {
        System.out.println("hi 2");
        return null;
    }

    /** Schedules both, runs until the second is done, then until the first is done. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        Coroutine<Void> hello1 = TwoFutures::hello1;
        Coroutine<Void> hello2 = TwoFutures::hello2;
        Future<Void> future1 = Aio.ensureFuture(hello1, eventLoop);
        Future<Void> future2 = Aio.ensureFuture(hello2, eventLoop);
        eventLoop.runUntilComplete(future2);
        eventLoop.runUntilComplete(future1);
        eventLoop.close();
        Aio.setEventLoop(null);
    }
}
