package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;

/**
 * Examples 3-15 and 3-16 (B:2872-2970): a {@code Future} is a toggle for completion status, attached to
 * the loop but to no coroutine; a task completes it with {@code setResult}, and
 * {@code runUntilComplete(fut)} runs the loop until then and returns the result.
 *
 * <p>Book output (the REPL's echoes included):
 * <pre>
 * False
 * &lt;Task pending name='Task-1' coro=&lt;main() running at &lt;console&gt;:1&gt;&gt;
 * 'I have finished.'
 * True
 * I have finished.
 * </pre>
 * Here the booleans are Java's {@code false}/{@code true}, the task prints as jasyncio's {@code Task}
 * does (a task that has not started has no stack to show), and the result prints without Python's
 * quotes. Deviation: the thread's loop is set first, because jasyncio's {@code getEventLoop()} never
 * creates one (Python 3.14's rule).
 */
public final class FutureResult {

    private FutureResult() {
    }

    /** The book's {@code main(f)}: sleeps a second, then completes the future. */
    static void main(Future<String> f) {
        Aio.sleep(1);
        f.setResult("I have finished.");
    }

    /** The REPL session, line by line. */
    public static void main(String[] args) {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        Future<String> fut = new Future<>();             // attached to the thread's loop
        System.out.println(fut.done());
        Task<Void> task = loop.createTask(() -> main(fut), null);
        System.out.println(task);
        System.out.println(loop.runUntilComplete(fut));
        System.out.println(fut.done());
        System.out.println(fut.result());
        loop.close();
        Aio.setEventLoop(null);
    }
}
