package io.jasyncio.examples.ch2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The cutlery race with preemptive threads (Examples 2-2 and 2-3, {@code cutlery_test.py},
 * B:1083-1311): ten {@code ThreadBot}s, each a thread with a queue of jobs, prepare and clear tables,
 * taking four knives and four forks from the shared kitchen and giving them back. Every job is
 * balanced, so the kitchen should end as it started; but {@link Cutlery#change} is a read-modify-write
 * that the threads interleave, and updates get lost.
 *
 * <p>{@code ./aio cutlery-threads [tables]} (each bot serves {@code tables} tables; 100 by default).
 * Book output:
 * <pre>
 * $ python cutlery_test.py 100
 * Kitchen inventory before service: Cutlery(knives=100, forks=100)
 * Kitchen inventory after service: Cutlery(knives=100, forks=100)
 * $ python cutlery_test.py 10000
 * Kitchen inventory before service: Cutlery(knives=100, forks=100)
 * Kitchen inventory after service: Cutlery(knives=96, forks=108)
 * $ python cutlery_test.py 10000
 * Kitchen inventory before service: Cutlery(knives=100, forks=100)
 * Kitchen inventory after service: Cutlery(knives=112, forks=96)
 * </pre>
 * The wrong totals differ from run to run, and may not appear at all in a given run: that is what a
 * race looks like. Java threads run truly in parallel on several cores (CPython's threads take turns
 * under its global lock), so here the losses are usually larger and come sooner than in the book.
 * {@code ./aio cutlery-tasks} is the same service with tasks on one loop (Example B-1), which always
 * balances.
 */
public final class CutleryThreads {

    private CutleryThreads() {
    }

    /**
     * The book's {@code ThreadBot(threading.Thread)}: a thread that takes jobs off its queue (blocking)
     * and moves cutlery between the kitchen and itself, until the job {@code shutdown}.
     */
    static final class ThreadBot extends Thread {

        final Cutlery cutlery = new Cutlery(0, 0);
        final BlockingQueue<String> tasks = new LinkedBlockingQueue<>();
        private final Cutlery kitchen;

        ThreadBot(Cutlery kitchen) {
            this.kitchen = kitchen;
        }

        /** The book's {@code manage_table()}, the thread's target. */
        @Override
        public void run() {
            try {
                while (true) {
                    String task = tasks.take();
                    switch (task) {
                        case "prepare table" -> kitchen.give(cutlery, 4, 4);
                        case "clear table" -> cutlery.give(kitchen, 4, 4);
                        case "shutdown" -> {
                            return;
                        }
                        default -> throw new IllegalArgumentException("unknown task " + task);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs ten thread bots over {@code tables} tables each and returns the kitchen at the end. */
    static Cutlery serve(int tables) throws InterruptedException {
        Cutlery kitchen = new Cutlery(100, 100);
        List<ThreadBot> bots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bots.add(new ThreadBot(kitchen));
        }
        for (ThreadBot bot : bots) {
            for (int i = 0; i < tables; i++) {
                bot.tasks.add("prepare table");
                bot.tasks.add("clear table");
            }
            bot.tasks.add("shutdown");
        }
        System.out.println("Kitchen inventory before service: " + kitchen);
        for (ThreadBot bot : bots) {
            bot.start();
        }
        for (ThreadBot bot : bots) {
            bot.join();
        }
        System.out.println("Kitchen inventory after service: " + kitchen);
        return kitchen;
    }

    /** Runs the program: {@code [tables]}, 100 by default. */
    public static void main(String[] args) throws InterruptedException {
        serve(tables(args, "cutlery-threads"));
    }

    /** The number of tables given on the command line ({@code sys.argv[1]}), 100 if none. */
    public static int tables(String[] args, String program) {
        if (args.length == 0) {
            return 100;
        }
        try {
            if (args.length == 1 && Integer.parseInt(args[0]) >= 0) {
                return Integer.parseInt(args[0]);
            }
        } catch (NumberFormatException e) {
            // fall through to the usage message
        }
        throw new IllegalArgumentException("usage: " + program + " [tables], tables a whole number >= 0");
    }
}
