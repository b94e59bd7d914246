package io.jasyncio.testing;

/**
 * Pins the exact interleaving of tasks in a test (kotlinx.coroutines' {@code expect}/{@code finish}):
 * each point of interest calls {@code expect(n)} with the step it must be, and the test ends with
 * {@code finish(n)}. A step out of order fails at once with both numbers.
 */
public final class Expect {

    private int step;
    private boolean finished;

    /** Declares that the next thing to happen is step {@code n} (steps start at 1). */
    public void expect(int n) {
        if (finished) {
            throw new AssertionError("step " + n + " happened after finish(" + step + ")");
        }
        int actual = ++step;
        if (actual != n) {
            throw new AssertionError("expected step " + n + " but this is step " + actual);
        }
    }

    /** Declares the last step; no step may follow. */
    public void finish(int n) {
        expect(n);
        finished = true;
    }

    /** Fails: this point must never be reached. */
    public void expectUnreached() {
        throw new AssertionError("reached a point that must not be reached (after step " + step + ")");
    }

    /** The last step taken. */
    public int step() {
        return step;
    }

    /** Fails unless {@link #finish(int)} was called. */
    public void assertFinished() {
        if (!finished) {
            throw new AssertionError("finish() was not reached; last step was " + step);
        }
    }
}
