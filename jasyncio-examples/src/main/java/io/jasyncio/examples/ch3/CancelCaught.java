package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;

/**
 * Example 3-9 (B:2524-2573): cancellation is an exception raised inside the coroutine at its await; the
 * coroutine may catch it, and then it ends normally.
 *
 * <p>The book drives the coroutine by hand with {@code send(None)} twice and
 * {@code throw(CancelledError)}. Here the coroutine runs in a task: two {@code Aio.sleep(0)} calls of the
 * driving task give it two steps, and {@code Task.cancel()} is the {@code throw}. The book's
 * {@code else: return 111} can never run (the loop never ends) and Java rejects unreachable code, so it is
 * left out.
 *
 * <p>Book output: {@code I was cancelled!}, then the {@code StopIteration} that shows a normal exit.
 * Here the second line shows the normal exit as the task's state: done, not cancelled, with the
 * coroutine's return value ({@code null}: Python's {@code None}).
 */
public final class CancelCaught {

    private CancelCaught() {
    }

    /** The book's {@code f()}: yields forever until cancelled, and handles the cancellation. */
    static Integer f() {
        try {
            while (true) {
                Aio.sleep(0);
            }
        } catch (CancelledError e) {
            System.out.println("I was cancelled!");
            return null;
        }
    }

    /** Steps {@code f} twice, then cancels it. */
    static void session() {
        Task<Integer> coro = Aio.createTask(CancelCaught::f);
        Aio.sleep(0);           // coro.send(None)
        Aio.sleep(0);           // coro.send(None)
        coro.cancel();          // coro.throw(asyncio.CancelledError)
        Integer value = Aio.await(coro);
        System.out.println("The coroutine exited normally: cancelled() = " + coro.cancelled()
                + ", result = " + value);
    }

    /** Runs the session in a task. */
    public static void main(String[] args) {
        Aio.run(() -> session());
    }
}
