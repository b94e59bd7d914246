package io.jasyncio.examples.slides;

import io.jasyncio.Aio;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The slides' thread per loop ("SINGLETHREADED", seed 002 lines 136-161): one loop runs in one thread at
 * a time, and several threads may each run their own loop. Five threads each make a new loop and run a
 * coroutine that prints three times, sleeping 0, 1 and 2 seconds first; the main thread waits for them.
 *
 * <p>What the code prints: {@code Waiting to finish}, fifteen lines {@code Hello I from thread N} (for
 * each thread, I = 0, 1, 2 in order; the threads' lines interleave in no fixed order, and the first ones
 * may come before {@code Waiting to finish}), then {@code done}, about 3 seconds after the start rather
 * than 15. Deviation: the slide's threads never close their loops; these do.
 */
public final class ThreadPerLoop {

    private ThreadPerLoop() {
    }

    /** The slide's {@code PrintThread}: a thread that runs its own event loop. */
    static final class PrintThread extends Thread {
        private final int id;

        PrintThread(int id) {
            super("PrintThread-" + id);
            this.id = id;
        }

        /** Makes a new loop for this thread and runs {@link #runCoroutine()} on it. */
        @Override
        public void run() {
            try (SelectorEventLoop loop = Aio.newEventLoop()) {
                loop.runUntilComplete(this::runCoroutine);
            }
        }

        /** The slide's {@code async def _run(self)}. */
        Void runCoroutine() {
            for (int idx = 0; idx < 3; idx++) {
                Aio.sleep(idx);
                System.out.println("Hello " + idx + " from thread " + id);
            }
            return null;
        }
    }

    /** Starts five threads, waits for them, says done. */
    public static void main(String[] args) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread thread = new PrintThread(i);
            threads.add(thread);
            thread.start();
        }
        System.out.println("Waiting to finish");
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("done");
    }
}
