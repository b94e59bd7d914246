package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.examples.Ctime;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Example 3-36, the executor takes too long to finish (B:4965-5023): the blocking job (1.5 s) outlives
 * {@code main()} (1 s). Python 3.8's {@code asyncio.run()} closes the loop without waiting for the
 * executor, so when the job ends its future cannot reach the closed loop:
 * <pre>
 * Fri Jan 24 16:25:08 2020 Hello!
 * Fri Jan 24 16:25:09 2020 Goodbye!
 * exception calling callback for &lt;Future at [...snip...]&gt;
 * Traceback (most recent call last):
 * &lt;big nasty traceback&gt;
 * RuntimeError: Event loop is closed
 * Fri Jan 24 16:25:09 2020 Hello from a thread!
 * </pre>
 *
 * <p>{@code Aio.run} waits for the default executor (Python 3.9's fix), so this program reproduces
 * the problem with {@link #python38Run}, which does what 3.8's {@code run()} did: cancel and gather the
 * tasks, then close the loop. The job runs on a {@link PythonExitPool}, whose threads the JVM waits for
 * at exit as Python does, so it still prints. Here the thread prints first and the report follows
 * (the book shows the reverse only because Python's stdout is buffered, erratum E-11).
 * {@code executor-run-waits} shows the same code under {@code Aio.run}, with no error.
 */
public final class ExecutorTooLong {

    private ExecutorTooLong() {
    }

    static void main() {
        main(1.5);
    }

    /** {@code main()} with the blocking job's duration as a parameter (the book's is 1.5 s). */
    static void main(double blockingSeconds) {
        Aio.getRunningLoop().runInExecutor(null, () -> blocking(blockingSeconds));
        System.out.println(Ctime.now() + " Hello!");
        Aio.sleep(1.0);
        System.out.println(Ctime.now() + " Goodbye!");
    }

    static Void blocking(double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
        System.out.println(Ctime.now() + " Hello from a thread!");
        return null;
    }

    /** Python 3.8's {@code asyncio.run()}: it did not wait for the default executor before closing the loop. */
    static void python38Run(Coroutine<Void> main, ExecutorService executor) {
        SelectorEventLoop loop = Aio.newEventLoop();
        Aio.setEventLoop(loop);
        loop.setDefaultExecutor(executor);
        try {
            loop.runUntilComplete(loop.createTask(main, "main"));
        } finally {
            Set<Task<?>> pending = loop.allTasks();
            for (Task<?> t : pending) {
                t.cancel();
            }
            loop.runUntilComplete(Aio.gather(true, pending));
            loop.close();
            Aio.setEventLoop(null);
        }
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(1.5);
    }

    /** Runs the program with a blocking job of {@code blockingSeconds}. */
    static void run(double blockingSeconds) {
        ExecutorService executor = PythonExitPool.create();
        python38Run(() -> {
            main(blockingSeconds);
            return null;
        }, executor);
        executor.shutdown();
    }
}
