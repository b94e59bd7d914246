package io.jasyncio.examples.appb;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.examples.ch2.Cutlery;
import io.jasyncio.examples.ch2.CutleryThreads;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.queue.Queue;
import java.util.ArrayList;
import java.util.List;

/**
 * The cutlery service with tasks (Example B-1, {@code cutlery_test_corobot.py}, B:9180-9274): the ten
 * bots of Example 2-2 become {@code CoroBot}s, each a task on one loop taking jobs off an asyncio
 * {@link Queue}. A task can be switched out only at an await, and there is none inside
 * {@link Cutlery#change}, so no update is ever lost, however many tables are served.
 *
 * <p>{@code ./aio cutlery-tasks [tables]} (100 by default). Book output:
 * <pre>
 * $ python cutlery_test_corobot.py 100000
 * Kitchen inventory before service: Cutlery(knives=100, forks=100)
 * Kitchen inventory after service: Cutlery(knives=100, forks=100)
 * </pre>
 * As in the book, the queues are filled before the loop runs, so {@code get()} always finds an item and
 * never suspends: each bot in fact serves all its tables in one go (INVENTORY §1.10 Q8). The program
 * closes its loop at the end, which the book's does not.
 */
public final class CutleryTasks {

    private CutleryTasks() {
    }

    /** The book's {@code CoroBot}: a queue of jobs and the cutlery the bot holds. */
    static final class CoroBot {

        final Cutlery cutlery = new Cutlery(0, 0);
        final Queue<String> tasks = new Queue<>();
        private final Cutlery kitchen;

        CoroBot(Cutlery kitchen) {
            this.kitchen = kitchen;
        }

        /** The book's {@code async def manage_table()}: the only switch point is {@code tasks.get()}. */
        void manageTable() {
            while (true) {
                String task = tasks.get();
                switch (task) {
                    case "prepare table" -> kitchen.give(cutlery, 4, 4);
                    case "clear table" -> cutlery.give(kitchen, 4, 4);
                    case "shutdown" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown task " + task);
                }
            }
        }
    }

    /** Runs ten coroutine bots over {@code tables} tables each and returns the kitchen at the end. */
    static Cutlery serve(int tables) {
        Cutlery kitchen = new Cutlery(100, 100);
        List<CoroBot> bots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bots.add(new CoroBot(kitchen));
        }
        for (CoroBot b : bots) {
            for (int i = 0; i < tables; i++) {
                b.tasks.putNowait("prepare table");
                b.tasks.putNowait("clear table");
            }
            b.tasks.putNowait("shutdown");
        }
        System.out.println("Kitchen inventory before service: " + kitchen);

        Aio.setEventLoop(Aio.newEventLoop());
        EventLoop loop = Aio.getEventLoop();
        try {
            List<Task<Void>> tasks = new ArrayList<>();
            for (CoroBot b : bots) {
                tasks.add(loop.createTask(b::manageTable));
            }
            loop.runUntilComplete(Aio.gather(tasks));
        } finally {
            loop.close();
            Aio.setEventLoop(null);
        }
        System.out.println("Kitchen inventory after service: " + kitchen);
        return kitchen;
    }

    /** Runs the program: {@code [tables]}, 100 by default. */
    public static void main(String[] args) {
        serve(CutleryThreads.tables(args, "cutlery-tasks"));
    }
}
