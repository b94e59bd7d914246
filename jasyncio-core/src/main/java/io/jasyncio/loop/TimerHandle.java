package io.jasyncio.loop;

/**
 * A callback scheduled for a time on the loop's clock, as returned by {@code callLater} and
 * {@code callAt} (asyncio's {@code TimerHandle}). Cancelling it removes it from the loop's timer heap
 * at once, so cancelled timers never accumulate.
 */
public class TimerHandle extends Handle {

    final long whenNanos;
    final long sequence;
    int heapIndex = -1;

    /** Creates a timer for {@code whenNanos} on the loop's clock; {@code sequence} orders equal times. */
    TimerHandle(SelectorEventLoop loop, long whenNanos, long sequence, Runnable callback) {
        super(loop, callback);
        this.whenNanos = whenNanos;
        this.sequence = sequence;
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
        return whenNanos < other.whenNanos || (whenNanos == other.whenNanos && sequence < other.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle when=" + when() + (cancelled() ? " cancelled" : " " + describe()) + ">";
    }
}
