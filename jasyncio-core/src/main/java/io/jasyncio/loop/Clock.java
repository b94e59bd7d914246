package io.jasyncio.loop;

/**
 * The loop's source of time, in nanoseconds. The real clock is {@link System#nanoTime()}; a virtual
 * clock ({@code io.jasyncio.testing.VirtualClock}) lets tests of timeouts run in no real time.
 */
public interface Clock {

    /** The real, monotonic clock. */
    Clock REAL = System::nanoTime;

    /** The current time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Whether this clock jumps forward to the next timer when the loop has nothing else to do
     * (trio's {@code MockClock(autojump_threshold=...)}).
     */
    default boolean isVirtual() {
        return false;
    }

    /**
     * For a virtual clock: how long, in real nanoseconds, the loop waits for outside events (other
     * threads, I/O) before jumping to the next timer.
     */
    default long autojumpThresholdNanos() {
        return 0;
    }

    /** For a virtual clock: moves time forward to {@code nanos} (never backward). */
    default void advanceTo(long nanos) {
        throw new UnsupportedOperationException("the real clock cannot be moved");
    }
}
