package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Future;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.examples.Ctime;

/**
 * Example 3-38, Option B: add the executor future to the gathered tasks (B:5113-5170): the future is
 * wrapped in a task ({@code makeCoro}) that keeps waiting for it even when cancelled, so the shutdown
 * of Python 3.8's {@code run()} (see {@link ExecutorTooLong#python38Run}), which cancels and gathers
 * every task, waits for the job too: Hello!, Goodbye! (1 s), Hello from a thread! (2 s), no error.
 *
 * <p>Erratum, following the stated intent: as written in the book, {@code make_coro} does not work.
 * Cancelling its task cancels the future it awaits (asyncio cancels a task's waiter), so the second
 * {@code await future} raises at once and the loop closes before the job ends (checked on CPython 3.11).
 * Awaiting a {@code shield} of the future in both places keeps the executor's future alive.
 */
public final class ExecutorOptionB {

    private ExecutorOptionB() {
    }

    /** The book's {@code make_coro(future)}: waits for the future, and waits again if cancelled. */
    static <T> T makeCoro(Future<T> future) {
        try {
            return Aio.await(Aio.shield(future));
        } catch (CancelledError e) {
            return Aio.await(Aio.shield(future));
        }
    }

    static void main(double blockingSeconds) {
        Future<Void> future = Aio.getRunningLoop().runInExecutor(null, () -> ExecutorTooLong.blocking(blockingSeconds));
        Aio.createTask(() -> makeCoro(future));
        System.out.println(Ctime.now() + " Hello!");
        Aio.sleep(1.0);
        System.out.println(Ctime.now() + " Goodbye!");
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(2.0);
    }

    /** Runs the program with a blocking job of {@code blockingSeconds} (the book's is 2 s). */
    static void run(double blockingSeconds) {
        java.util.concurrent.ExecutorService pool = PythonExitPool.create();
        try {
            ExecutorTooLong.python38Run(() -> {
                main(blockingSeconds);
                return null;
            }, pool);
        } catch (KeyboardInterrupt e) {
            System.out.println("Bye!");
        } finally {
            pool.shutdown();
        }
    }
}
