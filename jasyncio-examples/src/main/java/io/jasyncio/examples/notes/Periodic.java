package io.jasyncio.examples.notes;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;

/**
 * The notes' periodic background job (seed 003, lines 281-300, "Method: Create_task"): a task prints
 * {@code periodic} every second; {@code callLater(5, stop)} cancels it; {@code runUntilComplete(task)}
 * then raises {@link CancelledError}, which the program swallows. Prints {@code periodic} five times
 * (at 0, 1, 2, 3 and 4 seconds) and ends at 5 seconds.
 */
public final class Periodic {

    private Periodic() {
    }

    static void periodic() {
        while (true) {
            System.out.println("periodic");
            Aio.sleep(1);
        }
    }

    /** Runs the program. */
    public static void main(String[] args) {
        SelectorEventLoop loop = Aio.newEventLoop();
        Task<Void> task = loop.createTask(() -> periodic(), "periodic");
        loop.callLater(5, task::cancel);
        try {
            loop.runUntilComplete(task);
        } catch (CancelledError e) {
            // the job was stopped on purpose
        }
        loop.close();
    }
}
