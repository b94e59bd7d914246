package io.jasyncio.examples.ch3;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;

/**
 * Example 3-35, {@code shell_signal02b.py} (B:4881-4947): Example 3-34 under {@code Aio.run}. The
 * handlers are installed from inside {@code main()}, and a signal cancels every task instead of stopping
 * the loop, so that {@code run}'s own shutdown takes over when {@code main()} ends. Prints what Example
 * 3-34 prints.
 */
public final class ShellSignal02b {

    private ShellSignal02b() {
    }

    static void main() {
        SelectorEventLoop loop = Aio.getRunningLoop();
        for (SignalName sig : new SignalName[] {SignalName.SIGTERM, SignalName.SIGINT}) {
            loop.addSignalHandler(sig, () -> handler(sig));
        }
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

    static void handler(SignalName sig) {
        SelectorEventLoop loop = Aio.getRunningLoop();
        for (Task<?> task : loop.allTasks()) {
            task.cancel();
        }
        System.out.println("Got signal: " + sig + ", shutting down.");
        loop.removeSignalHandler(SignalName.SIGTERM);
        loop.addSignalHandler(SignalName.SIGINT, () -> { });
    }

    /** Runs the program until SIGINT or SIGTERM, then shuts down. */
    public static void main(String[] args) {
        Aio.run(() -> main());
    }
}
