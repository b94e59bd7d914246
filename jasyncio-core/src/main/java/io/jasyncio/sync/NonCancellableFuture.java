package io.jasyncio.sync;

import io.jasyncio.Future;
import io.jasyncio.loop.EventLoop;

/**
 * A waiter future that refuses to be cancelled. A task awaiting it is not woken by its own cancellation
 * (asyncio's rule: when the future a task waits on cannot be cancelled, the cancellation is kept and
 * raised once that future is done), and an expired {@code Timeout} cannot cut the wait short either.
 * {@link Lock} uses it where a wait must not be abandoned: {@link Condition#await()} re-acquiring its lock.
 */
final class NonCancellableFuture extends Future<Void> {

    NonCancellableFuture(EventLoop loop) {
        super(loop);
    }

    /** Refuses: this future is only ever completed with a result. */
    @Override
    public boolean cancel(String message) {
        return false;
    }
}
