package io.jasyncio.bench;

import io.jasyncio.Aio;
import io.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure (c): {@code gather} of {@value #N} trivial coroutines, total milliseconds per gather.
 *
 * <p>Inside one main task: build a list of {@value #N} coroutines (each a lambda capturing its index,
 * as Python makes one coroutine object per {@code noop()} call), {@code Aio.gather} them (which wraps
 * each in a task and registers a done callback on it), and await the result list. This is
 * {@code bench/py/core_bench.py}'s {@code gather} measure:
 * {@code await asyncio.gather(*[noop() for _ in range(n)])}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GatherBenchmark extends LoopBenchmark {

    /** Coroutines per gather (the Python side uses the same count). */
    static final int N = 100_000;

    /** One gather of {@value #N} coroutines, awaited. */
    @Benchmark
    public int gather() {
        return loop.runUntilComplete(() -> {
            List<Coroutine<Void>> coros = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                final int k = i;
                coros.add(() -> BenchLoops.noop(k));
            }
            List<Void> results = Aio.await(Aio.gather(coros));
            if (results.size() != N) {
                throw new AssertionError("gather returned " + results.size() + " results");
            }
            return results.size();
        });
    }
}
