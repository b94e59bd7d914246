package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Task;
import io.jasyncio.queue.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Queue.put}/{@code get} between two tasks, in nanoseconds per item (one put plus one get), the
 * same measure as {@code bench/py/sync_bench.py queue}: a producer task puts {@value #N} integers, a
 * consumer task gets them and sums them.
 *
 * <ul>
 * <li>{@code maxsize=1}: a hand-off; every item suspends both the producer (queue full) and the
 *     consumer (queue empty), so each item costs two task switches and two waiter futures.</li>
 * <li>{@code maxsize=100}: a buffer; the producer fills it and suspends, the consumer drains it, so
 *     most puts and gets complete without suspending.</li>
 * </ul>
 * One invocation runs the whole transfer through {@code runUntilComplete} on a loop made once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueueBench extends LoopBenchmark {

    /** Items per invocation (the Python side uses the same count). */
    static final int N = 100_000;

    @Param({"1", "100"})
    public int maxsize;

    @Benchmark
    @OperationsPerInvocation(N)
    public long putGet() {
        final int size = maxsize;
        return loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>(size);
            Task<Long> consumer = Aio.createTask(() -> {
                long sum = 0;
                for (int i = 0; i < N; i++) {
                    sum += q.get();
                }
                return sum;
            });
            for (int i = 0; i < N; i++) {
                q.put(i);
            }
            return Aio.await(consumer);
        });
    }
}
