package io.jasyncio.loop;

import io.jasyncio.Aio;
import io.jasyncio.AsyncRunnable;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.KeyboardInterrupt;
import io.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs coroutines on one loop it owns and shuts it down properly (asyncio {@code Runner}; {@code Aio.run}
 * uses one). Closing it runs asyncio's exact sequence: cancel the tasks still pending, wait for all of
 * them ({@code gather(return_exceptions=True)}), report any that failed, close the async generators
 * still open, shut down the default executor and wait for its threads, then close the loop.
 */
public final class Runner implements AutoCloseable {

    private final Boolean debug;
    private final Supplier<? extends SelectorEventLoop> loopFactory;
    private SelectorEventLoop loop;
    private boolean closed;
    private boolean setAsCurrent;

    /** A runner on a new real-time loop. */
    public Runner() {
        this(null, null);
    }

    /**
     * A runner with debug mode forced on or off ({@code null}: the environment decides) on loops made
     * by {@code loopFactory} ({@code null}: a new {@link SelectorEventLoop}).
     */
    public Runner(Boolean debug, Supplier<? extends SelectorEventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code coroutine} as a task to completion and returns its result or raises its exception.
     * On the main thread, Ctrl-C (SIGINT) cancels that task (Python 3.11's behaviour): if it then ends
     * cancelled, this raises {@link KeyboardInterrupt}; a second SIGINT stops the loop at once.
     */
    public <T> T run(Coroutine<T> coroutine) {
        if (EventLoops.runningOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        SelectorEventLoop l = getLoop();
        Task<T> task = l.createTask(coroutine);
        AtomicInteger interrupts = new AtomicInteger();
        boolean handleSigint = isMainThread() && !l.hasSignalHandler(SignalName.SIGINT);
        if (handleSigint) {
            l.addSignalHandler(SignalName.SIGINT, () -> {
                if (interrupts.incrementAndGet() == 1 && !task.done()) {
                    task.cancel();
                } else {
                    l.stop();
                }
            });
        }
        try {
            return l.runUntilComplete(task);
        } catch (CancelledError e) {
            if (interrupts.get() > 0 && task.uncancel() == 0) {
                throw new KeyboardInterrupt();
            }
            throw e;
        } catch (IllegalStateException e) {
            if (interrupts.get() > 1 && !task.done()) {
                throw new KeyboardInterrupt();
            }
            throw e;
        } finally {
            if (handleSigint) {
                l.removeSignalHandler(SignalName.SIGINT);
            }
        }
    }

    private static boolean isMainThread() {
        return Thread.currentThread().getName().equals("main");
    }

    /** Runs a coroutine with no result. */
    public void run(AsyncRunnable coroutine) {
        run(coroutine.asCoroutine());
    }

    /** The runner's loop, created on first use. */
    public SelectorEventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (loop == null) {
            loop = loopFactory == null ? EventLoops.newEventLoop() : loopFactory.get();
            if (debug != null) {
                loop.setDebug(debug);
            }
            if (loopFactory == null) {
                EventLoops.setEventLoop(loop);
                setAsCurrent = true;
            }
        }
        return loop;
    }

    /** Cancels and awaits what is left, then closes the loop. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop == null) {
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            if (setAsCurrent) {
                EventLoops.setEventLoop(null);
            }
            loop.close();
        }
    }

    /** Cancels every unfinished task of {@code loop}, runs the loop until they are all done, reports failures. */
    public static void cancelAllTasks(SelectorEventLoop loop) {
        Set<Task<?>> toCancel = loop.allTasks();
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        List<Task<?>> tasks = new ArrayList<>(toCancel);
        loop.runUntilComplete(Aio.gather(true, tasks));
        for (Task<?> t : tasks) {
            if (t.cancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                loop.callExceptionHandler(ExceptionContext.of(
                        "unhandled exception during asyncio.run() shutdown", e).with("task", t));
            }
        }
    }
}
