package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import io.jasyncio.Task;
import io.jasyncio.loop.SelectorEventLoop;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * Measure (d): memory per concurrently sleeping task, as a plain program (JMH measures time, not a
 * footprint).
 *
 * <p>Inside one main task it starts {@code N} tasks (default 1,000,000), each with its own coroutine that
 * calls {@code Aio.sleep(3600)}; two {@code sleep(0)} later every task is suspended in its sleep (the
 * program checks that all of them got there). It prints one JSON line with:
 * <ul>
 * <li>{@code bytes_per_task_heap}: (heap used after a full GC with all tasks asleep − heap used after a
 *     full GC just before starting them) / N. The live objects: task, continuation and its stack chunk,
 *     sleep future, timer handle, coroutine lambda, name, and the main task's list of tasks (which the
 *     Python side keeps too);</li>
 * <li>{@code bytes_per_task_rss}: the same difference in the process's resident set (VmRSS, read after
 *     the full GC), and {@code bytes_per_task_peak_rss}: peak RSS (VmHWM, read last) − baseline RSS. These include the garbage
 *     collector's headroom, so they depend on heap sizing; they compare with Python's RSS figures.</li>
 * </ul>
 * Before the baseline it runs {@code --warmup} tasks (default 200,000, in batches of 10,000 that sleep
 * 0.1 ms) through the same code, so that what is measured is the steady state of a warm JVM.
 * Options: {@code --n N}; {@code --warmup TASKS}; {@code --histogram} also prints (to stderr) the live classes with at least
 * N/2 instances, in bytes per task, from the JVM's own class histogram taken with the tasks asleep.
 * The program ends with {@code Runtime.halt} so that tearing down a million pending tasks is not part
 * of the run (the Python side uses {@code os._exit} for the same reason).
 */
public final class MemoryProbe {

    private static final int WARMUP_BATCH = 10_000;
    private static int started;

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = 1_000_000;
        boolean histogram = false;
        int warmup = 200_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i].replace("_", ""));
                case "--histogram" -> histogram = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i].replace("_", ""));
                default -> throw new IllegalArgumentException(
                        "usage: MemoryProbe [--n N] [--warmup TASKS] [--histogram]");
            }
        }
        SelectorEventLoop loop = BenchLoops.newLoop();
        // Warm up: load every class, and run the very code of the measured run (spawn, sleeper, sleep)
        // often enough that the JIT compiles it, as in a long-running program. Frames of interpreted
        // methods are larger than compiled ones, and a suspended task keeps its frames: measured cold
        // (--warmup 0) a sleeping task holds up to ~200 bytes more.
        final int warm = warmup;
        loop.runUntilComplete(() -> {
            for (int done = 0; done < warm; done += WARMUP_BATCH) {
                for (Task<Void> t : spawn(Math.min(WARMUP_BATCH, warm - done), 0.0001)) {
                    Aio.await(t);
                }
            }
            started = 0;
            return null;
        });
        final int count = n;
        final boolean printHistogram = histogram;
        String json = loop.runUntilComplete(() -> measure(count, warm, printHistogram));
        System.out.println(json);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    private static String measure(int n, int warmup, boolean histogram) throws Exception {
        long heap0 = heapUsedAfterFullGc();
        long rss0 = procStatusKib("VmRSS");
        long t0 = System.nanoTime();
        List<Task<Void>> tasks = spawn(n, 3600);
        Aio.sleep(0); // every task runs up to its sleep(3600)
        Aio.sleep(0);
        double spawnSeconds = (System.nanoTime() - t0) / 1e9;
        if (started != n) {
            throw new IllegalStateException(started + " of " + n + " tasks reached their sleep");
        }
        long heap1 = heapUsedAfterFullGc();
        long rss1 = procStatusKib("VmRSS");
        long hwm = procStatusKib("VmHWM");
        if (histogram) {
            printHistogram(n);
        }
        int pending = 0;
        for (Task<Void> t : tasks) {
            if (!t.done()) {
                pending++;
            }
        }
        return String.format(Locale.ROOT, "{\"measure\":\"sleeping_tasks_memory\",\"impl\":\"jasyncio\","
                        + "\"n\":%d,\"warmup_tasks\":%d,\"tasks_pending\":%d,\"spawn_s\":%.4f,"
                        + "\"heap_baseline_bytes\":%d,\"heap_with_tasks_bytes\":%d,\"bytes_per_task_heap\":%.1f,"
                        + "\"rss_baseline_kib\":%d,\"rss_with_tasks_kib\":%d,\"peak_rss_kib\":%d,"
                        + "\"bytes_per_task_rss\":%.1f,\"bytes_per_task_peak_rss\":%.1f,"
                        + "\"gc\":\"%s\",\"max_heap_bytes\":%d,\"java\":\"%s\"}",
                n, warmup, pending, spawnSeconds, heap0, heap1, (heap1 - heap0) / (double) n,
                rss0, rss1, hwm, (rss1 - rss0) * 1024.0 / n, (hwm - rss0) * 1024.0 / n,
                gcNames(), Runtime.getRuntime().maxMemory(), System.getProperty("java.vm.version"));
    }

    /** Starts {@code n} tasks, each with its own coroutine (a lambda capturing its index) that sleeps. */
    private static List<Task<Void>> spawn(int n, double seconds) {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int k = i;
            tasks.add(Aio.createTask(() -> sleeper(k, seconds)));
        }
        return tasks;
    }

    private static Void sleeper(int index, double seconds) {
        started++;
        Aio.sleep(seconds);
        return null;
    }

    /** Heap in use after full collections, repeated until it stops shrinking. */
    private static long heapUsedAfterFullGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(50);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= best) {
                break;
            }
            best = used;
        }
        return best;
    }

    private static long procStatusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS figures
        }
        return -1;
    }

    private static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join("+", names);
    }

    /** The JVM's live class histogram ({@code jcmd GC.class_histogram}), classes with >= n/2 instances. */
    private static void printHistogram(int n) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        System.err.printf(Locale.ROOT, "live classes with >= %d instances, per sleeping task:%n", n / 2);
        System.err.printf(Locale.ROOT, "%10s %12s  %s%n", "per task", "bytes/task", "class");
        double total = 0;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            long instances = Long.parseLong(f[1]);
            long bytes = Long.parseLong(f[2]);
            if (instances >= n / 2) {
                double perTask = bytes / (double) n;
                total += perTask;
                System.err.printf(Locale.ROOT, "%10.2f %12.1f  %s%n", instances / (double) n, perTask, f[3]);
            }
        }
        System.err.printf(Locale.ROOT, "%10s %12.1f  total%n", "", total);
    }
}
