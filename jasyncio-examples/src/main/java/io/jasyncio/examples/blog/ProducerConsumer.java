package io.jasyncio.examples.blog;

import io.jasyncio.Aio;
import io.jasyncio.Future;
import io.jasyncio.Task;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.queue.Queue;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The blog's producer and consumer sharing a queue (seed 004 lines 119-176, "Async code"): two
 * producers each put 20 items (the square of the index, with the time it was made) on an asyncio
 * {@link Queue}, sleeping 0.5 to 1.5 s between items; one consumer takes 40 items off it, printing how
 * long each waited, and spends 0.5 s on each. Since the producers sleep while the consumer works, the
 * whole takes about 20 s, where the blog's sync version (lines 70-117, one after the other) takes about
 * 30 s.
 *
 * <p>Output (the blog shows none; this is what the code prints, in colour there):
 * <pre>
 * $ ./aio producer-consumer --seed 1
 * App started.
 *  -- generated item 1
 *  -- generated item 1
 *  +++ Processed value 1 after 0.00 sec.
 *  ...
 *  +++ Processed value 400 after 1.19 sec.
 *  +++ Processed value 400 after 1.52 sec.
 * App exiting, total time: 20.62 sec.
 * </pre>
 *
 * <p>{@code ./aio producer-consumer [--seed N] [--color]}: {@code --seed} fixes the random numbers
 * ({@code java.util.Random} with that seed), {@code --color} prints colorama's colours as plain ANSI
 * codes (white, yellow for the producers, cyan for the consumer), each line ending with a reset, where
 * colorama leaves the terminal white. Deviation: the times are the loop's clock ({@code loop.time()})
 * rather than {@code datetime.now()}, the same in a real run, and exact in tests on virtual time; so the
 * loop is made before the first time is taken.
 */
public final class ProducerConsumer {

    private static final String WHITE = "\u001b[37m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    /** An item on the queue: the blog's tuple {@code (item, datetime.now())}. */
    record Item(int value, double madeAt) {
    }

    private final DoubleSupplier random;
    private final boolean color;

    private ProducerConsumer(DoubleSupplier random, boolean color) {
        this.random = random;
        this.color = color;
    }

    /** The blog's {@code main()}, with {@code random.random()} and the choice of colours given. */
    static void run(DoubleSupplier random, boolean color) {
        new ProducerConsumer(random, color).main();
    }

    private void main() {
        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        double t0 = loop.time();
        print(WHITE, "App started.");
        try {
            Queue<Item> data = new Queue<>();

            Task<Void> task1 = loop.createTask(() -> generateData(20, data));
            Task<Void> task3 = loop.createTask(() -> generateData(20, data));
            Task<Void> task2 = loop.createTask(() -> processData(40, data));

            Future<List<Void>> finalTask = Aio.gather(task1, task2, task3);
            loop.runUntilComplete(finalTask);

            double dt = loop.time() - t0;
            print(WHITE, String.format(Locale.ROOT, "App exiting, total time: %,.2f sec.", dt));
        } finally {
            loop.close();
            Aio.setEventLoop(null);
        }
    }

    /** The blog's {@code async def generate_data(num, data)}. */
    private void generateData(int num, Queue<Item> data) {
        for (int idx = 1; idx <= num; idx++) {
            int item = idx * idx;
            data.put(new Item(item, Aio.getRunningLoop().time()));

            print(YELLOW, " -- generated item " + idx);
            Aio.sleep(random.getAsDouble() + .5);
        }
    }

    /** The blog's {@code async def process_data(num, data)}. */
    private void processData(int num, Queue<Item> data) {
        int processed = 0;
        while (processed < num) {
            Item item = data.get();

            processed += 1;
            int value = item.value();
            double dt = Aio.getRunningLoop().time() - item.madeAt();

            print(CYAN, String.format(Locale.ROOT, " +++ Processed value %d after %,.2f sec.", value, dt));
            Aio.sleep(.5);
        }
    }

    private void print(String colour, String line) {
        System.out.println(color ? colour + line + RESET : line);
    }

    /** Runs the program: {@code [--seed N] [--color]}. */
    public static void main(String[] args) {
        Random random = new Random();
        boolean color = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--color" -> color = true;
                case "--seed" -> {
                    if (i + 1 == args.length) {
                        throw usage();
                    }
                    try {
                        random = new Random(Long.parseLong(args[++i]));
                    } catch (NumberFormatException e) {
                        throw usage();
                    }
                }
                default -> throw usage();
            }
        }
        run(random::nextDouble, color);
    }

    private static IllegalArgumentException usage() {
        return new IllegalArgumentException("usage: producer-consumer [--seed N] [--color]");
    }
}
