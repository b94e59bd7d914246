package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import java.util.Set;

/**
 * Example 3-33, {@code shell_signal01.py} (B:4640-4700): an app that runs until Ctrl-C.
 * <pre>
 * &lt;Your app is running&gt;
 * &lt;Your app is running&gt;
 * ^CGot signal: SIGINT, shutting down.
 * </pre>
 *
 * <p>Python's default SIGINT handler raises {@code KeyboardInterrupt} out of {@code run_until_complete};
 * Java cannot raise into a running thread, so the nearest equivalent is a SIGINT handler that stops the
 * loop, after which {@code runUntilComplete} reports that it stopped before the task finished.
 */
public final class ShellSignal01 {

    private ShellSignal01() {
    }

    static void main() {
        while (true) {
            System.out.println("<Your app is running>");
            Aio.sleep(1);
        }
    }

    /** Runs the program until SIGINT. */
    public static void main(String[] args) {
        SelectorEventLoop loop = Aio.newEventLoop();
        Task<Void> task = loop.createTask(() -> main(), "main");
        boolean[] interrupted = {false};
        loop.addSignalHandler(SignalName.SIGINT, () -> {   // what KeyboardInterrupt does in Python
            interrupted[0] = true;
            loop.stop();
        });
        try {
            loop.runUntilComplete(task);
        } catch (IllegalStateException stoppedEarly) {
            if (!interrupted[0]) {
                throw stoppedEarly;
            }
            System.out.println("Got signal: SIGINT, shutting down.");
        }
        Set<Task<?>> tasks = loop.allTasks();
        for (Task<?> t : tasks) {
            t.cancel();
        }
        loop.runUntilComplete(Aio.gather(true, tasks));
        loop.close();
    }
}
