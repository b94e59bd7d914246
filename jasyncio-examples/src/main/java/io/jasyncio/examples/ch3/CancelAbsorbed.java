package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;

/**
 * Example 3-10, "for educational purposes only — don't do this!" (B:2584-2626): a coroutine that catches
 * its cancellation and goes straight back to awaiting lives on.
 *
 * <p>As in {@link CancelCaught}, the task's steps stand for the book's {@code send(None)} calls and
 * {@code Task.cancel()} for {@code throw(CancelledError)}. After the session, {@code Aio.run} shuts down
 * by cancelling the task again; that second cancellation is raised inside the {@code catch} block's loop,
 * which does not catch it, so the task does end.
 *
 * <p>Book output: {@code Nope!}, and the next {@code send(None)} returns (the coroutine suspends again).
 * Here the second line shows that the task is still running after that step.
 */
public final class CancelAbsorbed {

    private CancelAbsorbed() {
    }

    /** The book's {@code f()}: absorbs the first cancellation and keeps yielding. */
    static Integer f() {
        try {
            while (true) {
                Aio.sleep(0);
            }
        } catch (CancelledError e) {
            System.out.println("Nope!");
            while (true) {
                Aio.sleep(0);
            }
        }
    }

    /** Steps {@code f}, cancels it, and steps it once more. */
    static void session() {
        Task<Integer> coro = Aio.createTask(CancelAbsorbed::f);
        Aio.sleep(0);           // coro.send(None)
        coro.cancel();          // coro.throw(asyncio.CancelledError)
        Aio.sleep(0);           // the cancellation lands: Nope!
        Aio.sleep(0);           // coro.send(None)
        System.out.println("After another step the task is still running: done() = " + coro.done());
    }

    /** Runs the session in a task. */
    public static void main(String[] args) {
        Aio.run(() -> session());
    }
}
