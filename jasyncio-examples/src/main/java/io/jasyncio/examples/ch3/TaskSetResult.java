package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;

/**
 * Example 3-17 (B:2988-3037): a task's result can come only from its coroutine, so {@code setResult} on
 * a {@code Task} is refused; {@code cancel()} is allowed, and raises {@code CancelledError} inside it.
 *
 * <p>Book output:
 * <pre>
 * False
 * &lt;Task pending name='Task-2' coro=&lt;main() running at &lt;console&gt;:1&gt;&gt;
 * No longer allowed: Task does not support set_result operation
 * True
 * True
 * </pre>
 * Python raises {@code RuntimeError}; jasyncio raises {@code UnsupportedOperationException} with the same
 * message. The book's task is {@code Task-2} because its REPL session made {@code Task-1} in Example
 * 3-16; here the sleeping task is made first, in this program, and is {@code Task-1}, so {@code main} is
 * {@code Task-2} as in the book. Deviation: the thread's loop is set first, because jasyncio's
 * {@code getEventLoop()} never creates one (Python 3.14's rule).
 */
public final class TaskSetResult {

    private TaskSetResult() {
    }

    /** The book's {@code main(f)}: sleeps a second, tries to set the result, cancels instead. */
    static void main(Future<Void> f) {
        Aio.sleep(1);
        try {
            f.setResult(null);
        } catch (UnsupportedOperationException e) {
            System.out.println("No longer allowed: " + e.getMessage());
            f.cancel();
        }
    }

    /** The REPL session, line by line. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        Task<Void> fut = new Task<>(() -> Aio.sleep(1_000_000, (Void) null));   // asyncio.Task(asyncio.sleep(1_000_000))
        System.out.println(fut.done());
        System.out.println(loop.createTask(() -> main(fut), null));
        try {
            loop.runUntilComplete(fut);
        } catch (CancelledError suppressed) {
            // with suppress(asyncio.CancelledError)
        }
        System.out.println(fut.done());
        System.out.println(fut.cancelled());
        loop.close();
        Aio.setEventLoop(null);
    }
}
