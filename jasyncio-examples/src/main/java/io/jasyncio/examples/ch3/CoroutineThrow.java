package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;

/**
 * Example 3-8 (B:2491-2513): an exception injected into a coroutine is raised inside it, at the await
 * where it is suspended, and (not being caught there) comes out of it.
 *
 * <p>Python's {@code coro.throw(Exception, 'blah')} has no jasyncio counterpart; the Java way to raise an
 * exception at a coroutine's await point is to complete the future it awaits with that exception. So
 * {@code f} here awaits a future where the book's awaits {@code asyncio.sleep(1.0)}, and the driver
 * completes that future with {@code new Exception("blah")}.
 *
 * <p>Book output: a traceback ending in {@code Exception: blah}. Here: {@code java.lang.Exception: blah}.
 */
public final class CoroutineThrow {

    private CoroutineThrow() {
    }

    /** The book's {@code f()}: suspends at an await, and would return 123 if resumed normally. */
    static int f(Future<Void> awaited) {
        Aio.await(awaited);
        return 123;
    }

    /** Starts {@code f} (the {@code send(None)}), then throws {@code Exception("blah")} into it. */
    static void session() {
        Future<Void> awaited = Aio.getRunningLoop().createFuture();
        Task<Integer> coro = Aio.createTask(() -> f(awaited));
        Aio.sleep(0);                                    // coro.send(None): f runs to its await
        awaited.setException(new Exception("blah"));     // coro.throw(Exception, 'blah')
        try {
            Aio.await(coro);
        } catch (Exception e) {
            System.out.println(e);
        }
    }

    /** Runs the session in a task. */
    public static void main(String[] args) {
        Aio.run(() -> session());
    }
}
