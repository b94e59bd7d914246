package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.examples.Ctime;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Example 3-39, Option C: bring your own loop and your own executor (B:5177-5246): the program owns the
 * executor, so after the loop stops it can cancel and gather the tasks, then {@code shutdown()} the
 * executor and wait for it before closing the loop: Hello!, Goodbye! (1 s), Hello from a thread! (2 s),
 * no error. Python's {@code except KeyboardInterrupt: print('Cancelled')} around {@code run_forever()}
 * becomes a SIGINT handler that prints {@code Cancelled} and stops the loop.
 */
public final class ExecutorOptionC {

    private ExecutorOptionC() {
    }

    static void main(SelectorEventLoop loop) {
        System.out.println(Ctime.now() + " Hello!");
        Aio.sleep(1.0);
        System.out.println(Ctime.now() + " Goodbye!");
        loop.stop();
    }

    /** Runs the program. */
    public static void main(String[] args) throws InterruptedException {
        run(2.0);
    }

    /** Runs the program with a blocking job of {@code blockingSeconds} (the book's is 2 s). */
    static void run(double blockingSeconds) throws InterruptedException {
        SelectorEventLoop loop = Aio.newEventLoop();
        Aio.setEventLoop(loop);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        loop.setDefaultExecutor(executor);
        loop.createTask(() -> main(loop), "main");
        loop.runInExecutor(null, () -> ExecutorTooLong.blocking(blockingSeconds));
        loop.addSignalHandler(SignalName.SIGINT, () -> {
            System.out.println("Cancelled");
            loop.stop();
        });
        loop.runForever();
        loop.removeSignalHandler(SignalName.SIGINT);
        Set<Task<?>> tasks = loop.allTasks();
        for (Task<?> t : tasks) {
            t.cancel();
        }
        loop.runUntilComplete(Aio.gather(true, tasks));
        executor.shutdown();
        executor.awaitTermination(1, TimeUnit.HOURS);
        loop.close();
        Aio.setEventLoop(null);
    }
}
