package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.examples.Ctime;

/**
 * Example 3-37, Option A: wrap the executor call inside a coroutine (B:5053-5104): {@code main()} awaits
 * the executor's future in a {@code finally}, so even Python 3.8's {@code run()} (reproduced by
 * {@link ExecutorTooLong#python38Run}) closes the loop only after the job has finished:
 * Hello!, Goodbye! (1 s), Hello from a thread! (2 s), and no error. Ctrl-C prints {@code Bye!}.
 */
public final class ExecutorOptionA {

    private ExecutorOptionA() {
    }

    static void main(double blockingSeconds) {
        Future<Void> future = Aio.getRunningLoop().runInExecutor(null, () -> ExecutorTooLong.blocking(blockingSeconds));
        try {
            System.out.println(Ctime.now() + " Hello!");
            Aio.sleep(1.0);
            System.out.println(Ctime.now() + " Goodbye!");
        } finally {
            Aio.await(future);
        }
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
