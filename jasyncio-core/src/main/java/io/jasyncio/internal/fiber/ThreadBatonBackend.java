package io.jasyncio.internal.fiber;

import java.util.concurrent.Semaphore;

/**
 * The portable back end, on public API only: each fiber is a virtual thread, and a baton (a pair of
 * semaphores) makes sure that exactly one of the loop and the fiber runs at any moment. Slower than
 * continuations (each switch parks and unparks a thread), but it needs no JVM flags.
 */
final class ThreadBatonBackend implements FiberBackend {

    @Override
    public Fiber create(FiberBody body, java.util.function.Supplier<String> name) {
        return new BatonFiber(body, name.get());
    }

    @Override
    public Fiber createNested(FiberBody body, java.util.function.Supplier<String> name) {
        return new BatonFiber(body, name.get());
    }

    @Override
    public String name() {
        return "threads";
    }

    private static final class BatonFiber implements Fiber {
        private final FiberBody body;
        private final String name;
        private final Semaphore toFiber = new Semaphore(0);
        private final Semaphore toCaller = new Semaphore(0);
        private volatile Thread thread;
        private volatile boolean done;
        private volatile boolean suspended;
        private volatile boolean discarding;

        BatonFiber(FiberBody body, String name) {
            this.body = body;
            this.name = name;
        }

        @Override
        public boolean resume() {
            if (done) {
                throw new IllegalStateException("fiber has ended");
            }
            if (thread == null) {
                thread = Thread.ofVirtual().name(name).unstarted(this::main);
                thread.start();
            } else {
                toFiber.release();
            }
            toCaller.acquireUninterruptibly();
            return done;
        }

        private void main() {
            try {
                body.runFiberBody();
            } catch (FiberDiscarded e) {
                // unwound on purpose
            } finally {
                done = true;
                toCaller.release();
            }
        }

        /**
         * Hands the baton back to the resumer. Any thread that holds this fiber's baton may call it: a
         * generator's thread suspends its consumer task this way, and is the one woken on resume.
         */
        @Override
        public void suspend() {
            suspended = true;
            toCaller.release();
            toFiber.acquireUninterruptibly();
            suspended = false;
            if (discarding) {
                throw new FiberDiscarded();
            }
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == thread;
        }

        @Override
        public StackTraceElement[] stack() {
            Thread t = thread;
            if (t == null || done || !suspended) {
                return new StackTraceElement[0];
            }
            StackTraceElement[] frames = t.getStackTrace();
            // Drop the baton machinery above our own suspend() frame.
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getMethodName().equals("suspend")
                        && frames[i].getClassName().equals(BatonFiber.class.getName())) {
                    return java.util.Arrays.copyOfRange(frames, i + 1, frames.length);
                }
            }
            return frames;
        }

        @Override
        public void discard() {
            if (thread != null && !done && suspended) {
                discarding = true;
                toFiber.release();
                toCaller.acquireUninterruptibly();
            }
        }
    }
}
