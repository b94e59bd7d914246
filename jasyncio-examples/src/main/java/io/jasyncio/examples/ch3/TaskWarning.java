package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.ExceptionContext;
import java.util.Map;

/**
 * Example 3-29, "destroyer of pending tasks" ({@code taskwarning.py}, B:4193-4239): the loop runs only
 * until the first of two tasks is complete and is then closed with the second still pending, which the
 * loop reports as "Task was destroyed but it is pending!".
 *
 * <p>Book output:
 * <pre>
 * Task was destroyed but it is pending!
 * task: &lt;Task pending coro=&lt;f() done, defined at [...snip...]&gt;
 * </pre>
 * Python's default exception handler logs the report on stderr. jasyncio's default handler logs it
 * through {@code System.Logger}, with the logger's own prefix, so this program sets an exception handler
 * that prints the report as asyncio's does: the message, then one {@code key: value} line per item of the
 * context, on stderr. The task prints as jasyncio's {@code Task} does: its name, the line where it is
 * suspended, and the future it waits for. The report comes when the loop closes, not when the task is
 * garbage-collected.
 */
public final class TaskWarning {

    private TaskWarning() {
    }

    /** The book's {@code f(delay)}: sleeps {@code delay} seconds. */
    static void f(double delay) {
        Aio.sleep(delay);
    }

    /** Prints a report of the loop as asyncio's default exception handler does. */
    static void printReport(EventLoop loop, ExceptionContext context) {
        StringBuilder sb = new StringBuilder(context.message());
        for (Map.Entry<String, Object> e : context.asMap().entrySet()) {
            if (!e.getKey().equals("message")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        System.err.println(sb);
    }

    /** Runs until task 1 is complete, then closes the loop. */
    public static void main(String[] args) {
        EventLoop loop = Aio.newEventLoop();
        loop.setExceptionHandler(TaskWarning::printReport);
        Task<Void> t1 = loop.createTask(() -> f(1), null);   // task 1 runs for 1 second
        loop.createTask(() -> f(2), null);                    // task 2 runs for 2 seconds
        loop.runUntilComplete(t1);                            // only until task 1 is complete
        loop.close();
    }
}
