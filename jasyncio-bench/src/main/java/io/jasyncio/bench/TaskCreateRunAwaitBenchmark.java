package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
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
 * Measure (b): create, run and await {@value #N} trivial tasks, in nanoseconds per task (multiply by
 * {@value #N} for the total).
 *
 * <p>Inside one main task: {@code createTask} {@value #N} times (each with its own coroutine, a lambda
 * capturing the loop index, as Python's {@code noop()} makes a new coroutine object per task), then
 * {@code await} each task in order. The tasks run when the main task first suspends, in creation
 * order; awaiting a finished task returns at once, so most awaits do not suspend. This is
 * {@code bench/py/core_bench.py}'s {@code tasks} measure, line for line:
 * <pre>
 * tasks = [create_task(noop()) for _ in range(n)]
 * for t in tasks:
 *     await t
 * </pre>
 * All {@value #N} tasks and their continuations are alive at the same time, so the garbage collector's
 * share is part of the figure, as the cyclic GC's is on the Python side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class TaskCreateRunAwaitBenchmark extends LoopBenchmark {

    /** Tasks per invocation (the Python side uses the same count). */
    static final int N = 1_000_000;

    /** {@value #N} tasks created first, then awaited one by one. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int createRunAwait() {
        return loop.runUntilComplete(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                final int k = i;
                tasks.add(Aio.createTask(() -> BenchLoops.noop(k)));
            }
            for (Task<Void> t : tasks) {
                Aio.await(t);
            }
            return tasks.size();
        });
    }
}
