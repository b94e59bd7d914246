package io.jasyncio.bench;

import io.jasyncio.internal.fiber.Fibers;
import io.jasyncio.loop.SelectorEventLoop;

/** What every benchmark here needs: a real-time loop on the continuation back end, nothing else. */
final class BenchLoops {

    private BenchLoops() {
    }

    /**
     * A new loop with debug mode off. Refuses to measure the slow virtual-thread back end by accident:
     * that happens when {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} is missing from the
     * forked JVM; set {@code -Djasyncio.bench.allowThreads=true} to measure that back end on purpose.
     */
    static SelectorEventLoop newLoop() {
        String backend = Fibers.backend().name();
        if (!backend.equals("continuation") && !Boolean.getBoolean("jasyncio.bench.allowThreads")) {
            throw new IllegalStateException("jasyncio runs on the '" + backend + "' back end: pass "
                    + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED to the benchmark JVM");
        }
        SelectorEventLoop loop = new SelectorEventLoop();
        loop.setDebug(false);
        return loop;
    }

    /** The trivial coroutine body of (b) and (c): Python's {@code async def noop(): return None}. */
    static Void noop(int ignored) {
        return null;
    }
}
