package io.jasyncio.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired (asyncio
 * {@code BoundedSemaphore}), which catches a release in the wrong place.
 */
public class BoundedSemaphore extends Semaphore {

    private final int bound;

    /** A bounded semaphore with one permit (asyncio {@code BoundedSemaphore()}). */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code value} permits, never more (asyncio {@code BoundedSemaphore(value)}).
     *
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Gives a permit back (asyncio {@code release}); never suspends.
     *
     * @throws IllegalStateException when that would make more permits than the initial value
     *     (asyncio's {@code ValueError: BoundedSemaphore released too many times})
     */
    @Override
    public void release() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
