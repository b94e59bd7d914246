package io.jasyncio.internal.fiber;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The fast back end: each fiber is a one-shot delimited continuation ({@code jdk.internal.vm.Continuation}),
 * resumed on the loop's own thread. This class is the only user of the JDK-internal API.
 */
final class ContinuationBackend implements FiberBackend {

    private static final ContinuationScope SCOPE = new ContinuationScope("jasyncio");
    private static final ContinuationScope NESTED = new ContinuationScope("jasyncio-generator");

    @Override
    public Fiber create(Runnable body, java.util.function.Supplier<String> name) {
        return new ContinuationFiber(body);
    }

    @Override
    public Fiber createNested(Runnable body, java.util.function.Supplier<String> name) {
        return new ContinuationFiber(NESTED, body);
    }

    @Override
    public String name() {
        return "continuation";
    }

    /** Whether this JVM lets us use {@code jdk.internal.vm} (it needs {@code --add-exports}). */
    static boolean available() {
        try {
            new ContinuationFiber(() -> { }).resume();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static final class ContinuationFiber extends Continuation implements Fiber {

        private final ContinuationScope scope;

        ContinuationFiber(Runnable body) {
            this(SCOPE, body);
        }

        ContinuationFiber(ContinuationScope scope, Runnable body) {
            super(scope, body);
            this.scope = scope;
        }

        @Override
        public boolean resume() {
            run();
            return isDone();
        }

        @Override
        public void suspend() {
            Continuation.yield(scope);
        }

        @Override
        public boolean isCurrent() {
            return Continuation.getCurrentContinuation(scope) == this;
        }

        @Override
        public StackTraceElement[] stack() {
            if (isDone() || isCurrent()) {
                return new StackTraceElement[0];
            }
            try {
                return getStackTrace();
            } catch (RuntimeException e) {
                return new StackTraceElement[0];
            }
        }

        @Override
        public void discard() {
            // Nothing to release: an unreferenced continuation is collected with its frames.
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException(
                    "a jasyncio task cannot suspend here: its stack is pinned (" + reason
                            + "); do not await inside a native frame or while holding a monitor that pins");
        }
    }
}
