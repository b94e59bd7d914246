package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Examples 3-13 and 3-14 (B:2782-2814): a coroutine launches tasks and does not await them; they run on
 * their own, and the coroutine returns before they finish. Example 3-13 gets the loop and calls its
 * {@code createTask}; Example 3-14, the modern way, calls {@code Aio.createTask} ({@code asyncio.create_task}).
 *
 * <p>The book's listings are pseudo-code ({@code for i in range():}, {@code <some other coro>}; erratum
 * E-5) and print nothing. Here {@code f} launches one task each way, each sleeping a little; the program
 * prints which tasks are still running when {@code f} has returned, then waits for them and prints when
 * each finished, on the loop's clock.
 */
public final class CreateTasks {

    private CreateTasks() {
    }

    /** The "other coroutine" each task runs: sleeps {@code seconds}, then reports the loop time. */
    static void otherCoro(double seconds) {
        EventLoop loop = Aio.getRunningLoop();
        double start = loop.time();
        Aio.sleep(seconds);
        System.out.printf(Locale.ROOT, "%s finished after %.1f s%n", Aio.currentTask().getName(), loop.time() - start);
    }

    /** The book's {@code f()}: creates tasks both ways, awaits none of them. */
    static void f() {
        EventLoop loop = Aio.getRunningLoop();                               // Example 3-13
        loop.createTask(() -> otherCoro(1.0), "task-from-loop.createTask");
        Aio.createTask(() -> otherCoro(2.0), "task-from-Aio.createTask");    // Example 3-14
    }

    /** Runs {@code f}, then waits for the tasks it left running. */
    static void session() {
        Aio.await(Aio.createTask(() -> f()));
        List<Task<?>> running = new ArrayList<>(Aio.allTasks());
        running.remove(Aio.currentTask());
        List<String> names = running.stream().map(Task::getName).toList();
        System.out.println("f() has returned; still running: " + names);
        Aio.await(Aio.gather(running));
    }

    /** Runs the session in a task. */
    public static void main(String[] args) {
        Aio.run(() -> session());
    }
}
