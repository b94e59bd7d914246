package io.jasyncio.examples;

import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.ExceptionContext;
import io.jasyncio.loop.SelectorEventLoop;
import io.jasyncio.testing.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs example programs the way their tests need: every loop made while it is open runs on virtual time
 * (so that sleeps take no real time) and is remembered, each loop's reports go to a list instead of the
 * log (unless the program sets its own handler), and {@code System.out}/{@code System.err} are captured.
 * Closing it restores everything.
 */
public final class Captured implements AutoCloseable {

    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<SelectorEventLoop> loops = Collections.synchronizedList(new ArrayList<>());
    private final List<ExceptionContext> reports = Collections.synchronizedList(new ArrayList<>());

    private Captured(boolean virtualTime, double autojumpThreshold) {
        EventLoops.setLoopFactory(() -> {
            SelectorEventLoop loop = !virtualTime ? new SelectorEventLoop()
                    : autojumpThreshold > 0 ? new SelectorEventLoop(new io.jasyncio.testing.VirtualClock(autojumpThreshold))
                    : VirtualTime.newLoop();
            loop.setExceptionHandler((l, context) -> reports.add(context));
            loops.add(loop);
            return loop;
        });
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing; use in a try-with-resources block. */
    public static Captured start() {
        return new Captured(true, 0);
    }

    /**
     * Starts capturing with loops on virtual time that wait {@code seconds} of real idleness before each
     * jump, for programs whose threads sleep in real time: a thread that answers within that margin is
     * seen before the loop's clock moves on, so the order of events does not depend on the machine's speed.
     */
    public static Captured startVirtualTimeWithThreads(double seconds) {
        return new Captured(true, seconds);
    }

    /** Starts capturing with loops on the real clock, for programs whose threads sleep in real time. */
    public static Captured startRealTime() {
        return new Captured(false, 0);
    }

    /** The lines printed on {@code System.out} so far. */
    public List<String> out() {
        return lines(out);
    }

    /** The lines printed on {@code System.err} so far. */
    public List<String> err() {
        return lines(err);
    }

    /** The loops made so far, in order. */
    public List<SelectorEventLoop> loops() {
        synchronized (loops) {
            return List.copyOf(loops);
        }
    }

    /** The only loop made so far; fails if there were none or several. */
    public SelectorEventLoop loop() {
        List<SelectorEventLoop> all = loops();
        if (all.size() != 1) {
            throw new AssertionError("expected one loop, the program made " + all.size());
        }
        return all.get(0);
    }

    /** The reports of the loops whose exception handler the program left alone. */
    public List<ExceptionContext> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    /** Waits (in real time) until {@code System.out} has at least {@code n} lines; fails after {@code limit}. */
    public List<String> awaitOut(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (out().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit + " for " + n + " lines; got " + out());
            }
            Thread.sleep(5);
        }
        return out();
    }

    private static List<String> lines(ByteArrayOutputStream buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Restores the standard streams, the loop factory, and the thread's loop. */
    @Override
    public void close() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        EventLoops.setLoopFactory(null);
        EventLoops.setEventLoop(null);
    }
}
