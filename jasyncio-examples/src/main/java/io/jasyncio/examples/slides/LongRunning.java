package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.CancelledError;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import java.util.Random;

/**
 * The slides' long-running task ("LONG RUNNING TASKS (CODE)", seed 002 lines 92-107): a task that would
 * run forever, printing after random sleeps of 0 to 3 seconds, runs while the loop runs for ten seconds,
 * and is then cancelled.
 *
 * <p>Slide output (none is shown; this is what the code prints): {@code task running now...}, a
 * {@code Hello N} line after each sleep of N seconds during those ten seconds, {@code we waited 10
 * seconds}, {@code task cancelled}.
 *
 * <p>{@code ./aio long-running --seed N} fixes the random numbers ({@code java.util.Random} with that
 * seed), so that a run can be repeated. Deviation: the slide stops after {@code task.cancel()}, leaving
 * the cancellation undelivered and the loop open; this program runs the loop once more so that the task
 * receives its {@code CancelledError} and ends, then closes the loop.
 */
public final class LongRunning {

    private LongRunning() {
    }

    /** The slide's {@code hello_many()}: forever, sleeps {@code randint(0, 3)} seconds and says so. */
    static Void helloMany(Random random) {
        while (true) {
            int number = random.nextInt(4);     // random.randint(0, 3)
            Aio.sleep(number);
            System.out.println("Hello " + number);
        }
    }

    /** Runs the slide's code; accepts {@code --seed N}. */
    public static void main(String[] args) {
        Random random = randomFrom(args);
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop eventLoop = Aio.getEventLoop();
        Task<Void> task = new Task<>(() -> helloMany(random));
        System.out.println("task running now...");
        eventLoop.runUntilComplete(() -> Aio.sleep(10, (Void) null));
        System.out.println("we waited 10 seconds");
        task.cancel();
        System.out.println("task cancelled");
        try {
            eventLoop.runUntilComplete(task);
        } catch (CancelledError expected) {
            // the task ended by its cancellation
        }
        eventLoop.close();
        Aio.setEventLoop(null);
    }

    /** A {@code Random} seeded by {@code --seed N}, else an unseeded one. */
    static Random randomFrom(String[] args) {
        if (args.length == 0) {
            return new Random();
        }
        if (args.length == 2 && args[0].equals("--seed")) {
            try {
                return new Random(Long.parseLong(args[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed needs a whole number, not '" + args[1] + "'", e);
            }
        }
        throw new IllegalArgumentException("usage: long-running [--seed N]");
    }
}
