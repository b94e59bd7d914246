package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.sync.Lock;
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
 * {@code Lock} acquire/release under the contention of {@value #TASKS} tasks, in nanoseconds per
 * acquisition, the same measure as {@code bench/py/sync_bench.py lock}: each task takes the lock
 * {@value #ROUNDS} times and holds it across one {@code sleep(0)}, so that the other 999 tasks are
 * queued on it; every acquisition but the first is a FIFO hand-over to a suspended waiter (a waiter
 * future, a wake-up, a task switch). The {@code sleep(0)} inside is part of the measure, on both sides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LockBench extends LoopBenchmark {

    static final int TASKS = 1_000;
    static final int ROUNDS = 100;

    @Benchmark
    @OperationsPerInvocation(TASKS * ROUNDS)
    public long contended() {
        return loop.runUntilComplete(() -> {
            Lock lock = new Lock();
            long[] counter = {0};
            List<Task<Void>> tasks = new ArrayList<>(TASKS);
            for (int t = 0; t < TASKS; t++) {
                tasks.add(Aio.createTask(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        try (var _ = lock.acquire()) {
                            counter[0]++;
                            Aio.sleep(0);
                        }
                    }
                }));
            }
            Aio.await(Aio.gather(tasks));
            if (counter[0] != (long) TASKS * ROUNDS) {
                throw new AssertionError("lost acquisitions: " + counter[0]);
            }
            return counter[0];
        });
    }
}
