package io.jasyncio.examples.notes;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.loop.SignalName;
import io.jasyncio.queue.Queue;
import io.jasyncio.sync.Event;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The notes' "Mayhem" service and its graceful shutdown (seed 003 lines 160-230): a publisher puts
 * messages about hosts to restart on an asyncio {@link Queue}; a consumer takes each off and handles it
 * in a task of its own (save it and restart the host concurrently, extend the message's deadline every
 * 2 s until both are done, then acknowledge it). SIGHUP, SIGTERM and SIGINT each start
 * {@code shutdown(signal, loop)}, which cancels every other task, waits for them
 * ({@code gather(return_exceptions=True)}), and stops the loop; {@code main} then closes it:
 * <pre>
 * $ ./aio mayhem --seed 1
 * 18:27:59,848 INFO: Published message PubSubMessage(instance_name='cattle-72t7')
 * 18:27:59,857 INFO: Consumed PubSubMessage(instance_name='cattle-72t7')
 * 18:27:59,869 INFO: Extended deadline by 3 seconds for PubSubMessage(instance_name='cattle-72t7')
 * 18:28:00,072 INFO: Published message PubSubMessage(instance_name='cattle-zzb1')
 * ...
 * 18:28:00,204 INFO: Saved PubSubMessage(instance_name='cattle-72t7') into database
 * 18:28:00,839 INFO: Restarted cattle-72t7.example.net
 * ...
 * 18:38:07,180 INFO: Done. Acked PubSubMessage(instance_name='cattle-s9v3')
 * 18:38:07,354 INFO: Received exit signal SIGTERM...
 * 18:38:07,354 INFO: Closing database connections
 * 18:38:07,354 INFO: Nacking outstanding messages
 * 18:38:07,362 INFO: Cancelling 9 outstanding tasks
 * 18:38:07,367 INFO: Flushing metrics
 * 18:38:07,368 INFO: Successfully shutdown the Mayhem service.
 * </pre>
 *
 * <p>The notes give {@code main()} and {@code shutdown()}; the publisher and consumer follow the shape of
 * the service the notes draw on (Lynn Root's "Mayhem Mandrill"), written anew. Deviations: the notes'
 * first {@code shutdown} gathers without {@code return_exceptions} (INVENTORY X14: the first
 * {@code CancelledError} would end it before "Flushing metrics"); this is their corrected second one.
 * Log lines go to standard output as {@code HH:mm:ss,SSS INFO: message} (the notes do not show their
 * logging set-up). {@code ./aio mayhem --seed N} fixes the random numbers (host names and sleeps).
 * The "database", the "restart" and the "acknowledgement" are sleeps. As with any JVM, a signal the
 * process inherited as ignored (SIGINT for a background job started by a script, SIGHUP under
 * {@code nohup}) cannot be handled: send SIGTERM then.
 */
public final class Mayhem {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss,SSS");
    private static final String CHOICES = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    private Mayhem(Random random) {
        this.random = random;
    }

    /** A message from the queue: an instance to restart. Its repr, as attrs prints it, shows only the name. */
    static final class PubSubMessage {

        final String instanceName;
        final String hostname;
        boolean restarted;
        boolean saved;
        boolean acked;
        int extendedCnt;

        PubSubMessage(String instanceName) {
            this.instanceName = instanceName;
            this.hostname = instanceName + ".example.net";
        }

        @Override
        public String toString() {
            return "PubSubMessage(instance_name='" + instanceName + "')";
        }
    }

    /** {@code logging.info(message)}, with the time. */
    static void log(String message) {
        System.out.println(TIME.format(LocalTime.now()) + " INFO: " + message);
    }

    /** Publishes a message about a random host, then sleeps up to a second; forever. */
    private void publish(Queue<PubSubMessage> queue) {
        while (true) {
            StringBuilder hostId = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hostId.append(CHOICES.charAt(random.nextInt(CHOICES.length())));
            }
            PubSubMessage msg = new PubSubMessage("cattle-" + hostId);
            queue.put(msg); // unbounded: never suspends
            log("Published message " + msg);
            Aio.sleep(random.nextDouble());
        }
    }

    /** Takes each message off the queue and handles it in a task of its own; forever. */
    private void consume(Queue<PubSubMessage> queue) {
        while (true) {
            PubSubMessage msg = queue.get();
            log("Consumed " + msg);
            Aio.createTask(() -> handleMessage(msg));
        }
    }

    private void handleMessage(PubSubMessage msg) {
        Event event = new Event();
        Aio.createTask(() -> extend(msg, event));
        Aio.createTask(() -> cleanup(msg, event));
        Aio.await(Aio.<Void>gather(() -> save(msg), () -> restartHost(msg)));
        event.set();
    }

    private Void save(PubSubMessage msg) {
        Aio.sleep(random.nextDouble());
        msg.saved = true;
        log("Saved " + msg + " into database");
        return null;
    }

    private Void restartHost(PubSubMessage msg) {
        Aio.sleep(random.nextDouble());
        msg.restarted = true;
        log("Restarted " + msg.hostname);
        return null;
    }

    private void extend(PubSubMessage msg, Event event) {
        while (!event.isSet()) {
            msg.extendedCnt += 1;
            log("Extended deadline by 3 seconds for " + msg);
            Aio.sleep(2);
        }
    }

    private void cleanup(PubSubMessage msg, Event event) {
        event.await();
        Aio.sleep(random.nextDouble());
        msg.acked = true;
        log("Done. Acked " + msg);
    }

    /** The notes' {@code async def shutdown(signal, loop)}: clean-up tasks tied to the service's shutdown. */
    static void shutdown(SignalName signal, SelectorEventLoop loop) {
        log("Received exit signal " + signal + "...");
        log("Closing database connections");
        log("Nacking outstanding messages");
        Task<?> current = Aio.currentTask();
        List<Task<?>> tasks = Aio.allTasks().stream().filter(t -> t != current).toList();

        tasks.forEach(Task::cancel);

        log("Cancelling " + tasks.size() + " outstanding tasks");
        Aio.await(Aio.gather(true, tasks));
        log("Flushing metrics");
        loop.stop();
    }

    /** What a signal does: {@code lambda s=s: asyncio.create_task(shutdown(s, loop))}. */
    static Runnable onSignal(SignalName s, SelectorEventLoop loop) {
        return () -> Aio.createTask(() -> shutdown(s, loop));
    }

    /**
     * The notes' {@code main()}; {@code started} is called with the loop before it runs (tests use it to
     * schedule what a signal would do).
     */
    static void run(Random random, Consumer<SelectorEventLoop> started) {
        Mayhem service = new Mayhem(random);
        SelectorEventLoop loop = Aio.newEventLoop();
        Aio.setEventLoop(loop);
        // May want to catch other signals too
        for (SignalName s : new SignalName[] {SignalName.SIGHUP, SignalName.SIGTERM, SignalName.SIGINT}) {
            loop.addSignalHandler(s, onSignal(s, loop));
        }
        Queue<PubSubMessage> queue = new Queue<>();

        try {
            loop.createTask(() -> service.publish(queue), "publish");
            loop.createTask(() -> service.consume(queue), "consume");
            started.accept(loop);
            loop.runForever();
        } finally {
            loop.close();
            Aio.setEventLoop(null);
            log("Successfully shutdown the Mayhem service.");
        }
    }

    /** Runs the service until SIGHUP, SIGTERM or SIGINT: {@code [--seed N]}. */
    public static void main(String[] args) {
        Random random;
        if (args.length == 0) {
            random = new Random();
        } else if (args.length == 2 && args[0].equals("--seed") && args[1].matches("-?\\d{1,18}")) {
            random = new Random(Long.parseLong(args[1]));
        } else {
            throw new IllegalArgumentException("usage: mayhem [--seed N]");
        }
        run(random, loop -> { });
    }
}
