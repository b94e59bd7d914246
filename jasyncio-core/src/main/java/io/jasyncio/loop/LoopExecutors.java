package io.jasyncio.loop;

import io.jasyncio.Future;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's executors: {@code run_in_executor}, the default executor the loop owns (a bounded pool of
 * platform threads, as asyncio's {@code ThreadPoolExecutor}), and its shutdown, which {@code Aio.run}
 * awaits so that the book's "Event loop is closed" failure cannot happen by default.
 */
final class LoopExecutors {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final SelectorEventLoop loop;
    private ExecutorService defaultExecutor;
    private boolean shutdownCalled;

    LoopExecutors(SelectorEventLoop loop) {
        this.loop = loop;
    }

    /** asyncio's default size: {@code min(32, cpu count + 4)} threads. */
    static ExecutorService newDefaultExecutor() {
        int size = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "jasyncio-executor-" + pool + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    void setDefault(ExecutorService executor) {
        defaultExecutor = executor;
    }

    ExecutorService defaultExecutorOrNull() {
        return defaultExecutor;
    }

    <T> Future<T> run(Executor executor, Callable<T> fn) {
        if (executor == null) {
            if (shutdownCalled) {
                throw new IllegalStateException("Executor shutdown has been called");
            }
            if (defaultExecutor == null) {
                defaultExecutor = newDefaultExecutor();
            }
            executor = defaultExecutor;
        }
        Future<T> target = loop.createFuture();
        Job<T> job = new Job<>(fn, target, loop);
        target.addDoneCallback(f -> {
            if (f.cancelled()) {
                job.targetCancelled = true;
                job.cancel(false);
            }
        });
        executor.execute(job);
        return target;
    }

    /** Shuts the default executor down on a helper thread and completes the returned future when it has. */
    Future<Void> shutdownDefault(double timeoutSeconds) {
        shutdownCalled = true;
        Future<Void> done = loop.createFuture();
        ExecutorService executor = defaultExecutor;
        if (executor == null) {
            done.setResult(null);
            return done;
        }
        Thread waiter = new Thread(() -> {
            executor.shutdown();
            boolean finished;
            try {
                finished = executor.awaitTermination(Math.round(timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                finished = false;
            }
            boolean ok = finished;
            loop.callSoonThreadsafe(() -> {
                if (!ok) {
                    loop.logger().log(Level.WARNING, "The executor did not finish joining its threads within "
                            + timeoutSeconds + " seconds.");
                    executor.shutdownNow();
                }
                if (!done.done()) {
                    done.setResult(null);
                }
            });
        }, "jasyncio-executor-shutdown");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    /** A job on an executor that hands its outcome to a loop future through {@code callSoonThreadsafe}. */
    private static final class Job<T> extends FutureTask<T> {
        private final Future<T> target;
        private final SelectorEventLoop loop;
        /** Set on the loop when the loop future was cancelled: then nobody waits for this job's outcome. */
        volatile boolean targetCancelled;

        Job(Callable<T> fn, Future<T> target, SelectorEventLoop loop) {
            super(fn);
            this.target = target;
            this.loop = loop;
        }

        @Override
        protected void done() {
            if (targetCancelled && loop.isClosed()) {
                return; // as asyncio's _chain_future: a cancelled future of a closed loop wants nothing
            }
            try {
                loop.callSoonThreadsafe(this::deliver);
            } catch (IllegalStateException closed) {
                // What Python 3.8 prints when an executor job outlives its loop (the book's Ex. 3-36).
                loop.logger().log(Level.ERROR, "exception calling callback for " + this, closed);
            }
        }

        private void deliver() {
            if (target.done()) {
                return;
            }
            if (isCancelled()) {
                target.cancel();
                return;
            }
            try {
                target.setResult(get());
            } catch (java.util.concurrent.ExecutionException e) {
                target.setException(e.getCause());
            } catch (InterruptedException | java.util.concurrent.CancellationException e) {
                target.cancel();
            }
        }

        @Override
        public String toString() {
            return "<Future at " + Integer.toHexString(System.identityHashCode(this)) + " state="
                    + state() + ">";
        }
    }
}
