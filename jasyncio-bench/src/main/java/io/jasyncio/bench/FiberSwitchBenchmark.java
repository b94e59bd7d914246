package io.jasyncio.bench;

import io.jasyncio.internal.fiber.Fiber;
import io.jasyncio.internal.fiber.Fibers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under measure (a): one suspend + resume of a bare fiber (on the continuation back end, one
 * {@code Continuation.yield} and one {@code Continuation.run}), with no loop, task, future or ready
 * queue. {@link SleepZeroBenchmark} minus this figure is what jasyncio's own loop and task code adds to
 * a switch; this figure itself is the JDK's price.
 *
 * <p>The fiber's body suspends forever in a loop; each benchmark call resumes it once, so it runs to its
 * next suspend and comes back.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FiberSwitchBenchmark {

    private Fiber fiber;

    @Setup(Level.Trial)
    public void start() {
        BenchLoops.newLoop().close(); // the same back-end check as the other benchmarks
        Fiber[] self = new Fiber[1];
        self[0] = Fibers.backend().create(() -> {
            while (true) {
                self[0].suspend();
            }
        }, () -> "floor");
        fiber = self[0];
        fiber.resume(); // now suspended inside its loop
    }

    @TearDown(Level.Trial)
    public void stop() {
        fiber.discard();
    }

    /** One resume, which runs the body to its next suspend. */
    @Benchmark
    public boolean suspendResume() {
        return fiber.resume();
    }
}
