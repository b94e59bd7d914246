package io.jasyncio.bench;

import io.jasyncio.Aio;
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
 * The {@code runInExecutor} round trip, in nanoseconds per round trip, the same measure as
 * {@code bench/py/sync_bench.py executor_roundtrip}: one task awaits
 * {@code loop.runInExecutor(null, () -> i)} {@value #N} times in sequence, so that exactly one call is
 * in flight at any moment.
 *
 * <p>One round trip is: the loop thread submits the callable to the loop's default executor (a pool of
 * platform threads, {@code min(32, cpus + 4)}, as asyncio's {@code ThreadPoolExecutor}) and the task
 * suspends on the returned future; a pool thread runs the (trivial) callable and hands its result back
 * to the loop thread-safely, waking the loop if it is blocked in its selector; the loop completes the
 * future and resumes the task. It therefore measures two cross-thread hand-offs (including any
 * wake-ups) plus one task suspension and resumption, not the work of the callable. It is not an
 * in-loop measure: its cost is dominated by the threads and the OS scheduler (and, when pinned to one
 * CPU by {@code bench/sync.sh}, by context switches on that CPU).
 *
 * <p>The loop, and so its default executor and the executor's threads, are made once per trial; the
 * pool's threads are started by the warm-up; {@code close()} shuts the pool down.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExecutorBench extends LoopBenchmark {

    /** Round trips per invocation (the Python side uses the same count). */
    static final int N = 10_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public long roundTrip() {
        return loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < N; i++) {
                final int v = i;
                sum += Aio.await(loop.runInExecutor(null, () -> v));
            }
            if (sum != (long) N * (N - 1) / 2) {
                throw new AssertionError("wrong sum: " + sum);
            }
            return sum;
        });
    }
}
