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
    /** The continuations' shared entry points: each finds its fiber and runs that fiber's body. */
    private static final Runnable START = () -> current(SCOPE).body.runFiberBody();
    private static final Runnable START_NESTED = () -> current(NESTED).body.runFiberBody();

    private static ContinuationFiber current(ContinuationScope scope) {
        return (ContinuationFiber) Continuation.getCurrentContinuation(scope);
    }

    @Override
    public Fiber create(FiberBody body, java.util.function.Supplier<String> name) {
        return new ContinuationFiber(SCOPE, START, body);
    }

    @Override
    public Fiber createNested(FiberBody body, java.util.function.Supplier<String> name) {
        return new ContinuationFiber(NESTED, START_NESTED, body);
    }

    @Override
    public String name() {
        return "continuation";
    }

    /** Whether this JVM lets us use {@code jdk.internal.vm} (it needs {@code --add-exports}). */
    static boolean available() {
        try {
            new ContinuationFiber(SCOPE, START, () -> { }).resume();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static final class ContinuationFiber extends Continuation implements Fiber {

        final FiberBody body;
        private boolean discarding;

        ContinuationFiber(ContinuationScope scope, Runnable start, FiberBody body) {
            super(scope, start);
            this.body = body;
        }

        @Override
        public boolean resume() {
            run();
            return isDone();
        }

        @Override
        public void suspend() {
            Continuation.yield(getScope());
            if (discarding) {
                throw new FiberDiscarded();
            }
        }

        @Override
        public boolean isCurrent() {
            return Continuation.getCurrentContinuation(getScope()) == this;
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

        /**
         * Resumes the suspended body once with {@link FiberDiscarded} raised at its suspension point, so that
         * its {@code finally} blocks run (as Python closes a destroyed coroutine with {@code GeneratorExit}),
         * the same as the thread back end must do to free its thread.
         */
        @Override
        public void discard() {
            if (isDone() || discarding) {
                return;
            }
            discarding = true;
            try {
                run();
            } catch (FiberDiscarded expected) {
                // unwound
            }
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException(
                    "a jasyncio task cannot suspend here: its stack is pinned (" + reason
                            + "); do not await inside a native frame or while holding a monitor that pins");
        }
    }
}
