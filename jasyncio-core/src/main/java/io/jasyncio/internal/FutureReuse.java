package io.jasyncio.internal;

import io.jasyncio.Future;
import java.util.function.Predicate;

/**
 * Makes a future that one object owns pending again once its waiter has taken its result, so that an
 * object waited on once per message (a stream reader) need not allocate a future per wait. Not public
 * API: {@link Future} installs the operation, which only succeeds for a plain future (not a task) that
 * finished with a result, was only ever awaited by tasks (never given a done callback), has no waiter
 * left and keeps no debug or error notes; anything else is refused.
 */
public final class FutureReuse {

    private static Predicate<Future<?>> reset;

    private FutureReuse() {
    }

    /** Called once, by {@link Future}'s class initialisation. */
    public static void install(Predicate<Future<?>> operation) {
        if (reset != null) {
            throw new IllegalStateException("already installed");
        }
        reset = operation;
    }

    /**
     * Makes {@code future} pending again if nothing can tell (see the class comment). Returns whether it
     * did; the caller must hold the only reference.
     */
    public static boolean reset(Future<?> future) {
        return reset.test(future);
    }
}
