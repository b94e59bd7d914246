package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure (a): the cost of one task switch, {@code await asyncio.sleep(0)}, in nanoseconds per
 * {@code Aio.sleep(0)} call.
 *
 * <p>One switch is everything between a task giving up the loop and getting it back: the task
 * schedules its step handle, yields its continuation to the loop, the loop runs one iteration
 * (timers, a skipped select when there is no I/O registered, the ready queue) and resumes the
 * continuation. Two shapes, as in {@code bench/py/core_bench.py}:
 * <ul>
 * <li>{@link #oneTask}: one task calls {@code sleep(0)} {@value #N} times in a loop, so every
 *     switch is also one full loop iteration;</li>
 * <li>{@link #twoTasks}: two tasks ping-pong, each calling {@code sleep(0)} {@value #N}/2 times, so
 *     one loop iteration resumes both and its fixed cost is shared by two switches.</li>
 * </ul>
 * One invocation runs the whole loop of {@value #N} switches through {@code runUntilComplete} on a
 * loop made once per trial; the per-invocation cost of creating the driving task is spread over the
 * {@value #N} switches (it is well under 0.1 % of the result).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SleepZeroBenchmark extends LoopBenchmark {

    /** Switches per invocation (the Python side uses the same count). */
    static final int N = 1_000_000;

    /** One task, {@value #N} times {@code sleep(0)}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int oneTask() {
        return loop.runUntilComplete(SleepZeroBenchmark::switches);
    }

    /** Two tasks, {@value #N}/2 times {@code sleep(0)} each, interleaved by the loop. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int twoTasks() {
        return loop.runUntilComplete(() -> {
            Task<Integer> a = Aio.createTask(() -> switchesOf(N / 2));
            Task<Integer> b = Aio.createTask(() -> switchesOf(N / 2));
            return Aio.await(a) + Aio.await(b);
        });
    }

    private static Integer switches() {
        return switchesOf(N);
    }

    private static Integer switchesOf(int n) {
        for (int i = 0; i < n; i++) {
            Aio.sleep(0);
        }
        return n;
    }
}
