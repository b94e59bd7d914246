package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;

/**
 * Example 3-36's code under {@code Aio.run} (B:5031-5034, "In Python 3.9, the asyncio.run() function has
 * been improved to correctly wait for executor shutdown"): {@code run} shuts the default executor down
 * and waits for the job, so the program ends cleanly with no "Event loop is closed" report:
 * <pre>
 * ... Hello!
 * ... Goodbye!
 * ... Hello from a thread!
 * </pre>
 */
public final class ExecutorRunWaits {

    private ExecutorRunWaits() {
    }

    /** Runs the program. */
    public static void main(String[] args) {
        run(1.5);
    }

    /** Runs the program with a blocking job of {@code blockingSeconds} (the book's is 1.5 s). */
    static void run(double blockingSeconds) {
        Aio.run(() -> ExecutorTooLong.main(blockingSeconds));
    }
}
