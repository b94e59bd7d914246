package io.jasyncio.loop;

/**
 * A callback scheduled for a time on the loop's clock, as returned by {@code callLater} and
 * {@code callAt} (asyncio's {@code TimerHandle}). Cancelling it removes it from the loop's timer heap
 * at once, so cancelled timers never accumulate.
 */
public class TimerHandle extends Handle {

    final long whenNanos;
    /** The order among timers due at the same time; compared modulo 2^32, so it may wrap. */
    int sequence;
    int heapIndex = -1;

    /** Creates a timer for {@code whenNanos} on the loop's clock; {@link SelectorEventLoop#scheduleTimer} schedules it. */
    TimerHandle(SelectorEventLoop loop, long whenNanos, Runnable callback) {
        super(loop, callback);
        this.whenNanos = whenNanos;
    }

    /**
     * Creates a timer with no callback and no captured context, for subclasses that override
     * {@link #run()} (jasyncio's own timers, such as a sleeping task's).
     */
    protected TimerHandle(SelectorEventLoop loop, long whenNanos) {
        super(loop, null, io.jasyncio.internal.ContextMap.EMPTY);
        this.whenNanos = whenNanos;
    }

    /** The time the callback is scheduled for, in seconds on the loop's clock ({@code loop.time()}). */
    public double when() {
        return whenNanos / 1e9;
    }

    @Override
    public void cancel() {
        if (!cancelled()) {
            super.cancel();
            loop.timerCancelled(this);
        }
    }

    boolean before(TimerHandle other) {
        return whenNanos < other.whenNanos || (whenNanos == other.whenNanos && sequence - other.sequence < 0);
    }

    @Override
    public String toString() {
        return "<TimerHandle when=" + when() + (cancelled() ? " cancelled" : " " + describe()) + ">";
    }
}
