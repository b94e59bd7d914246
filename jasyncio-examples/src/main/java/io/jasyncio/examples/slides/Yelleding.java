package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.AsyncGenerator;
import io.jasyncio.loop.EventLoop;

/**
 * The slides' async generator ("ASYNC LOOP (CODE)", seed 002 lines 199-212): {@code yelleding()} yields
 * 0 to 4, announcing each value before it yields it; {@code foobar2()} consumes it with {@code async for}
 * (a for-each over the {@link AsyncGenerator}), so the two interleave line by line.
 *
 * <p>Output (the slide shows none; this is what the code prints):
 * <pre>
 * Before yelleding 0
 * Yay, I've been yelleded 0
 * Before yelleding 1
 * Yay, I've been yelleded 1
 * ...
 * Before yelleding 4
 * Yay, I've been yelleded 4
 * </pre>
 */
public final class Yelleding {

    private Yelleding() {
    }

    /** The slide's {@code async def yelleding()}: an async generator. */
    static AsyncGenerator<Integer> yelleding() {
        return Aio.asyncGenerator(y -> {
            for (int idx = 0; idx < 5; idx++) {
                System.out.println("Before yelleding " + idx);
                y.yield(idx);
            }
        });
    }

    /** The slide's {@code async def foobar2()}: {@code async for idx in yelleding()}. */
    static Void foobar2() {
        for (int idx : yelleding()) {
            System.out.println("Yay, I've been yelleded " + idx);
        }
        return null;
    }

    /** Runs the slide's code, then closes the loop. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        eventLoop.runUntilComplete(() -> foobar2());
        eventLoop.close();
        Aio.setEventLoop(null);
    }
}
