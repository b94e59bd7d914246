package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import java.util.List;
import java.util.Set;

/**
 * Example 3-2, the "Hello-ish World" of asyncio (B:1648-1733): Example 3-1 with the loop's life cycle
 * spelled out, close to what {@code Aio.run} does: get a loop, create a task, run until it is complete,
 * cancel and gather what is still pending, close the loop. Prints what Example 3-1 prints.
 *
 * <p>Deviation: Python 3.8's {@code get_event_loop()} creates a loop when the thread has none; jasyncio
 * follows Python 3.14 and never creates one implicitly, so the program first sets a new loop as the
 * thread's loop (and unsets it at the end).
 */
public final class QuickstartLoop {

    private QuickstartLoop() {
    }

    /** The book's {@code async def main()}, the same coroutine as Example 3-1's. */
    static void main() {
        Quickstart.main();
    }

    /** Runs the loop by hand, step by step as the book does. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();                        // (1) the thread's loop
        Task<Void> task = loop.createTask(() -> main(), "main");    // (2) schedules main(); nothing runs yet
        loop.runUntilComplete(task);                                // (3) runs the loop until main() is done
        Set<Task<?>> pending = loop.allTasks();
        for (Task<?> t : pending) {
            t.cancel();
        }
        Future<List<Object>> group = Aio.gather(true, List.copyOf(pending));  // (4)
        loop.runUntilComplete(group);                               // (3) until the cancelled tasks are done
        loop.close();                                               // (5) a closed loop is gone for good
        Aio.setEventLoop(null);
    }
}
