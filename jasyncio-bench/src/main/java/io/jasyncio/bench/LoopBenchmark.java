package io.jasyncio.bench;

import io.jasyncio.loop.SelectorEventLoop;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The state the loop benchmarks here share: one real-time loop per trial on the continuation back end
 * ({@link BenchLoops#newLoop()}), closed after the trial; each benchmark runs its work with
 * {@code loop.runUntilComplete}.
 */
@State(Scope.Thread)
public abstract class LoopBenchmark {

    /** The loop of this trial. */
    protected SelectorEventLoop loop;

    /** Makes the trial's loop. */
    @Setup(Level.Trial)
    public void openLoop() {
        loop = BenchLoops.newLoop();
    }

    /** Closes the trial's loop (and so its default executor). */
    @TearDown(Level.Trial)
    public void closeLoop() {
        loop.close();
    }
}
