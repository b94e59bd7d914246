package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Example 3-32, "all the tasks will complete" ({@code alltaskscomplete.py}, B:4523-4563): with
 * {@code returnExceptions}, {@code gather} gives each task's result or exception in its place, so one
 * task failing does not stop the loop before the others finish.
 *
 * <p>Book output: {@code Results: [6, 9, 3, 7, ... ZeroDivisionError('division by zero',), 4, ... 8, 1, 5, 2]}.
 *
 * <p>Deviations. The listing calls {@code asyncio.all_tasks()} with no loop running, which raises in
 * Python 3.7 and later (erratum E-2); following its intent, the program asks the loop for its tasks. The
 * order is the loop's (oldest task first), where Python's comes from a set and is arbitrary. Java's
 * floating-point {@code 1.0 / 0} is infinity, not an error, so {@code f} computes {@code 1 / delay} of a
 * second in whole nanoseconds, an integer division that fails on zero as Python's does: with
 * {@code ArithmeticException: / by zero}, Python's {@code ZeroDivisionError}.
 */
public final class AllTasksComplete {

    private AllTasksComplete() {
    }

    /** The book's {@code f(delay)}: sleeps {@code 1 / delay} seconds and returns {@code delay}. */
    static int f(int delay) {
        long nanos = TimeUnit.SECONDS.toNanos(1) / delay;
        Aio.sleep(nanos / 1e9);
        return delay;
    }

    /** Creates the ten tasks, gathers them with returnExceptions, and prints the results. */
    public static void main(String[] args) {
        EventLoop loop = Aio.newEventLoop();
        for (int i = 0; i < 10; i++) {
            int delay = i;
            loop.createTask(() -> f(delay));
        }
        Set<Task<?>> pending = loop.allTasks();
        Future<List<Object>> group = Aio.gather(true, List.copyOf(pending));
        List<Object> results = loop.runUntilComplete(group);
        System.out.println("Results: " + results);
        loop.close();
    }
}
