package io.jasyncio.testing;

import io.jasyncio.loop.Clock;

/**
 * A clock for tests: time stands still while tasks run and jumps to the next timer as soon as every
 * task is blocked (trio's {@code MockClock(autojump_threshold=0)}), so a test of a one-hour timeout
 * takes microseconds. With a threshold, the loop first waits that long in real time for other threads
 * or I/O before jumping.
 */
public final class VirtualClock implements Clock {

    private volatile long now;
    private final long autojumpThresholdNanos;

    /** A virtual clock that jumps at once. */
    public VirtualClock() {
        this(0);
    }

    /** A virtual clock that jumps after {@code autojumpThresholdSeconds} of real idleness. */
    public VirtualClock(double autojumpThresholdSeconds) {
        this.autojumpThresholdNanos = Math.round(autojumpThresholdSeconds * 1e9);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public long autojumpThresholdNanos() {
        return autojumpThresholdNanos;
    }

    @Override
    public void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    /** Moves time forward by {@code seconds}; timers that become due run on the loop's next iteration. */
    public void advance(double seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("time cannot go backwards");
        }
        now += Math.round(seconds * 1e9);
    }

    /** The current virtual time in seconds. */
    public double seconds() {
        return now / 1e9;
    }
}
