package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import java.util.Set;

/**
 * Example 3-34, {@code shell_signal02.py} (B:4745-4880): SIGINT and SIGTERM both stop the loop, but only
 * once; {@code main()} cleans up for three seconds after its cancellation, and further signals during
 * the shutdown are ignored.
 * <pre>
 * &lt;Your app is running&gt;
 * &lt;Your app is running&gt;
 * ^CGot signal: Signals.SIGINT, shutting down.
 * &lt;Your app is shutting down...&gt;
 * ^C&lt;Your app is shutting down...&gt;
 * ^C&lt;Your app is shutting down...&gt;
 * </pre>
 * As in the book, SIGTERM's handler is removed after the first signal (a second SIGTERM then ends the
 * process the default way) and SIGINT's is replaced by one that does nothing. The signal prints as
 * {@code SIGINT} ({@code Signals.SIGINT} in Python's repr).
 */
public final class ShellSignal02 {

    private ShellSignal02() {
    }

    static void main() {
        try {
            while (true) {
                System.out.println("<Your app is running>");
                Aio.sleep(1);
            }
        } catch (CancelledError e) {
            for (int i = 0; i < 3; i++) {
                System.out.println("<Your app is shutting down...>");
                Aio.sleep(1);
            }
        }
    }

    static void handler(SelectorEventLoop loop, SignalName sig) {
        loop.stop();
        System.out.println("Got signal: " + sig + ", shutting down.");
        loop.removeSignalHandler(SignalName.SIGTERM);
        loop.addSignalHandler(SignalName.SIGINT, () -> { });
    }

    /** Runs the program until SIGINT or SIGTERM, then shuts down. */
    public static void main(String[] args) {
        SelectorEventLoop loop = Aio.newEventLoop();
        for (SignalName sig : new SignalName[] {SignalName.SIGTERM, SignalName.SIGINT}) {
            loop.addSignalHandler(sig, () -> handler(loop, sig));
        }
        loop.createTask(() -> main(), "main");
        loop.runForever();
        Set<Task<?>> tasks = loop.allTasks();
        for (Task<?> t : tasks) {
            t.cancel();
        }
        loop.runUntilComplete(Aio.gather(true, tasks));
        loop.close();
    }
}
