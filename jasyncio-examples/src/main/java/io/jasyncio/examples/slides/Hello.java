package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * The slides' basic example ("BASICS (CODE)", seed 002 lines 54-60): get the event loop and run a
 * coroutine in it until it is complete. Slide output: {@code hi}.
 */
public final class Hello {

    private Hello() {
    }

    /** The slide's {@code async def hello()}. */
    static Void hello() {
        System.out.println("hi");
        return null;
    }

    /** Runs {@code hello()} until it is complete. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        eventLoop.runUntilComplete(Hello::hello);
        eventLoop.close();
        Aio.setEventLoop(null);
    }
}
