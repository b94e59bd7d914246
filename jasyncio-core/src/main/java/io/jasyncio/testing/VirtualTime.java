package io.jasyncio.testing;

import io.jasyncio.AsyncRunnable;
import io.jasyncio.Coroutine;
import io.jasyncio.loop.Runner;
import io.jasyncio.loop.SelectorEventLoop;

/** Runs coroutines on virtual time: {@code Aio.run} for tests, with a loop on a fresh {@link VirtualClock}. */
public final class VirtualTime {

    private VirtualTime() {
    }

    /** A new loop on a new virtual clock. */
    public static SelectorEventLoop newLoop() {
        return new SelectorEventLoop(new VirtualClock());
    }

    /** Like {@code Aio.run(main)}, on virtual time. */
    public static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner(null, VirtualTime::newLoop)) {
            return runner.run(main);
        }
    }

    /** Like {@code Aio.run(main)} for a coroutine with no result, on virtual time. */
    public static void run(AsyncRunnable main) {
        run(main.asCoroutine());
    }
}
