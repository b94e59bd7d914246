package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.loop.EventLoop;

/**
 * The slides' scheduling example ("SCHEDULING (CODE)", seed 002 lines 221-229): {@code callLater} runs a
 * plain callback after a delay, {@code callAt} at a time on the loop's clock; the callbacks run only
 * while the loop runs, here for two seconds.
 *
 * <p>What the code prints: {@code Hello}, then {@code Hello timed}, both after one second (the two
 * timers are due at the same time, and run in the order they were scheduled); the program ends after two.
 */
public final class Scheduling {

    private Scheduling() {
    }

    /** The slide's {@code delayed_print(txt)}: a plain function, not a coroutine. */
    static void delayedPrint(String txt) {
        System.out.println(txt);
    }

    /** Schedules both callbacks and runs the loop for two seconds. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        eventLoop.callLater(1, () -> delayedPrint("Hello"));
        eventLoop.callAt(eventLoop.time() + 1, () -> delayedPrint("Hello timed"));
        eventLoop.runUntilComplete(() -> Aio.sleep(2, (Void) null));
        eventLoop.close();
        Aio.setEventLoop(null);
    }
}
