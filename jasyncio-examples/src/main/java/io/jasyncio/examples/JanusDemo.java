package io.jasyncio.examples;

import io.jasyncio.Aio;
import io.jasyncio.queue.JanusQueue;
import java.io.PrintStream;
import java.util.Random;

/**
 * The book's {@code janus_demo.py} (chapter 4, "The Janus Queue", Example 4-12): a thread produces
 * data, blocking in {@code time.sleep}, and puts it on a Janus queue's blocking face; the main
 * coroutine gets it from the suspending face and prints it, until the thread puts the end marker.
 *
 * <pre>
 * $ ./aio janus-demo
 * Got 2 off queue
 * Got 4 off queue
 * ...
 * Done.
 * </pre>
 *
 * <p>Options: {@code --seed N} fixes the random numbers; {@code --scale S} multiplies every sleep
 * (the book sleeps 0 to 4 whole seconds: about 20 s in all; tests use a small scale).
 */
public final class JanusDemo {

    private JanusDemo() {
    }

    /** Runs the demo: {@code [--seed N] [--scale S]}. */
    public static void main(String[] args) {
        Long seed = null;
        double scale = 1.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("usage: janus-demo [--seed N] [--scale S]");
                    System.exit(2);
                }
            }
        }
        run(seed == null ? new Random() : new Random(seed), scale, System.out);
    }

    /** The program, with its randomness, time scale and output given (for tests). */
    public static void run(Random random, double scale, PrintStream out) {
        Aio.run(() -> mainCoroutine(random, scale, out));
    }

    private static void mainCoroutine(Random random, double scale, PrintStream out) throws InterruptedException {
        // janus.Queue(loop=loop): the suspending face belongs to the running loop.
        JanusQueue<Integer> queue = new JanusQueue<>(Aio.getRunningLoop(), 0);
        // The book's loop.run_in_executor(None, data_source, queue): the blocking producer must run in a
        // thread of its own, so that its time.sleep does not stop the loop.
        Thread producer = Thread.ofPlatform().name("data_source").daemon().start(() -> dataSource(queue, random, scale));
        Integer data;
        // while (data := await queue.async_q.get()) is not None: the end marker is null (Python's None),
        // so a 0 from the thread is data like any other.
        while ((data = queue.asyncQ().get()) != null) {
            out.println("Got " + data + " off queue");
        }
        out.println("Done.");
        producer.join(); // already past its last put: returns at once
    }

    /** Runs in the thread: blocking sleeps and blocking puts, as plain threaded code does. */
    private static void dataSource(JanusQueue<Integer> queue, Random random, double scale) {
        try {
            for (int i = 0; i < 10; i++) {
                int r = random.nextInt(5); // random.randint(0, 4)
                Thread.sleep(Math.round(r * scale * 1000)); // time.sleep(r): blocks this thread only
                queue.syncQ().put(r);
            }
            queue.syncQ().put(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
