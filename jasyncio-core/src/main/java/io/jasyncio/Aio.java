package io.jasyncio;

import io.jasyncio.internal.Throwables;
import io.jasyncio.loop.EventLoop;
import io.jasyncio.loop.EventLoops;
import io.jasyncio.loop.Runner;
import io.jasyncio.loop.SelectorEventLoop;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * asyncio's top-level functions: {@code run}, {@code await}, {@code sleep}, {@code create_task},
 * {@code gather}, {@code wait}, {@code wait_for}, {@code timeout}, {@code shield}, {@code as_completed},
 * {@code TaskGroup}, {@code current_task}, {@code all_tasks}, {@code get_running_loop}.
 *
 * <p>The suspending functions ({@link #await}, {@link #sleep}, {@link #waitFor}, {@link #wait},
 * {@link #taskGroup}) must be called inside a task; each says how it reacts to cancellation.
 */
public final class Aio {

    private Aio() {
    }

    // ---- running ---------------------------------------------------------------------------------

    /**
     * Runs {@code main} as the main task of a new loop, then cancels the tasks it left behind, waits for
     * them, and closes the loop (asyncio {@code run}). Returns the main task's result or raises its
     * exception.
     */
    public static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /** Runs a main coroutine with no result; see {@link #run(Coroutine)}. */
    public static void run(AsyncRunnable main) {
        run(main.asCoroutine());
    }

    /** Like {@link #run(Coroutine)} with debug mode set on or off for the new loop. */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        try (Runner runner = new Runner(debug, null)) {
            return runner.run(main);
        }
    }

    // ---- awaiting --------------------------------------------------------------------------------

    /**
     * {@code await future}: returns its result or raises its exception (unchanged, checked or not).
     *
     * <p>Inside a task it suspends the task until the future is done (returning at once if it is done
     * already). Cancelling the task while it waits cancels the future and raises
     * {@link CancelledError} here. On a thread that is not a loop thread it blocks that thread. On the
     * loop thread outside any task it raises {@link IllegalStateException}: nothing could resume it.
     */
    public static <T> T await(Future<T> future) {
        // Usually the caller is a task of the future's own loop: asking that loop spares a ThreadLocal lookup.
        SelectorEventLoop loop = future.loop.onLoopThread() ? future.loop : EventLoops.runningOrNull();
        if (loop != null) {
            Task<?> task = loop.currentTask();
            if (task == null) {
                throw new IllegalStateException("await called on the event loop's thread outside a task "
                        + "(in a callback, or before the loop runs): wrap the code in a task with createTask");
            }
            return task.awaitFuture(future);
        }
        return future.blockingResult();
    }

    /**
     * {@code await coroutine()}: runs the coroutine in the calling task and returns its result (a
     * plain call would do the same; this spells the await out).
     */
    public static <T> T await(Coroutine<T> coroutine) {
        try {
            return coroutine.call();
        } catch (Exception e) {
            throw Throwables.sneaky(e);
        }
    }

    /**
     * Suspends the calling task for {@code seconds} (asyncio {@code sleep}); {@code sleep(0)} yields for
     * exactly one loop iteration. Cancellable: raises {@link CancelledError}.
     */
    public static void sleep(double seconds) {
        Task<?> task = currentTaskOrThrow("sleep");
        if (seconds <= 0) {
            task.yieldNow();
            return;
        }
        task.sleep(secondsToNanos(seconds));
    }

    private static long secondsToNanos(double seconds) {
        double n = seconds * 1e9;
        return n >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : Math.round(n);
    }

    /** {@link #sleep(double)} that returns {@code result} ({@code asyncio.sleep(delay, result)}). */
    public static <T> T sleep(double seconds, T result) {
        sleep(seconds);
        return result;
    }

    // ---- tasks -----------------------------------------------------------------------------------

    /** Wraps {@code coroutine} in a task on the running loop (asyncio {@code create_task}). */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoops.getRunningLoop().createTask(coroutine, null);
    }

    /** Wraps {@code coroutine} in a task with a name. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoops.getRunningLoop().createTask(coroutine, name);
    }

    /** Wraps a coroutine without a result in a task. */
    public static Task<Void> createTask(AsyncRunnable coroutine) {
        return EventLoops.getRunningLoop().createTask(coroutine, null);
    }

    /** Wraps a coroutine without a result in a named task. */
    public static Task<Void> createTask(AsyncRunnable coroutine, String name) {
        return EventLoops.getRunningLoop().createTask(coroutine, name);
    }

    /** The task running now, or {@code null} (asyncio {@code current_task}). */
    public static Task<?> currentTask() {
        SelectorEventLoop loop = EventLoops.runningOrNull();
        return loop == null ? null : loop.currentTask();
    }

    /** The running loop's unfinished tasks (asyncio {@code all_tasks}). */
    public static Set<Task<?>> allTasks() {
        return EventLoops.getRunningLoop().allTasks();
    }

    /** The running loop (asyncio {@code get_running_loop}); raises when none is running. */
    public static SelectorEventLoop getRunningLoop() {
        return EventLoops.getRunningLoop();
    }

    /** The running loop, else this thread's loop (asyncio {@code get_event_loop}). */
    public static EventLoop getEventLoop() {
        return EventLoops.getEventLoop();
    }

    /** Creates a new loop (asyncio {@code new_event_loop}). */
    public static SelectorEventLoop newEventLoop() {
        return EventLoops.newEventLoop();
    }

    /** Sets this thread's loop (asyncio {@code set_event_loop}). */
    public static void setEventLoop(EventLoop loop) {
        EventLoops.setEventLoop(loop);
    }

    /**
     * A future for {@code awaitable} (asyncio {@code ensure_future}): a future is returned as it is, a
     * coroutine is wrapped in a new task on the running loop.
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        return ensureFuture(awaitable, null);
    }

    /** {@link #ensureFuture(Awaitable)} for a coroutine written as a lambda: wraps it in a new task. */
    public static <T> Future<T> ensureFuture(Coroutine<T> coroutine) {
        return ensureFuture((Awaitable<T>) coroutine, null);
    }

    /** {@link #ensureFuture(Awaitable)} on a given loop ({@code null}: the current one). */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> ensureFuture(Awaitable<? extends T> awaitable, EventLoop loop) {
        if (awaitable instanceof Future<?> f) {
            if (loop != null && f.getLoop() != loop) {
                throw new IllegalArgumentException(
                        "The future belongs to a different loop than the one specified as the loop argument");
            }
            return (Future<T>) f;
        }
        if (awaitable instanceof Coroutine<?> c) {
            EventLoop target = loop != null ? loop : EventLoops.getEventLoop();
            return target.createTask((Coroutine<T>) c);
        }
        throw new IllegalArgumentException("An asyncio.Future or a Coroutine is required, not " + awaitable);
    }

    // ---- waiting for many ------------------------------------------------------------------------

    /**
     * One future for the results of {@code coroutines}, each run in its own task (asyncio
     * {@code gather}); see {@link #gather(boolean, List)}.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Coroutine<? extends T>... coroutines) {
        return gather(Arrays.asList(coroutines));
    }

    /** One future for the results of {@code futures}, in order. */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        return gather(Arrays.asList(futures));
    }

    /** One future for the results of {@code awaitables}, in order; the first failure fails it. */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(loopFor(awaitables), awaitables, false);
    }

    /**
     * asyncio {@code gather(*aws, return_exceptions=...)}. Without {@code returnExceptions}, the first
     * exception of a child becomes the gather's (the others keep running); with it, the results list
     * holds each child's result or exception (a cancelled child gives a {@link CancelledError}).
     * Cancelling the returned future cancels all unfinished children.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Collection<? extends Awaitable<?>> awaitables) {
        return Gather.of(loopFor(awaitables), List.copyOf(awaitables), returnExceptions);
    }

    private static SelectorEventLoop loopFor(Collection<? extends Awaitable<?>> awaitables) {
        for (Awaitable<?> a : awaitables) {
            if (a instanceof Future<?> f) {
                return (SelectorEventLoop) f.getLoop();
            }
        }
        return (SelectorEventLoop) EventLoops.getEventLoop();
    }

    /** When {@link #wait} returns (asyncio's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}). */
    public enum ReturnWhen {
        /** As soon as any future is done or cancelled. */
        FIRST_COMPLETED,
        /** As soon as any future raises, or when all are done. */
        FIRST_EXCEPTION,
        /** When all futures are done. */
        ALL_COMPLETED
    }

    /** The result of {@link #wait}: the futures that are done and those still pending, in the order given. */
    public record Done<T>(Set<Future<T>> done, Set<Future<T>> pending) {
    }

    /** Waits until all of {@code futures} are done (asyncio {@code wait}); never cancels them. */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures) {
        return Waiting.await(currentTaskOrThrow("wait"), futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until {@code returnWhen} holds or {@code timeout} seconds pass ({@code null}: no limit),
     * and returns the done and pending futures. Never cancels them, nor raises on timeout. Cancelling
     * the calling task raises {@link CancelledError} here and leaves the futures running.
     */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures, Double timeout, ReturnWhen returnWhen) {
        return Waiting.await(currentTaskOrThrow("wait"), futures, timeout, returnWhen);
    }

    /**
     * Awaits {@code awaitable} for at most {@code timeout} seconds (asyncio {@code wait_for}, as in Python
     * 3.12: a {@link #timeout} block around the await). On timeout it cancels the awaited work, waits for
     * the cancellation to finish, and raises {@link TimeoutError}; if the work swallows the cancellation
     * and returns a value, that value is returned, and if it fails while cancelling, its exception is
     * raised. A coroutine runs inline in the calling task; {@code null} means no limit; {@code timeout
     * <= 0} gives the outcome of a future that is done already and otherwise cancels at once. Cancelling
     * the calling task cancels the awaited work and raises {@link CancelledError}, not {@code TimeoutError}.
     */
    public static <T> T waitFor(Awaitable<T> awaitable, Double timeout) {
        Task<?> task = currentTaskOrThrow("waitFor");
        if (timeout != null && timeout <= 0) {
            // No time at all: a future that is done gives its outcome; anything else is cancelled, and
            // waited for, since wait_for must not return while the work still runs.
            Future<T> future = ensureFuture(awaitable, task.getLoop());
            if (future.done()) {
                return future.result();
            }
            cancelAndWait(task, future);
            if (future.cancelled()) {
                throw new TimeoutError(null, future.makeCancelledError());
            }
            return future.result(); // it swallowed the cancellation, or failed while cancelling
        }
        try (Timeout t = timeout(timeout)) {
            if (awaitable instanceof Coroutine<T> c) {
                return await(c);
            }
            return task.awaitFuture(ensureFuture(awaitable, task.getLoop()));
        }
    }

    /**
     * Cancels {@code future} and waits until it is done, through a future of our own so that cancelling
     * the waiting task raises at once (asyncio {@code _cancel_and_wait}).
     */
    private static void cancelAndWait(Task<?> task, Future<?> future) {
        Future<Void> waiter = task.getLoop().createFuture();
        java.util.function.Consumer<Future<?>> release = f -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        };
        future.addDoneCallback(release);
        try {
            future.cancel();
            task.awaitFuture(waiter);
        } finally {
            future.removeDoneCallback(release);
        }
    }

    /** {@link #waitFor(Awaitable, Double)} for a coroutine written as a lambda; it runs inline in the calling task. */
    public static <T> T waitFor(Coroutine<T> coroutine, Double timeout) {
        return waitFor((Awaitable<T>) coroutine, timeout);
    }

    /**
     * A deadline {@code delay} seconds from now for a try-with-resources block ({@code null}: none; it
     * can be set later with {@link Timeout#reschedule}); see {@link Timeout}.
     */
    public static Timeout timeout(Double delay) {
        Task<?> task = currentTaskOrThrow("timeout");
        return new Timeout(task, delay == null ? null : task.getLoop().time() + delay);
    }

    /** A deadline at {@code when} on the loop's clock ({@code null}: none); see {@link Timeout}. */
    public static Timeout timeoutAt(Double when) {
        return new Timeout(currentTaskOrThrow("timeoutAt"), when);
    }

    /**
     * A future that follows {@code awaitable} but whose cancellation does not reach it (asyncio
     * {@code shield}): cancelling the task that awaits the shield raises {@link CancelledError} in that
     * task while the shielded work goes on.
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Shield.of(ensureFuture(awaitable));
    }

    /** {@link #shield(Awaitable)} for a coroutine written as a lambda: it runs in a task of its own. */
    public static <T> Future<T> shield(Coroutine<T> coroutine) {
        return shield((Awaitable<T>) coroutine);
    }

    /**
     * Futures that complete in the order {@code awaitables} finish (asyncio {@code as_completed}); after
     * {@code timeout} seconds ({@code null}: none) the rest raise {@link TimeoutError}.
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables,
                                                     Double timeout) {
        SelectorEventLoop loop = EventLoops.getRunningLoop();
        return new AsCompleted<>(loop, awaitables, timeout);
    }

    /** {@link #asCompleted(Collection, Double)} without a timeout. */
    public static <T> Iterator<Future<T>> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new AsCompleted<>(EventLoops.getRunningLoop(), awaitables, null);
    }

    /**
     * Runs {@code body} with a {@link TaskGroup} and returns when every task of the group is done;
     * raises an {@link ExceptionGroup} if any failed (asyncio {@code async with TaskGroup() as tg}).
     */
    public static void taskGroup(TaskGroup.Body body) {
        TaskGroup.run(currentTaskOrThrow("taskGroup"), body);
    }

    // ---- async generators and context managers ---------------------------------------------------

    /** An async generator: {@code body} yields values with {@code y.yield(v)} and may await; see {@link AsyncGenerator}. */
    public static <T> AsyncGenerator<T> asyncGenerator(AsyncGenerator.Body<T> body) {
        return new AsyncGenerator<>(body, "async_generator");
    }

    /**
     * Enters an async context manager made from a generator ({@code contextlib.asynccontextmanager}):
     * runs {@code body} to its {@code yield} (suspending as it awaits); see {@link AsyncContextManager}.
     */
    public static <T> AsyncContextManager<T> asyncContextManager(AsyncGenerator.Body<T> body) {
        return new AsyncContextManager<>(body);
    }

    // ---- threads ---------------------------------------------------------------------------------

    /**
     * Runs {@code fn} on the loop's default executor with a copy of the caller's context variables,
     * suspending until it returns (asyncio {@code to_thread}). Cancelling the task cancels the job if it
     * has not started; a started job runs to its end.
     */
    public static <T> T toThread(java.util.concurrent.Callable<T> fn) {
        Task<?> task = currentTaskOrThrow("toThread");
        io.jasyncio.internal.ContextMap context = Context.currentMap();
        return task.awaitFuture(task.getLoop().runInExecutor(null, () -> Context.runWith(context, fn)));
    }

    /** {@link #toThread(java.util.concurrent.Callable)} for code with no result. */
    public static void toThread(Runnable fn) {
        toThread(() -> {
            fn.run();
            return null;
        });
    }

    /**
     * A loop future that follows {@code future}, a {@code CompletableFuture} or any
     * {@code java.util.concurrent.Future} (asyncio {@code wrap_future}); cancelling either cancels the
     * other.
     */
    public static <T> Future<T> wrapFuture(java.util.concurrent.Future<T> future) {
        return ThreadBridge.wrap(future, EventLoops.getRunningLoop());
    }

    /** {@link #wrapFuture(java.util.concurrent.Future)} onto a given loop; call it on that loop's thread. */
    public static <T> Future<T> wrapFuture(java.util.concurrent.Future<T> future, EventLoop loop) {
        return ThreadBridge.wrap(future, (SelectorEventLoop) loop);
    }

    /**
     * Submits {@code coroutine} to {@code loop} from any thread and returns a {@code CompletableFuture}
     * for its result (asyncio {@code run_coroutine_threadsafe}); cancelling it cancels the task.
     */
    public static <T> java.util.concurrent.CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine,
                                                                                     EventLoop loop) {
        return ThreadBridge.submit(coroutine, (SelectorEventLoop) loop);
    }

    private static Task<?> currentTaskOrThrow(String what) {
        SelectorEventLoop loop = EventLoops.runningOrNull();
        if (loop == null) {
            throw new IllegalStateException(what + "() needs a running event loop: call it inside a task");
        }
        Task<?> task = loop.currentTask();
        if (task == null) {
            throw new IllegalStateException(what + "() must be called inside a task, not in a callback");
        }
        return task;
    }
}
